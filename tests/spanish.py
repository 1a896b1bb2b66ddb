"""Finding English left in a page, feed or e-mail meant to be in Spanish.

What a reader sees is the text between tags and the attributes read aloud or shown
(alt, title, aria-label, placeholder, a button's value). From it are taken out:
- what people wrote (every text stored in the database: titles, posts, names),
  which stays in the language it was written in;
- anything marked as being in another language (`lang="en"` and inside it);
- code, styles, and the names of known things (KNOWN).
What is left must hold no English word. The English words are the site's own: every
word of the catalog's English (msgid) that its Spanish (msgstr) never uses, with the
common English words a page could hold outside the catalog (COMMON_ENGLISH).
"""

import functools
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import models

from community.models import ModerationLog


def _each(words: str) -> set[str]:
    return set(words.split())


# What a browser asking for Spanish, or for English, sends.
SPANISH = {"accept-language": "es-MX,es;q=0.9"}
ENGLISH = {"accept-language": "en-US,en;q=0.9"}

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.po"

# Common English words that may reach a page without passing through the catalog.
COMMON_ENGLISH = _each(
    """the and of to your you with for this that these those is are was were be been
    have had will would can could should not from by on at or if it its it's our
    we they them their there here what which who whom when where why how all any each
    some more most other new old next previous back home search sign log in out up
    down save edit delete remove add create cancel submit send reply post posts
    thread threads board boards member members library resource resources page pages
    view views read unread show hide open close closed settings profile account
    password email e-mail address name title summary description date time yes
    please thank thanks welcome about help contact privacy terms loading error
    required optional choose select upload file files download link links more less
    first last newer older today yesterday tomorrow ago minute minutes hour hours day
    days week weeks month months year years january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue
    wed thu fri sat sun am pm a.m p.m noon midnight object objects"""
)

# Names of things that are the same in either language (people, places, products).
KNOWN = _each(
    """Commons REAL Race Equity And Leadership National League Cities City NLC ICMA
    GARE Cal PDF CSV RSS iCalendar Markdown OK Google Microsoft Apple Word PowerPoint
    Excel Zoom TOTP WebAuthn Passkey passkey Chrome Firefox Safari Edge"""
)

# The words of a page: letters, with inner apostrophes and hyphens.
# (Not inside a code, an address or an identifier: "0be8", "Town0".)
WORD = re.compile(r"(?<![\w/.@-])[^\W\d_]+(?:['’-][^\W\d_]+)*(?![\w/@])")
# Spanish words too, which the catalog's Spanish may not happen to use.
SPANISH_TOO = {"has", "no", "me", "total", "general", "final", "local", "social"}
# A Spanish date's abbreviated month, as config/formats/es writes it after the day
# ("23 nov. 2026", "3 dic."): lower case with its period, which English never writes.
SPANISH_MONTH = re.compile(r"(?<=\d )(?:ene|feb|ago|sept|oct|nov|dic)\.")

_SKIPPED = {"script", "style", "template", "code", "pre", "kbd", "samp", "svg"}
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
_READ_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "aria-description")


@functools.cache
def english_words() -> frozenset[str]:
    """The site's English words: those of the catalog's msgids that no msgstr uses."""
    catalog = polib.pofile(str(CATALOG))
    english, spanish = set(), set()
    for entry in catalog:
        if entry.obsolete:
            continue
        for text in [entry.msgid, entry.msgid_plural]:
            english |= _words(_without_placeholders(text))
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            spanish |= _words(_without_placeholders(text))
    found = (
        (english | COMMON_ENGLISH) - spanish - SPANISH_TOO - {w.lower() for w in KNOWN}
    )
    return frozenset(w for w in found if len(w) > 1)


def _without_placeholders(text: str) -> str:
    return re.sub(r"%\(\w+\)[sdi]|%[sd]|\{\{[^}]*\}\}|<[^>]+>|&\w+;", " ", text or "")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)}


# Stored, but shown in the reader's language: the admin history's change messages
# (their object's name, object_repr, is as it was written, in its writer's language).
# So are the facts the moderation log records of its own (ModerationLog.explanation).
_TRANSLATED_WHEN_SHOWN = {
    LogEntry._meta.get_field("change_message"),
    ModerationLog._meta.get_field("details"),
}


@functools.cache
def _stored_texts_cached(key: int) -> tuple[str, ...]:  # noqa: ARG001 - the cache key
    texts = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField, models.JSONField))
            and not f.choices
            and not isinstance(f, models.GeneratedField)
            and f not in _TRANSLATED_WHEN_SHOWN
        ]
        if not fields or model._meta.app_label == "sessions":
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                texts |= _pieces(value)
    return tuple(sorted(texts, key=len, reverse=True))


def stored_texts(key: int = 0) -> tuple[str, ...]:
    """Every text people stored (longest first), and each of its lines and its
    Markdown's plain words, as it may be shown: what is content, not interface.
    `key` tells one world from another (the texts are read once per key)."""
    return _stored_texts_cached(key)


def _pieces(value) -> set[str]:
    if isinstance(value, dict | list):
        items = value.values() if isinstance(value, dict) else value
        return set().union(*(_pieces(item) for item in items))
    if not isinstance(value, str) or len(value.strip()) < 2:
        return set()
    plain = re.sub(r"[*_`#>\[\]()!]|^\s*\d+\.\s", " ", value, flags=re.M)
    pieces = {_normal(value)}
    pieces |= {_normal(line) for line in plain.splitlines()}
    return {p for p in pieces if len(p) >= 2}


def _normal(text: str) -> str:
    return " ".join(text.split())


class _Reader(HTMLParser):
    """The visible pieces of text of an HTML document, outside other languages."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, hidden from this check)

    @property
    def _hidden(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        lang = (attributes.get("lang") or "").lower()
        hidden = (
            self._hidden
            or tag in _SKIPPED
            or (tag != "html" and bool(lang) and not lang.startswith("es"))
            or attributes.get("translate") == "no"
        )
        if not hidden:
            self.pieces += [
                attributes[a] for a in _READ_ATTRIBUTES if attributes.get(a)
            ]
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.pieces.append(attributes.get("value") or "")
        if tag not in _VOID:
            self._stack.append((tag, hidden))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self._stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                return

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_pieces(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.pieces


# What a page puts around a piece of stored text: punctuation before it, and the
# ellipsis of a text cut short after it.
_CUT_SHORT = re.compile(r"^[\s:·–—-]+|\s*…$")


def english_left(pieces: list[str], content: tuple[str, ...] = ()) -> list[str]:
    """The pieces that still hold an English word once content and known names are
    taken out, each with its English words: ["Sign in  [sign]", ...]."""
    english = english_words()
    whole = "\n".join(_normal(p) for p in pieces)
    stored_blob = "\n".join(content)
    present = [
        re.compile(rf"(?<!\w){re.escape(c)}(?!\w)") for c in content if c in whole
    ]
    left = []
    for piece in pieces:
        text = re.sub(r"\b(?:https?|mailto|webcal):\S+", " ", _normal(piece))
        # A masked secret (the admin's password hash: "salt: by*****"): its
        # first letters are random, and once in a while an English word.
        text = re.sub(r"\S*\*{4,}", " ", text)
        # A part of something stored, maybe cut short ("…", as truncatewords
        # does) after the page's own punctuation (": " after a link).
        cut = _CUT_SHORT.sub("", text)
        if len(cut) > 3 and cut in stored_blob:
            continue
        # Before what is stored: a stored "25" would take the day out of the
        # page's own "25 nov. 2026" and leave "nov." looking English.
        text = SPANISH_MONTH.sub(" ", text)
        for stored in present:
            text = stored.sub(" ", text)
        for name in KNOWN:
            text = re.sub(rf"\b{re.escape(name)}\b", " ", text)
        found = [w for w in WORD.findall(text) if w.lower() in english]
        if found:
            left.append(f"{_normal(piece)!r}  {found}")
    return left


def english_in_html(html: str, content: tuple[str, ...] = ()) -> list[str]:
    return english_left(visible_pieces(html), content)


def english_in_text(text: str, content: tuple[str, ...] = ()) -> list[str]:
    return english_left(text.splitlines(), content)


def english_in_json(data, content: tuple[str, ...] = ()) -> list[str]:
    """In a JSON answer, its texts (not its keys, not its addresses)."""
    texts = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and not value.startswith(("/", "http")):
            texts.append(value)

    walk(data)
    return english_left(texts, content)


# What a calendar program shows of an event: the rest is for programs only.
_SHOWN_IN_CALENDARS = ("SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME")


def english_in_calendar(text: str, content: tuple[str, ...] = ()) -> list[str]:
    unfolded = re.sub(r"\r?\n[ \t]", "", text)
    shown = [
        line.split(":", 1)[1].replace("\\n", "\n").replace("\\,", ",")
        for line in unfolded.splitlines()
        if line.split(":", 1)[0].split(";", 1)[0] in _SHOWN_IN_CALENDARS
    ]
    return english_left([p for s in shown for p in s.splitlines()], content)
