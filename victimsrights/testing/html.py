"""Checks on a page's HTML that hold for every page."""

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
