"""Checks on a page's HTML that hold for every page."""

import re
from collections import Counter
from html.parser import HTMLParser


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids[value] += 1


def duplicate_ids(html: str) -> list[str]:
    """Element ids used more than once: a label, an error link or a click can reach the wrong element."""
    parser = _Ids()
    parser.feed(html)
    return sorted(id_ for id_, count in parser.ids.items() if count > 1)


# What the code calls things, leaking onto a page people read: a model's default name ("Case object (3)"), a
# content type ("accounts.staffuser 2"), an unset value ending a sentence ("Officer: None."), a Python repr.
SYSTEM_WORDS = re.compile(
    r" object \(\d+\)"  # a model's default name
    r"|\b[a-z]+\.[a-z]+user\b|\b[a-z]+\.[a-z]+ \d+\b"  # a content type and a primary key
    r"|\bNone\b\.|<(?:QuerySet|bound method)"  # an unset value, a repr
)


def system_words(html: str) -> list[str]:
    """The text of a page (not its markup) where the code's own words show through."""
    text = re.sub(r"<(script|style)\b.*?</\1>|<[^>]+>", " ", html, flags=re.S)
    return sorted({match.group(0) for match in SYSTEM_WORDS.finditer(text)})


_CSRF_TOKENS = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


def without_csrf_tokens(page: bytes) -> bytes:
    """A page as every visitor gets it: each form's CSRF token differs per browser, and every victim page has forms
    (the language switch), so pages that must read alike are compared without them."""
    return _CSRF_TOKENS.sub(b"", page)
