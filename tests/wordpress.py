"""A real WordPress (Debian's ``wordpress`` package) on loopback: MariaDB in a temp dir, PHP's built-in server.

``mariadb_server(tmp)`` starts one ``mariadbd`` (socket only, no TCP). ``wordpress_site(...)`` builds a
WordPress tree of symlinks to ``/usr/share/wordpress`` with its own ``wp-config.php`` and table prefix,
installs it with WordPress's own ``wp_install()``, adds authors and posts with ``wp_insert_user()`` and
``wp_insert_post()``, switches the theme and permalink style, and serves it with ``php -S``. What the
tests know of the site (every post's permalink and author) comes from WordPress itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WP_ROOT = Path("/usr/share/wordpress")
#: Where Debian's theme packages put the bundled themes (wordpress-theme-twentytwenty{one,two,three}).
THEME_DIRS = (WP_ROOT / "wp-content" / "themes", Path("/var/lib/wordpress/wp-content/themes"))
PRETTY = "/%year%/%monthnum%/%postname%/"
PLAIN = ""


def available() -> str | None:
    """Why a real WordPress cannot run here, or None when it can."""
    for command in ("php", "mariadbd", "mariadb-install-db"):
        if shutil.which(command) is None and not Path(f"/usr/sbin/{command}").exists():
            return f"{command} is missing (apt-get install wordpress php-cli php-mysql mariadb-server)"
    if not (WP_ROOT / "wp-settings.php").exists():
        return "Debian's wordpress package is not installed"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _binary(name: str) -> str:
    return shutil.which(name) or f"/usr/sbin/{name}"


@contextmanager
def mariadb_server(workdir: Path) -> Iterator[Path]:
    """Start a private ``mariadbd`` with its data in ``workdir``; yield its socket path."""
    data, sock = workdir / "mysql", workdir / "mysql.sock"
    subprocess.run(
        [_binary("mariadb-install-db"), "--no-defaults", f"--datadir={data}", "--user=root", "--skip-test-db",
         "--auth-root-authentication-method=normal"],
        check=True, capture_output=True,
    )
    log = open(workdir / "mariadb.log", "wb")  # noqa: SIM115 - closed when the server stops
    server = subprocess.Popen(
        [_binary("mariadbd"), "--no-defaults", f"--datadir={data}", f"--socket={sock}", "--skip-networking",
         "--user=root", f"--pid-file={workdir / 'mariadb.pid'}", "--innodb-buffer-pool-size=32M"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while not sock.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"mariadbd did not start: {(workdir / 'mariadb.log').read_text()[-2000:]}")
            time.sleep(0.2)
        yield sock
    finally:
        server.terminate()
        server.wait(30)
        log.close()


_CONFIG = """<?php
define('DB_NAME', 'wp_{prefix}');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:{sock}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
$table_prefix = '{prefix}_';
define('WP_HOME', '{base}');
define('WP_SITEURL', '{base}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
"""

# PHP's built-in server: real files as they are, everything else through WordPress's front controller.
# With plain permalinks a web server has no rewrite rules: a path that is no file is its own 404.
_ROUTER = """<?php
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path !== '/' && is_file(__DIR__ . $path)) return false;
if (PLAIN && $path !== '/' && $path !== '/index.php') { http_response_code(404); echo 'Not Found'; return true; }
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = __DIR__ . '/index.php';
require __DIR__ . '/index.php';
"""

# A site that shows no byline at all (some themes and many site owners hide it): the blocks that print
# the author render nothing.
_HIDE_AUTHOR = """<?php
add_filter('render_block', function ($content, $block) {
    $author_blocks = array('core/post-author', 'core/post-author-name', 'core/post-author-biography');
    return in_array($block['blockName'], $author_blocks, true) ? '' : $content;
}, 10, 2);
"""

# Author archives switched off, as SEO plugins offer it (Yoast's "Author archives: Disabled"): an author's page
# answers with a permanent redirect to the home page.
_NO_AUTHOR_ARCHIVES = """<?php
add_action('template_redirect', function () {
    if (is_author()) {
        wp_redirect(home_url('/'), 301);
        exit;
    }
});
"""

# The REST API closed to visitors, as security plugins offer ("Disable REST API"): 401 for every route.
_NO_REST_API = """<?php
add_filter('rest_authentication_errors', function ($result) {
    $closed = new WP_Error('rest_login_required', 'REST API restricted', array('status' => 401));
    return is_user_logged_in() ? $result : $closed;
});
"""

_INSTALL = """<?php
$spec = json_decode(file_get_contents($argv[1]), true);
$_SERVER['HTTP_HOST'] = $spec['host'];
define('WP_INSTALLING', true);
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/taxonomy.php';
wp_install('Loopback Journal', 'admin', 'admin@example.test', true, '', 'admin-password');
switch_theme($spec['theme']);
global $wp_rewrite;
$wp_rewrite->set_permalink_structure($spec['permalinks']);
update_option('posts_per_page', $spec['per_page']);
$shared = wp_create_category('Shared Desk');
$users = array();
foreach ($spec['authors'] as $a) {
    $users[$a['slug']] = wp_insert_user(array('user_login' => $a['slug'], 'user_nicename' => $a['slug'],
        'display_name' => $a['name'], 'first_name' => $a['name'], 'user_pass' => 'pw-' . $a['slug'],
        'user_email' => $a['slug'] . '@example.test', 'role' => 'author'));
}
$out = array();
foreach ($spec['posts'] as $p) {
    $id = wp_insert_post(array('post_title' => $p['title'], 'post_content' => $p['content'],
        'post_status' => 'publish', 'post_author' => $users[$p['author']], 'post_date' => $p['date'],
        'post_category' => array($shared)));
    $out[] = array('id' => $id, 'url' => get_permalink($id), 'author' => $p['author']);
}
flush_rewrite_rules();
echo json_encode($out);
"""


@dataclass
class WordPressSite:
    base_url: str
    theme: str
    permalinks: str
    #: author slug -> the permalinks of their posts, as WordPress gives them
    posts: dict[str, set[str]]
    names: dict[str, str]


def _tree(
    root: Path, sock: Path, prefix: str, base: str, hide_author: bool, plain: bool, author_archives: bool = True,
    rest_api: bool = True,
) -> None:
    root.mkdir(parents=True)
    for entry in WP_ROOT.iterdir():
        if entry.name in {"wp-config.php", "wp-content", ".htaccess"}:
            continue
        if entry.suffix == ".php":
            # Copied, not linked: PHP resolves __DIR__ through symlinks, and wp-load.php finds the config there.
            shutil.copy(entry, root / entry.name)
        else:
            (root / entry.name).symlink_to(entry)
    themes = root / "wp-content" / "themes"
    themes.mkdir(parents=True)
    (root / "wp-content" / "plugins").mkdir()
    (root / "wp-content" / "mu-plugins").mkdir()
    if hide_author:
        (root / "wp-content" / "mu-plugins" / "hide-author.php").write_text(_HIDE_AUTHOR)
    if not author_archives:
        (root / "wp-content" / "mu-plugins" / "no-author-archives.php").write_text(_NO_AUTHOR_ARCHIVES)
    if not rest_api:
        (root / "wp-content" / "mu-plugins" / "no-rest-api.php").write_text(_NO_REST_API)
    for folder in THEME_DIRS:
        for theme in folder.glob("*") if folder.is_dir() else []:
            if not (themes / theme.name).exists():
                (themes / theme.name).symlink_to(theme.resolve())
    (root / "wp-config.php").write_text(_CONFIG.format(prefix=prefix, sock=sock, base=base))
    (root / "router.php").write_text(_ROUTER.replace("PLAIN", "true" if plain else "false", 1))
    (root / "install.php").write_text(_INSTALL)


@contextmanager
def wordpress_site(
    workdir: Path, sock: Path, theme: str, permalinks: str, authors: dict[str, str], posts: list[dict],
    per_page: int = 10, hide_author: bool = False, author_archives: bool = True, rest_api: bool = True,
) -> Iterator[WordPressSite]:
    """Install and serve one WordPress site; ``posts`` are dicts of title, content, author (slug), date.

    ``hide_author``: the theme's author blocks print nothing (a must-use plugin), so no page names its author.
    ``author_archives``: False redirects every author page to the home page (a must-use plugin).
    ``rest_api``: False closes the REST API to visitors (401, a must-use plugin).
    """
    flags = f"{'h' if hide_author else ''}{'' if author_archives else 'n'}{'' if rest_api else 'r'}"
    prefix = f"{theme}{'p' if permalinks else 'q'}{flags}".replace("twentytwenty", "tt")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    root = workdir / prefix
    _tree(root, sock, prefix, base, hide_author, plain=not permalinks, author_archives=author_archives,
          rest_api=rest_api)
    subprocess.run(["mariadb", "--no-defaults", "-S", str(sock), "-u", "root", "-e",
                    f"CREATE DATABASE IF NOT EXISTS wp_{prefix}"], check=True, capture_output=True)
    spec = {"host": f"127.0.0.1:{port}", "theme": theme, "permalinks": permalinks, "per_page": per_page,
            "authors": [{"slug": slug, "name": name} for slug, name in authors.items()], "posts": posts}
    (root / "spec.json").write_text(json.dumps(spec))
    done = subprocess.run(["php", str(root / "install.php"), str(root / "spec.json")], cwd=root,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0 or not done.stdout.strip().startswith("["):
        raise RuntimeError(f"WordPress install failed: {done.stdout[-1500:]} {done.stderr[-1500:]}")
    created = json.loads(done.stdout[done.stdout.index("["):])
    log = open(workdir / f"{prefix}.log", "wb")  # noqa: SIM115 - closed when the server stops
    # Its own process group: PHP_CLI_SERVER_WORKERS forks workers, which must stop with the server.
    server = subprocess.Popen(
        ["php", "-S", f"127.0.0.1:{port}", "-t", str(root), str(root / "router.php")],
        cwd=root, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
        start_new_session=True,
    )
    try:
        _wait_for(port, server)
        by_author: dict[str, set[str]] = {slug: set() for slug in authors}
        for post in created:
            by_author[post["author"]].add(post["url"])
        yield WordPressSite(base, theme, permalinks, by_author, dict(authors))
    finally:
        stop_group(server)
        log.close()


def stop_group(server: subprocess.Popen) -> None:
    """Stop a server and every process it forked (its process group), killing what does not stop."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(10)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(10)
    except ProcessLookupError:
        pass
    with contextlib.suppress(ProcessLookupError):  # workers that outlived the parent
        os.killpg(server.pid, signal.SIGKILL)


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("php -S exited")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError("php -S did not listen")
