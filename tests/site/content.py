"""The fixture web's content: sites, authors and articles, generated deterministically."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

_WORDS = [
    "analysis",
    "budget",
    "city",
    "council",
    "data",
    "design",
    "editor",
    "energy",
    "evidence",
    "field",
    "growth",
    "history",
    "housing",
    "industry",
    "interview",
    "language",
    "library",
    "market",
    "measure",
    "model",
    "network",
    "policy",
    "practice",
    "pressure",
    "question",
    "record",
    "region",
    "report",
    "research",
    "river",
    "school",
    "science",
    "season",
    "signal",
    "software",
    "station",
    "street",
    "student",
    "study",
    "system",
    "teacher",
    "theory",
    "traffic",
    "transport",
    "village",
    "water",
    "weather",
    "winter",
    "worker",
    "archive",
    "border",
    "bridge",
    "canal",
    "climate",
    "coast",
    "culture",
    "harbour",
    "island",
    "journey",
    "landscape",
    "mountain",
    "observer",
    "orchard",
    "pattern",
    "railway",
    "ritual",
    "sample",
    "scholar",
    "shelter",
    "summit",
    "surface",
    "tide",
    "timber",
    "valley",
]
_VERBS = [
    "changed",
    "explained",
    "revealed",
    "suggested",
    "measured",
    "described",
    "questioned",
    "improved",
    "reduced",
    "followed",
    "supported",
    "challenged",
    "recorded",
    "shaped",
    "documented",
    "reported",
    "examined",
    "outlined",
    "tracked",
    "compared",
]
_LINKS = ["however", "meanwhile", "still", "moreover", "instead", "later", "indeed", "perhaps", "therefore", "yet"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(4, 9))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(_VERBS))
    words.insert(rng.randint(1, len(words) - 1), "the")
    if rng.random() < 0.4:
        words.insert(0, rng.choice(_LINKS) + ",")
    text = " ".join(words)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


def paragraphs(seed: str, count: int = 6) -> list[str]:
    """Return ``count`` deterministic pseudo-English paragraphs for ``seed``."""
    rng = random.Random(seed)
    return [" ".join(_sentence(rng) for _ in range(rng.randint(4, 6))) for _ in range(count)]


@dataclass(frozen=True)
class Author:
    slug: str
    name: str
    wp_id: int


@dataclass
class Article:
    slug: str
    title: str
    authors: list[Author]
    published: datetime
    body: list[str]
    #: Serve this article's body under another slug too (a syndicated copy without canonical).
    repost_slug: str | None = None
    #: The repost is edited, not exact: its last paragraph cut and a few words changed (a near-duplicate).
    repost_edited: bool = False

    def repost_body(self) -> list[str]:
        """The body served at ``repost_slug``."""
        if not self.repost_edited:
            return self.body
        first = self.body[0].split()
        first[2:4] = ["(lightly", "edited)"]
        return [" ".join(first), *self.body[1:-1]]


@dataclass
class Site:
    name: str
    theme: str
    authors: list[Author]
    articles: list[Article] = field(default_factory=list)
    per_page: int = 4
    base_url: str = ""
    #: HTTP status of the WordPress REST API (401 when a security plugin blocks it).
    rest_status: int = 200

    def by(self, author: Author) -> list[Article]:
        """Articles that list ``author`` among their authors, newest first."""
        return sorted((a for a in self.articles if author in a.authors), key=lambda a: a.published, reverse=True)

    def primary(self, author: Author) -> list[Article]:
        """Articles whose first author is ``author``, newest first."""
        return [a for a in self.by(author) if a.authors[0] == author]


_TOPICS = [
    "River Towns",
    "Winter Markets",
    "Railway Maps",
    "Harbour Records",
    "Library Budgets",
    "Timber Bridges",
    "Coastal Weather",
    "School Gardens",
    "Village Archives",
    "Canal Trade",
    "Mountain Shelters",
    "Island Schools",
    "Orchard Data",
    "Signal Stations",
    "Tide Tables",
]


def make_articles(site: str, specs: list[tuple[list[Author], int]], start: datetime, step_days: int) -> list[Article]:
    """Articles for ``specs`` (authors, how many), one every ``step_days`` from ``start``, with generated bodies."""
    out = []
    when = start
    counter = 0
    for authors, count in specs:
        for _ in range(count):
            topic = _TOPICS[counter % len(_TOPICS)]
            slug = f"{authors[0].slug.split('-')[0]}-{topic.lower().replace(' ', '-')}-{counter}"
            out.append(
                Article(
                    slug=slug,
                    title=f"{topic}: notes {counter} by {' & '.join(a.name.split()[0] for a in authors)}",
                    authors=list(authors),
                    published=when,
                    body=paragraphs(f"{site}/{slug}", count=5 + counter % 3),
                )
            )
            when += timedelta(days=step_days, hours=counter % 5)
            counter += 1
    return out


JANE = Author("jane-doe", "Jane Doe", 2)
JOHN = Author("john-roe", "John Roe", 3)
ANA = Author("ana-lima", "Ana Lima", 4)
BOB = Author("bob-smith", "Bob Smith", 7)
CARLA = Author("carla-diaz", "Carla Díaz", 8)


def wordpress_site(scale: int = 1) -> Site:
    """A WordPress free-theme site: "More From Author" blocks, author archives, related posts, sidebar."""
    site = Site("wp", "wpfree", [JANE, JOHN, ANA], per_page=4)
    site.articles = make_articles(
        "wp",
        [([JANE], 8 * scale), ([JOHN], 4 * scale), ([ANA], 3 * scale), ([JANE, JOHN], 1), ([JOHN, JANE], 1)],
        datetime(2024, 1, 8, 9, 30, tzinfo=UTC),
        step_days=9,
    )
    # One of Jane's posts was republished under a second URL, without a canonical link.
    site.by(JANE)[5].repost_slug = "republished-" + site.by(JANE)[5].slug
    return site


def blog_site(scale: int = 1) -> Site:
    """A hand-written, non-WordPress blog: "More from this author" heading, /authors/ pages, JSON-LD."""
    site = Site("blog", "plainblog", [BOB, CARLA], per_page=3)
    site.articles = make_articles(
        "blog",
        [([BOB], 6 * scale), ([CARLA], 3 * scale), ([BOB, CARLA], 1)],
        datetime(2023, 11, 2, 14, 0, tzinfo=UTC),
        step_days=12,
    )
    # One of Bob's posts was syndicated back to the blog, cut short and lightly edited.
    bob_post = site.primary(BOB)[3]
    bob_post.repost_slug, bob_post.repost_edited = "syndicated-" + bob_post.slug, True
    return site


MARA = Author("mara-quinn", "Mara Quinn", 11)
LEO = Author("leo-brandt", "Leo Brandt", 12)
NINA = Author("nina-park", "Nina Park", 5)
OTTO = Author("otto-berg", "Otto Berg", 6)
PIA = Author("pia-costa", "Pia Costa", 9)
RAJ = Author("raj-mehta", "Raj Mehta", 10)
SAM = Author("sam-okoro", "Sam Okoro", 31)
TIA = Author("tia-nakamura", "Tia Nakamura", 32)


def tagdiv_site(scale: int = 1) -> Site:
    """tagDiv Newspaper: the author tab of the related block is filled by AJAX; archive, feed and REST."""
    site = Site("tagdiv", "tagdiv", [MARA, LEO], per_page=10)
    site.articles = make_articles(
        "tagdiv",
        [([MARA], 9 * scale), ([LEO], 4 * scale), ([MARA, LEO], 1), ([LEO, MARA], 1)],
        datetime(2024, 2, 3, 7, 0, tzinfo=UTC),
        step_days=3,
    )
    return site


def twenty_site(scale: int = 1) -> Site:
    """A Twenty-series block theme: the byline links the archive, which has a feed; the REST API is off."""
    site = Site("twenty", "twenty", [NINA, OTTO], per_page=10, rest_status=404)
    site.articles = make_articles(
        "twenty", [([NINA], 12 * scale), ([OTTO], 4 * scale), ([NINA, OTTO], 1)], datetime(2023, 6, 1, tzinfo=UTC), 5
    )
    return site


def jetpack_site(scale: int = 1) -> Site:
    """A classic theme with Jetpack related posts (any author) and an author bio box; archive, feed, REST."""
    site = Site("jetpack", "jetpack", [PIA, RAJ], per_page=10)
    site.articles = make_articles(
        "jetpack", [([PIA], 11 * scale), ([RAJ], 4 * scale), ([RAJ, PIA], 1)], datetime(2024, 1, 2, tzinfo=UTC), 4
    )
    return site


def headless_site(scale: int = 1) -> Site:
    """A headless front end: byline names only, no archive or feed; the WordPress REST API knows the rest."""
    site = Site("headless", "headless", [SAM, TIA], per_page=10)
    site.articles = make_articles(
        "headless", [([SAM], 11 * scale), ([TIA], 5 * scale)], datetime(2024, 3, 1, tzinfo=UTC), step_days=2
    )
    return site


def fixture_sites(scale: int = 1) -> list[Site]:
    """Every site of the fixture web, freshly built; ``scale`` multiplies each author's solo posts."""
    builders = (wordpress_site, blog_site, tagdiv_site, twenty_site, jetpack_site, headless_site)
    return [build(scale) for build in builders]
