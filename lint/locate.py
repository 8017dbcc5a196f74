"""Where a finding points: XPath, object id and column of a CIB element."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any


def element_xpath(element: Any, positions: SiblingPositions | None = None) -> str:
    """A readable, valid XPath: ids where elements have them, positions only where needed.

    Pass one ``SiblingPositions`` per document when locating many elements: without it each
    call counts the element's siblings afresh, which is quadratic for a thousand findings
    about the children of one <constraints>.
    """
    positions = positions if positions is not None else SiblingPositions()
    return positions.path(element)


def _step(element: Any, positions: SiblingPositions) -> str:
    tag = element.tag
    element_id = element.get("id")
    parent = element.getparent()
    if element_id is not None and "'" not in element_id:
        step = f"{tag}[@id='{element_id}']"
        if parent is None:
            return step
        index, count = positions.among_twins(parent, element, element_id)
        return step if count == 1 else f"{step}[{index + 1}]"
    if parent is None:
        return tag
    index, count = positions.among_same_tag(parent, element)
    if count == 1:
        return tag
    return f"{tag}[{index + 1}]"


class SiblingPositions:
    """Where an element stands among its parent's children of the same tag (and same id),
    counted once per (parent, tag) and then looked up.

    Keys hold the lxml elements themselves, which keeps their proxies alive and so their
    identity stable for the life of this object (one document).
    """

    def __init__(self) -> None:
        self._by_tag: dict[tuple[Any, str], _SameTag] = {}
        # element -> its XPath: findings share ancestors, and rebuilding every step of a
        # deeply nested element for each of thousands of findings took seconds (fuzzing).
        self._paths: dict[Any, str] = {}

    def path(self, element: Any) -> str:
        """The element's XPath, built on the nearest ancestor whose path is already known."""
        pending = []
        current = element
        while current is not None and current not in self._paths:
            pending.append(current)
            current = current.getparent()
        path = self._paths[current] if current is not None else ""
        for step_element in reversed(pending):
            path = f"{path}/{_step(step_element, self)}"
            self._paths[step_element] = path
        return path

    def among_same_tag(self, parent: Any, element: Any) -> tuple[int, int]:
        """(0-based index, count) among the parent's children with the element's tag."""
        group = self._group(parent, element.tag)
        return group.index[element], len(group.index)

    def among_twins(self, parent: Any, element: Any, element_id: str) -> tuple[int, int]:
        """(0-based index, count) among those children that also have the element's id."""
        group = self._group(parent, element.tag)
        return group.twin_index[element], group.twin_count[element_id]

    def _group(self, parent: Any, tag: str) -> _SameTag:
        key = (parent, tag)
        group = self._by_tag.get(key)
        if group is None:
            group = self._by_tag[key] = _SameTag.of(parent.iterchildren(tag))
        return group


@dataclass(frozen=True)
class _SameTag:
    """A parent's children of one tag: the position of each among them, and among those that
    share its id (counted once: searching a list of twins per lookup was quadratic, and never
    finished for 200,000 children with one id)."""

    index: dict[Any, int]
    twin_index: dict[Any, int]
    twin_count: dict[str, int]

    @classmethod
    def of(cls, children: Any) -> _SameTag:
        index: dict[Any, int] = {}
        twin_index: dict[Any, int] = {}
        twin_count: dict[str, int] = {}
        for position, child in enumerate(children):
            index[child] = position
            child_id = child.get("id")
            if child_id is not None:
                twin_index[child] = twin_count.get(child_id, 0)
                twin_count[child_id] = twin_index[child] + 1
        return cls(index, twin_index, twin_count)


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
    """The text of a document, split into lines only when a finding needs a column or a line.

    Lines are counted as libxml2 counts them, so that line N is the line of an element whose
    sourceline is N: only b"\\n" ends a line ("\\r\\n" too, its "\\r" is dropped), while
    str.splitlines also breaks at U+0085, U+2028, form feeds and lone carriage returns.
    """

    def __init__(self, data: bytes) -> None:
        self._data = data
        # (line, tag) -> column: a minified CIB is one long line, and scanning it afresh for
        # each of thousands of findings was quadratic (minutes; found by fuzzing).
        self._columns: dict[tuple[int, str], int | None] = {}
        self._decoded: dict[int, str] = {}  # each line decoded once, however many tags it holds

    @cached_property
    def lines(self) -> list[bytes]:
        return self._data.split(b"\n")

    def line(self, number: int | None) -> str | None:
        if number is None or number < 1 or number > len(self.lines):
            return None
        text = self._decoded.get(number)
        if text is None:
            text = self._decoded[number] = self.lines[number - 1].removesuffix(b"\r").decode("utf-8", errors="replace")
        return text

    def excerpt(self, numbers: Iterable[int | None]) -> dict[int, str]:
        """Line number -> text, for the lines findings point at (what --show-source prints)."""
        return {number: text for number in set(numbers) if (text := self.line(number)) is not None}

    def column_of(self, element: Any) -> int | None:
        """1-based column of the element's start tag, when its line has exactly one such tag."""
        if not isinstance(element.tag, str):
            return None
        key = (element.sourceline, element.tag)
        if key not in self._columns:
            self._columns[key] = self._only_start_tag(element.sourceline, element.tag)
        return self._columns[key]

    def _only_start_tag(self, number: int | None, tag: str) -> int | None:
        text = self.line(number)
        if text is None:
            return None
        needle = "<" + tag
        positions = (
            i for i in _find_all(text, needle)
            if i + len(needle) == len(text) or not (text[i + len(needle)].isalnum() or text[i + len(needle)] in "_-:.")
        )
        first = next(positions, None)
        return first + 1 if first is not None and next(positions, None) is None else None


def _find_all(text: str, needle: str):
    start = text.find(needle)
    while start >= 0:
        yield start
        start = text.find(needle, start + 1)
