"""Where a finding points: XPath, object id and column of a CIB element."""

from __future__ import annotations

from functools import cached_property
from typing import Any


def element_xpath(element: Any) -> str:
    """A readable, valid XPath: ids where elements have them, positions only where needed."""
    steps = []
    current = element
    while current is not None:
        steps.append(_step(current))
        current = current.getparent()
    return "/" + "/".join(reversed(steps))


def _step(element: Any) -> str:
    tag = element.tag
    element_id = element.get("id")
    parent = element.getparent()
    if element_id is not None and "'" not in element_id:
        step = f"{tag}[@id='{element_id}']"
        if parent is None:
            return step
        twins = [c for c in parent.iterchildren(tag) if c.get("id") == element_id]
        return step if len(twins) == 1 else f"{step}[{twins.index(element) + 1}]"
    if parent is None:
        return tag
    same = list(parent.iterchildren(tag))
    if len(same) == 1:
        return tag
    return f"{tag}[{same.index(element) + 1}]"


def element_object_id(element: Any) -> str | None:
    """The element's id, else the id of its nearest ancestor that has one (never the <cib>)."""
    current = element
    while current is not None and current.tag != "cib":
        element_id = current.get("id")
        if element_id:
            return element_id
        current = current.getparent()
    return None


class SourceLines:
    """The text of a document, split into lines only when a finding needs a column."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    @cached_property
    def lines(self) -> list[str]:
        return self._data.decode("utf-8", errors="replace").splitlines()

    def line(self, number: int | None) -> str | None:
        if number is None or number < 1 or number > len(self.lines):
            return None
        return self.lines[number - 1]

    def column_of(self, element: Any) -> int | None:
        """1-based column of the element's start tag, when its line has exactly one such tag."""
        text = self.line(element.sourceline)
        if text is None or not isinstance(element.tag, str):
            return None
        needle = "<" + element.tag
        positions = [
            i for i in _find_all(text, needle)
            if i + len(needle) == len(text) or not (text[i + len(needle)].isalnum() or text[i + len(needle)] in "_-:.")
        ]
        return positions[0] + 1 if len(positions) == 1 else None


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)
