"""The layout's rules, checked on the source: imports go one way, modules and functions stay small."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

#: Each package's layer. A module imports from its own package or from a lower layer, never from a
#: higher one nor from another package of its own layer. (docs/architecture.md draws the same.)
LAYERS = {
    # Leaves: the corpus file, and plain helpers any stage may use.
    "crawler.items": -1,  # the record's definition: the corpus stores its fields
    "pipelines.corpus": 0, "crawler.urls": 0, "crawler.text": 0, "crawler.compression": 0,
    "crawler.lockowner": -1,  # who holds a lock file: the corpus's watch tables use it
    "crawler.preflight": 0, "crawler.internals": 0,
    "crawler.seeds": 0.5,  # seeds are normalised as URLs are
    "crawler.discovery": 1,  # who wrote a page and where their articles are: pure, knows nothing of storage
    "crawler.extraction": 2,  # a page parsed once into facts and a record (uses discovery's readers)
    "pipelines": 3,  # the item stages: validate, deduplicate, store
    # Scrapy components and the monitor, side by side and apart.
    "crawler.cluster": 4, "crawler.downloadermiddlewares": 4, "crawler.extensions": 4, "crawler.monitor": 4,
    "crawler.cli": 4, "crawler.outputs": 4, "crawler.progress": 4, "crawler.feedstorage": 4,
    "crawler.logformatter": 4, "crawler.settings": 4, "crawler.settingsdoc": 4.5,  # documents the settings
    "crawler.spiders": 5, "crawler.commands": 5,  # on top: what a user runs
}
MAX_MODULE_LINES, MAX_FUNCTION_LINES = 300, 50


def _package(module: str) -> str | None:
    """The LAYERS key ``module`` belongs to (its longest prefix there)."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in LAYERS:
            return ".".join(parts[:end])
    return None


def _sources() -> list[tuple[str, Path]]:
    return [(".".join(path.relative_to(ROOT).with_suffix("").parts), path)
            for top in ("crawler", "pipelines") for path in sorted((ROOT / top).rglob("*.py"))]


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def test_every_module_has_a_layer() -> None:
    unplaced = [module for module, _ in _sources() if _package(module) is None and not module.endswith("__init__")]
    assert unplaced == []


def test_imports_go_down_the_layers_only() -> None:
    wrong = []
    for module, path in _sources():
        own = _package(module)
        for name in _imports(path):
            other = _package(name)
            if own is None or other is None or other == own:
                continue
            if LAYERS[other] >= LAYERS[own]:
                wrong.append(f"{module} imports {name} ({other}, layer {LAYERS[other]} >= {LAYERS[own]})")
    assert wrong == []


def test_modules_and_functions_stay_small() -> None:
    too_long = []
    for module, path in _sources():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        lines = text.count("\n")
        if lines > MAX_MODULE_LINES and "over 300 lines" not in (ast.get_docstring(tree) or ""):
            too_long.append(f"{module}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{module}.{node.name}: {length} lines")
    assert too_long == []
