"""Hardened reading of CIB XML.

CIBs never carry a DOCTYPE, so any document with one is refused before libxml2 reads it: the
prolog is scanned first, so entity declarations are never parsed or expanded (billion laughs,
quadratic blow-up) and external entities, DTDs and URLs are never opened. Comments and processing instructions are taken out of the tree that
rules see; the comments are kept aside because suppressions are written in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

_SYNTAX_POSITION = re.compile(r",? line \d+, column \d+$")
_HUGE_ADVICE = re.compile(r",? *use XML_PARSE_HUGE option\.?")


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
    refused = _refuse_before_parsing(data)
    if refused is not None:
        return refused
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        message = _SYNTAX_POSITION.sub("", error.msg or str(error)).strip()
        if "XML_PARSE_HUGE" in message:  # libxml2's advice names a C flag users cannot set
            message = _HUGE_ADVICE.sub("", message) + " (nested deeper than any CIB; refused to bound memory)"
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


# Byte patterns that tell how the markup is encoded (XML 1.0, appendix F). UTF-32 BOMs come
# first because the UTF-32-LE BOM begins with the UTF-16-LE one.
_ENCODING_SIGNATURES = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4), (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xfe\xff", "utf-16-be", 2), (b"\xff\xfe", "utf-16-le", 2), (b"\xef\xbb\xbf", "utf-8", 3),
    (b"\x00\x00\x00<", "utf-32-be", 0), (b"<\x00\x00\x00", "utf-32-le", 0),
    (b"\x00<\x00?", "utf-16-be", 0), (b"<\x00?\x00", "utf-16-le", 0),
)


def _markup_text(data: bytes) -> tuple[str, bool]:
    """The document as text good enough to read its markup, and whether it is ASCII-based.

    An ASCII-compatible encoding (UTF-8, Latin-1...) is read as Latin-1: every byte maps to one
    character, so markup characters and line breaks are where they are in the bytes.
    """
    for signature, codec, skip in _ENCODING_SIGNATURES:
        if data.startswith(signature):
            return data[skip:].decode(codec, errors="replace"), False
    return data.decode("latin-1"), True


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _refuse_before_parsing(data: bytes) -> XmlRejection | None:
    """Refuse what libxml2 must never read (a DOCTYPE) or would describe badly (no text at all)."""
    text, ascii_based = _markup_text(data)
    if not text.strip():
        what = "the file is empty" if not data else "the file holds only whitespace"
        return XmlRejection("PCS001", f"not well-formed XML: {what}", 1, 1)
    if ascii_based and "\x00" in text:
        line, column = _position(text, text.index("\x00"))
        return XmlRejection("PCS001", "not well-formed XML: the file contains NUL bytes, so it is "
                            "binary data (or an encoding without a byte-order mark), not a CIB", line, column)
    doctype = _prolog_doctype(text)
    if doctype is None:
        return None
    line, column = _position(text, doctype)
    return XmlRejection(
        "PCS001",
        "document has a DOCTYPE declaration; refused without reading it, so that no entity is "
        "expanded and no external file or URL is opened (a CIB never has one)",
        line,
        column,
    )


def _prolog_doctype(text: str) -> int | None:
    """Index of a DOCTYPE in the prolog (the only place XML allows one), else None.

    The prolog is whitespace, the XML declaration, processing instructions and comments; the
    first other markup ends it. Unterminated constructs are left to libxml2 to report.
    """
    index = 0
    while True:
        while index < len(text) and text[index] in " \t\r\n":
            index += 1
        if text.startswith("<!DOCTYPE", index):
            return index
        for start, end in (("<?", "?>"), ("<!--", "-->")):
            if text.startswith(start, index):
                close = text.find(end, index + len(start))
                if close < 0:
                    return None
                index = close + len(end)
                break
        else:
            return None


def _detach_comments(root: Any) -> tuple[XmlComment, ...]:
    """Record every comment with the element it precedes, then drop comments and PIs from the tree."""
    comments: list[XmlComment] = []
    for sibling in root.itersiblings(preceding=True):
        if isinstance(sibling, etree._Comment):
            comments.append(XmlComment(sibling.text or "", sibling.sourceline, root, None))
    for sibling in root.itersiblings():  # after the root: no element follows, none contains it
        if isinstance(sibling, etree._Comment):
            comments.append(XmlComment(sibling.text or "", sibling.sourceline, None, None))
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
