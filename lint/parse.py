"""Hardened reading of CIB XML.

CIBs never carry a DOCTYPE, so any document with one is refused before a rule sees it: entity
declarations are never expanded (billion laughs, quadratic blow-up) and external entities, DTDs
and URLs are never read. Comments and processing instructions are taken out of the tree that
rules see; the comments are kept aside because suppressions are written in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

_SYNTAX_POSITION = re.compile(r",? line \d+, column \d+$")


@dataclass(frozen=True)
class XmlComment:
    """A comment of the document, with the element it precedes (None at the end of a parent)."""

    text: str
    line: int | None
    target: Any
    parent: Any


@dataclass(frozen=True)
class XmlDocument:
    root: Any
    comments: tuple[XmlComment, ...]


@dataclass(frozen=True)
class XmlRejection:
    """Why a document cannot be linted: becomes finding PCS001 (syntax) or PCS002 (not a CIB)."""

    code: str
    message: str
    line: int | None = None
    column: int | None = None


def _parser() -> etree.XMLParser:
    # A new parser per document: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def parse_xml(data: bytes) -> XmlDocument | XmlRejection:
    """Parse bytes into a document, or say why not. Never raises for bad input."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = _SYNTAX_POSITION.sub("", error.msg or str(error)).strip()
        line = error.lineno or None
        column = (error.offset + 1) if error.offset is not None and error.offset >= 0 else None
        return XmlRejection("PCS001", f"not well-formed XML: {message}", line, column)
    except ValueError as error:  # lxml refuses some inputs (e.g. unicode with a declaration)
        return XmlRejection("PCS001", f"cannot read as XML: {error}", 1, 1)
    if root is None:
        return XmlRejection("PCS001", "not well-formed XML: the document is empty", 1, 1)

    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return XmlRejection(
            "PCS001",
            "document has a DOCTYPE declaration; refused so that no entity is expanded and no "
            "external file is read (a CIB never has one)",
            _doctype_line(data),
            1,
        )
    if root.tag != "cib":
        what = f"<{root.tag}> (a patchset)" if root.tag == "diff" else f"<{root.tag}>"
        return XmlRejection(
            "PCS002",
            f"root element is {what}, not <cib>: this is not a Pacemaker CIB",
            root.sourceline,
            None,
        )
    return XmlDocument(root=root, comments=_detach_comments(root))


def _doctype_line(data: bytes) -> int:
    position = data.find(b"<!DOCTYPE")
    return data.count(b"\n", 0, position) + 1 if position >= 0 else 1


def _detach_comments(root: Any) -> tuple[XmlComment, ...]:
    """Record every comment with the element it precedes, then drop comments and PIs from the tree."""
    comments: list[XmlComment] = []
    for sibling in root.itersiblings(preceding=True):
        if isinstance(sibling, etree._Comment):
            comments.append(XmlComment(sibling.text or "", sibling.sourceline, root, None))
    doomed = []
    for node in root.iter(etree.Comment, etree.ProcessingInstruction):
        doomed.append(node)
        if isinstance(node, etree._Comment):
            comments.append(
                XmlComment(node.text or "", node.sourceline, _next_element(node), node.getparent())
            )
    for node in doomed:
        parent = node.getparent()
        if parent is not None:
            _remove_keeping_tail(parent, node)
    comments.sort(key=lambda c: c.line or 0)
    return tuple(comments)


def _next_element(node: Any) -> Any:
    for sibling in node.itersiblings():
        if isinstance(sibling.tag, str):
            return sibling
    return None


def _remove_keeping_tail(parent: Any, node: Any) -> None:
    tail = node.tail
    previous = node.getprevious()
    parent.remove(node)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
