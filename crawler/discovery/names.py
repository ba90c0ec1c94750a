"""Author names and identity keys: pure functions."""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from urllib.parse import urlsplit

from crawler.discovery.authorpages import archive_base
from crawler.text import drop_invisible, repair_mojibake
from crawler.urls import site_of

_PREFIX = re.compile(
    r"^\s*(?:(?:written|posted|published|story|words|text|analysis|opinion|commentary|review|interview|"
    r"reporting|photos?|video|geschrieben|verfasst|ver[öo]ffentlicht|[ée]crit|escrito|scritto|a\s+cura|geschreven"
    # The author's archive link: "View all posts by", "Zeige alle Beiträge von", "Tous les articles de".
    r"|(?:(?:view|see|show)\s+)?(?:all|more)\s+(?:posts|articles|stories|entries)"
    r"|(?:zeige\s+)?(?:alle\s+)?(?:beitr[äa]ge|beitrag|artikel)|zum\s+profil|tous\s+les\s+articles"
    r"|(?:todas\s+las\s+)?(?:entradas|publicaciones)|(?:tutti\s+gli\s+)?articoli)\s+)?"
    # "de" only after such a label: alone it begins names (De Silva).
    r"(?:by|von|par|por|(?<=articles )de|(?<=entradas )de|(?<=publicaciones )de|di|(?<=scritto )da|door|av)"
    r"\s*[:\-]?\s+"
    # A label, one author or several, a space after its colon or not: "Author: ", "Authors:Jane Doe".
    r"|^\s*(?:authors?|author\(s\)|autor(?:in|en|es)?|autore|autori|auteurs?|auteure)\s*(?:[:\-]\s*|\s+)(?=\S)"
    # Japanese and Chinese labels ("author", "writer", "text by", "reporter"), a colon or a bullet after them.
    r"|^\s*[\[\uff3b\u3010]?\s*(?:\u8457\u8005|\u7b46\u8005|\u4f5c\u8005|\u6587|\u57f7\u7b46|\u8a18\u8005|\u64b0\u6587)"
    r"\s*[:\uff1a\u25cf\u30fb]\s*",
    re.IGNORECASE,
)
# A byline often carries a role or outlet after a separator: "Jane Doe | Staff", "Jane Doe - Reuters".
_SUFFIX = re.compile(r"\s+(?:[|\u2013\u2014•·]|-\s)\s*.*$|,\s*(?:staff|senior|contributing|editor).*$"
                     # Japanese "(written, translated) by" after the name, bare or in brackets: "X 著", "X(著者)".
                     r"|\s+(?:\u8457|\u8a33|\u76e3\u8a33|\u7de8)$"
                     r"|\s*[(\uff08](?:\u8457\u8005|\u8457)[)\uff09]$", re.I)
# Another hand's credit in brackets after a Japanese name: illustration, translation, supervision, editing.
_OTHER_HAND = re.compile(
    r"[(\uff08](?:\u30a4\u30e9\u30b9\u30c8|\u8a33|\u7ffb\u8a33|\u76e3\u4fee|\u76e3\u8a33|\u7de8)[)\uff09]\s*$"
)
# Conjunctions between names, lower-case only: "Sarah E. Needleman" has a middle initial, not an "e".
# "A, B and C", "A, B, and C" (the serial comma), "A & B"; full-width commas too.
_AND = re.compile(r"\s*(?:,\s*(?:and|und|et|y|e|&)\s(?!\.)|[,\uff0c\u3001]|&|\s(?:and|und|et|y|e)\s(?!\.))\s*")
# Link texts found in byline areas that are not names.
_NOT_NAMES = frozenset(
    "biography bio profile more view posts articles stories author authors staff admin administrator "
    "follow twitter facebook instagram linkedin email e-mail contact about by editor editors "
    "read all see team newsroom learn full posts the name unknown guest written posted published undefined null "
    "webmaster no "
    # The same labels in the fixtures' other languages: "Veröffentlicht", "Stand" (as of), "Datenschutzerklärung".
    "veröffentlicht stand datenschutzerklärung datenschutz impressum agb kontakt newsletter "
    # "Author", "Text", "Profile", "By" and "Yes" in those languages: labels and buttons beside a byline.
    "autor autora auteur auteure autore text texte texto testo tekst profil perfil profilo von par por di door "
    "ja oui sí "
    "januar februar märz mai juni juli oktober dezember janvier février mars avril juin juillet août septembre "
    "octobre novembre décembre enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre "
    # "Author", "reporter", "editor", "source" in Chinese: the labels of a byline left empty.
    "作者 记者 記者 编辑 編輯 责任编辑 責任編輯 来源 來源 "
    # And in Japanese: "author", "writer", "poster", "creator", "site admin", "editorial department", "editor".
    "著者 筆者 執筆者 投稿者 作成者 管理人 編集部 編集者 "
    # Months and weekdays of a byline row's date: "Dec. 19, 2025 · Jane Doe".
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december mon tue wed thu fri sat sun".split()
)


def clean_author_name(raw: str) -> str:
    """Return the person's name from a byline string: "By Jane Doe | Staff" -> "Jane Doe"."""
    # html.unescape: pages that escape twice show "Maria &amp; Katerina" as text.
    # A full-width slash sets the outlet apart (Japanese bylines): a separator, before NFKC makes it a plain "/".
    name = unicodedata.normalize("NFKC", repair_mojibake(html.unescape(raw)).replace("\uff0f", " | "))
    # "Mat\u00adthi\u00adas": a soft hyphen is no letter; a zero-width space in a name is no word's end.
    name = " ".join(drop_invisible(name).replace("\u200b", "").split())
    name = _PREFIX.sub("", name)
    name = _SUFFIX.sub("", name)
    return _drop_avatar_initials(_drop_repeat(name.strip(" ,;:|-\u00bb\u203a\u2192>[]\u300a\u300b\u3010\u3011")))


def _drop_repeat(name: str) -> str:
    """"jesusfreak jesusfreak" -> "jesusfreak": an avatar's alt text read before the same name."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half and len(words) % 2 == 0 and words[:half] == words[half:] else name


def _drop_avatar_initials(name: str) -> str:
    """"CM Craig McCarthy" -> "Craig McCarthy": an avatar's initials bubble read before the name."""
    first, _, rest = name.partition(" ")
    words = rest.split()
    if not (2 <= len(first) <= 3 and first.isupper() and len(words) >= len(first)):
        return name
    initials = "".join(word[0] for word in words[: len(first)]).upper()
    return rest if first == initials else name


#: A site's desk, not a person: its author page ("/author/redaktion/") or its name alone. (Not "admin": WordPress's
#: first account is often the owner's, under their own name.)
DESK_WORDS = frozenset("redaktion redaction redaccion redazione staff editorial editors newsroom team".split())

_ROLE_WORDS = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|editor-at-large|staff|contributor|columnist|analyst|"
    r"journalist|producer|press|news|bureau|wire|desk|special\s+to|for\s+the|expert|specialist|consultant|"
    r"strategist|manager|director|coordinator|marketing|head\s+of|founder|officer|intern|fellow|professor|"
    r"lead|development|engineer|developer|designer|president|vp|ceo|cto|partner|associate|advisor|adviser|"
    r"scientist|researcher|communications|relations)\b",
    re.IGNORECASE,
)
# A user name, not a name: "andrew.keaveney", "brandon-peaktwo", "jane_doe" (one lower-case word, joined).
_HANDLE = re.compile(r"^[a-z0-9]+(?:[._-][a-z0-9]+)+$")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_ACCOUNT_WORDS = frozenset({
    "login", "logout", "log-in", "signin", "sign-in", "account", "register", "cart",
    # The same links in the fixtures' other languages: "Anmelden", "Connexion", "Entrar", "Accedi".
    "anmelden", "einloggen", "abmelden", "registrieren", "konto", "connexion", "inscription", "entrar", "acceder",
    "registrarse", "accedi", "registrati",
})
# Link labels that contain a name but are not one: "View author archive", "More articles from X".
_LABEL = re.compile(
    r"^(?:view|see|more|all|about|read|other|latest|follow|contact|email|posts|learn|full\s+bio|updated|published|"
    r"posted|last|authors?\s+of|"
    r"[üu]ber|mehr|alle|zum\s+profil|[àa]\s+propos|plus\s+de|tous|m[áa]s\s+de|sobre|"
    # "Last updated" in German, French, Spanish, Italian
    r"zuletzt|letzte|aktualisier\w*|mis\s+[àa]\s+jour|actualizad\w*|[úu]ltima\s+actualizaci\w*|aggiornat\w*)\b",
    re.IGNORECASE,
)


def is_handle(name: str) -> bool:
    """A user name shown as the byline ("andrew.keaveney", "freeman1984"): a name, but a person's real one is
    better."""
    return bool(_HANDLE.match(name) or _NUMBERED_HANDLE.fullmatch(name))


# One word of letters, then a number: a community site's user name ("Marianne1"); not a generated slug.
_NUMBERED_HANDLE = re.compile(r"[^\W\d_]{2,}\d{1,4}")


_LOWER_FUNCTION_WORDS = frozenset("a an the and or of to in on for with is are was this that our your".split())
_PROSE_WORDS = _LOWER_FUNCTION_WORDS | frozenset("he she it we they his her its their".split())
# Words no name ends with: a label ("Insights from", "Written by") or a phrase cut before what it introduces.
_TRAILING_FUNCTION_WORDS = frozenset("a an the and or of to in on at for from with by".split())


def is_plausible_name(name: str) -> bool:
    """Return True when ``name`` can be a person's (or a desk's) name: not a handle, address or link label."""
    words = name.split()
    if not 1 <= len(words) <= 6 or not 2 <= len(name) <= 80:  # one letter is an initial, not a name
        return False
    if not name[0].isalpha() or any(ch in "@/:=?#©" for ch in name) or _OBFUSCATED_AT.search(name) or \
            "www." in name.casefold():
        return False  # a handle, an address, a link ("jane[at]example.org", "Web Commerce GmbH www.w-commerce.de")
    if any(ch.isdigit() for ch in name) and not _NUMBERED_HANDLE.fullmatch(name):
        return False  # a date or a count; a user name may hold digits ("Marianne1", "freeman1984")
    if any(f" {by} " in f" {name.casefold()} " for by in ("by", "par", "por")):
        return False  # "Government Websites by CivicPlus": a credit line, not a name
    if len(words) == 1 and name.endswith(".") and len(name) <= 4:  # "ca.", "Dr.": an abbreviation alone
        return False
    if words[0] in _LOWER_FUNCTION_WORDS:  # "a firm dedicated to creating": prose, not a name
        return False
    if words[0][0].islower() and any(word in _PROSE_WORDS for word in words):
        return False  # "he specializes in research": prose (a name may be written in lower case: "kirstin boatto")
    if words[-1].casefold() in _TRAILING_FUNCTION_WORDS or name.endswith(("...", "\u2026")):
        return False  # "Insights from", "Myhrvold...": a label before a name, a name cut short
    if _LABEL.match(name):
        return False
    folded = [_POSSESSIVE.sub("", word.casefold().strip(".")) for word in words]
    if any(word in _ACCOUNT_WORDS for word in folded):  # "Loader Login", "My Account": a site's account link
        return False
    # "Authority control", "Author Profile", "zu allen Rezepten vom Autor": no name holds the word.
    if any(word.startswith(("author", "autor")) for word in folded):
        return False
    return not all(word in _NOT_NAMES for word in folded)


def _is_role(part: str, first: str) -> bool:
    """A byline part after a comma that is a credential, role or outlet, not a person ("MS", "AP Writer")."""
    if re.fullmatch(r"[A-Z][A-Za-z]{0,3}\.?", part) or _dotted(part):
        return True
    if not first.isupper() and re.search(r"\b[A-Z]{2,}\b", part):  # "CNN Business", unless all in capitals
        return True
    return bool(_ROLE_WORDS.search(part))


def _dotted(part: str) -> bool:
    """A dotted credential ("Ph.D.", "M.D., FACP"), not a name's initials ("Julian K. Arni", "J.R. Stone")."""
    if "." not in part.rstrip("."):
        return False
    return not reads_as_full_name(part) or "." in _INITIAL.sub("", part)


_INITIAL = re.compile(r"\b[A-Z]\.")
_OBFUSCATED_AT = re.compile(r"[\[(]\s*at\s*[\])]", re.IGNORECASE)
# A name in Chinese or Japanese script: ideographs and kana, written together.
_CJK_NAME = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{2,6}")
# Initials run together: "J.R. Stone", "C.S. Lewis".
_INITIALS = re.compile(r"(?:[A-Z]\.){2,3}")
_PARTICLES = frozenset("de da di del della der den van von le la du dos das bin ibn al el".split())


def reads_as_full_name(name: str) -> bool:
    """Written as a person's full name: two to five words, each capitalised (or an initial, or a particle
    such as "van"); in Chinese or Japanese, two to six characters written together ("後藤大地"). "editorial
    standards", "Wellness" and "he specializes in research" are not."""
    if _CJK_NAME.fullmatch(name.strip()):
        return True
    words = name.split()
    # A particle begins a surname ("van Dyke"), never ends a name: "Rezept von" is a label ("Recipe by").
    if not 2 <= len(words) <= 5 or name.rstrip()[-1:] in ".,;:" or words[-1].casefold() in _PARTICLES:
        return False
    capitals = name.isupper()  # a byline set in capitals ("DAVID CAPLAN"): each word, not an acronym among words
    return all(word.casefold() in _PARTICLES or (word[0].isupper() and (capitals or not word.isupper())) or
               (len(word.rstrip(".")) == 1 and word[0].isalpha()) or _INITIALS.fullmatch(word) for word in words)


def is_role(text: str) -> bool:
    """True when ``text`` holds a job title or desk word ("Senior Editor", "Digital Security Expert")."""
    return bool(_ROLE_WORDS.search(text))


def split_author_names(raw: str) -> list[str]:
    """Split a byline that names several people ("Jane Doe and John Roe") into clean, plausible names."""
    cleaned = clean_author_name(raw)
    parts = [clean_author_name(part) for part in _AND.split(cleaned) if not _OTHER_HAND.search(part)]
    names = [part for i, part in enumerate(parts) if part and not (i and _is_role(part, parts[0]))]
    return [name for name in names if is_plausible_name(name)]


@functools.lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """Return a comparison key for a person's name: case-, accent- and spacing-insensitive."""
    decomposed = unicodedata.normalize("NFKD", clean_author_name(name))
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w]+", "-", ascii_only.casefold()).strip("-")


def author_key(page_url: str, name: str | None, archive_url: str | None) -> str:
    """Return the identity key of an author on a site: from the archive URL when known, else the name."""
    site = site_of(page_url)
    if archive_url:
        path = urlsplit(archive_base(archive_url)).path.rstrip("/")
        return f"{site}{path}"
    return f"{site}/~{name_key(name or '')}"
