"""The CIB as third-party rules see it.

lxml cannot make a tree read-only, and copying it for every rule is too slow for large CIBs. So
the built-in rules (pure functions, tested not to change it) share the parsed document, and the
third-party rules of a file share one copy of it, compared with a snapshot after each of them.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree


class Sandbox:
    """The CIB as third-party rules see it: a copy of the document and its index, made when the
    first of them runs. After each rule the copy is compared with what it was; a rule that changed
    it is reported, and the next rule gets a fresh copy. Elements in the findings are mapped back
    to the original document, where suppressions and positions are looked up."""

    def __init__(self, original: Any) -> None:
        self._original = original
        self._root: Any = None
        self._cib: Any = None
        self._snapshot = b""
        self._to_original: dict[Any, Any] | None = None

    def cib(self) -> Any:
        from pcs_lint.model import build_index

        if self._cib is None:
            self._root = copy.deepcopy(self._original)
            self._snapshot = etree.tostring(self._root)
            self._cib = build_index(self._root)
            self._to_original = None
        return self._cib

    def changed(self) -> bool:
        """Whether the last rule changed the copy; if so the next rule gets a new one."""
        if self._root is None or etree.tostring(self._root) == self._snapshot:
            return False
        self._root = self._cib = self._to_original = None
        return True

    def original(self, element: Any) -> Any:
        """The original document's element for an element of the (unchanged) copy, else None."""
        if self._to_original is None:
            # deepcopy keeps the structure, so both trees iterate in step.
            self._to_original = dict(zip(self._root.iter(), self._original.iter(), strict=True))
        return self._to_original.get(element)
