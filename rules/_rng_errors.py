"""libxml2's RELAX NG errors, reduced to the few that say what is wrong.

libxml2 reports a RELAX NG failure as a cascade: the innermost problem first, then one line per
enclosing element that consequently "failed to validate content" or "has extra content" (often
naming a sibling that is fine). ``reduce_cascade`` finds the element each error is about, drops
the cascade, and groups what is left by element, in document order of first report; turning
them into findings is PCS903's (rules/schema_invalid.py). Errors about dangling IDREFs are
dropped here: PCS206 reports those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from pcs_lint.rules._rng_schemas import RawError

# libxml2 error kinds (lxml's type_name) by what they tell us.
_ATTRIBUTE_LEVEL = frozenset({"RELAXNG_ERR_INVALIDATTR", "RELAXNG_ERR_TYPEVAL", "RELAXNG_ERR_ATTRVALID",
                              "RELAXNG_ERR_DUPID"})
# Errors that say only that an element failed, not why.
GENERIC = frozenset({"RELAXNG_ERR_CONTENTVALID", "RELAXNG_ERR_INTERSEQ", "RELAXNG_ERR_INTEREXTRA",
                     "RELAXNG_ERR_NOELEM", "RELAXNG_ERR_ATTRVALID"})
_ELEMENT_NAMED = re.compile(r"^(?:Element|Extra element) (\S+)|for element (\S+)$")
_IDREF = re.compile(r"^IDREF attribute \S+ references an unknown ID")


@dataclass(frozen=True)
class LocatedError:
    """A libxml2 error with the element it is about (subject) and the node it points at."""

    error: RawError
    subject: Any
    node: Any


def _locate(root: Any, errors: Sequence[RawError]) -> list[LocatedError]:
    located: list[LocatedError] = []
    for error in errors:
        if _IDREF.match(error.message):
            continue  # PCS206 dangling-reference names the reference and what it should be
        node = _resolve(root, error.path)
        if node is None:
            if not located:
                node = root
            else:  # libxml2 gives no position for some follow-up lines: they trail the previous
                node = located[-1].subject
        subject = _named_subject(node, error.message)
        if error.kind in ("RELAXNG_ERR_ELEMNAME", "RELAXNG_ERR_ELEMWRONG"):
            # About an unexpected child: the path may name it or its parent.
            node = _offending_child(node, error.message)
            subject = node.getparent() if node.getparent() is not None else node
        located.append(LocatedError(error, subject, node))
    return located


def _resolve(root: Any, path: str | None) -> Any:
    if not path:
        return None
    try:
        found = root.xpath(path)
    except (etree.XPathError, ValueError):
        return None
    if not found or not isinstance(found, list):
        return None
    node = found[0]
    while node is not None and not isinstance(getattr(node, "tag", None), str):
        node = node.getparent()
    return node


def _offending_child(node: Any, message: str) -> Any:
    match = re.search(r"(?:got|element) (\S+)(?: there)?$", message)
    if match is None or node.tag == match[1]:
        return node
    child = node.find(match[1])
    return child if child is not None else node


def _named_subject(node: Any, message: str) -> Any:
    """The element the message is about: libxml2 names it ("Element resources has extra
    content: primitive") while its path may point at a child."""
    match = _ELEMENT_NAMED.search(message)
    name = match and (match[1] or match[2])
    if not name:
        return node
    for candidate in (node, *node.iterancestors()):
        if candidate.tag == name:
            return candidate
    return node


def _drop_cascade(located: list[LocatedError]) -> list[LocatedError]:
    """Drop content errors of an element reported after an error inside it (libxml2 reports the
    innermost failure first). Attribute errors are about the element itself and always stay."""
    kept = []
    for index, item in enumerate(located):
        if item.error.kind not in _ATTRIBUTE_LEVEL and any(
            item.subject in earlier.subject.iterancestors() for earlier in located[:index]
        ):
            continue
        kept.append(item)
    specific = [k for k in kept if k.error.kind not in GENERIC - {"RELAXNG_ERR_ATTRVALID"}]
    # A content-only complaint next to an attribute error of its parent is the same failure.
    return [
        k for k in kept
        if k.error.kind not in GENERIC - {"RELAXNG_ERR_ATTRVALID"}
        or not any(s.subject in k.subject.iterancestors() for s in specific
                   if s.error.kind in _ATTRIBUTE_LEVEL)
    ]


def _by_subject(kept: list[LocatedError]) -> list[tuple[Any, list[LocatedError]]]:
    groups: dict[Any, list[LocatedError]] = {}
    for item in kept:
        groups.setdefault(item.subject, []).append(item)
    return list(groups.items())


def reduce_cascade(root: Any, errors: Sequence[RawError]) -> list[tuple[Any, list[LocatedError]]]:
    """(element, its errors) for one validation run: the most specific errors, cascade dropped."""
    return _by_subject(_drop_cascade(_locate(root, errors)))
