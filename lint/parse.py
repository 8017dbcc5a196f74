"""Hardened reading of CIB XML.

CIBs never carry a DOCTYPE, so any document with one is refused before libxml2 reads it. The
document is decoded first (lint/decoding.py) and libxml2 is handed exactly the decoded text, so
the DOCTYPE scan sees what libxml2 would see in every encoding: entity declarations are never
parsed or expanded (billion laughs, quadratic blow-up). Should a DTD ever reach libxml2 all the
same, it can open nothing: no DTD is loaded, no entity substituted, and every external DTD,
entity or URL it asks for is refused by the parser's resolver before any file is opened.
Comments and processing instructions are taken out of the tree that rules see; the comments are
kept aside because suppressions are written in them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from pcs_lint.decoding import PARSER_ENCODING, DecodedXml, EncodingRefusal, decode_xml
from pcs_lint.rule_codes import NOT_A_CIB, XML_SYNTAX
from pcs_lint.sniffing import sniff

_SYNTAX_POSITION = re.compile(r",? line \d+, column \d+$")
_HUGE_ADVICE = re.compile(r",? *(?:use|try) XML_PARSE_HUGE(?: option)?\.?\s*")
# libxml2 gives the same error code for every limit it enforces, so its message tells which.
_TOO_DEEP = "Excessive depth"
_WHY_TOO_DEEP = "nested deeper than any CIB"
_WHY_TOO_LONG = "a text node or attribute value longer than libxml2's limit of about 10 MB, which no CIB has"


@dataclass(frozen=True)
class XmlComment:
    """A comment of the document, with the element it precedes (None at the end of a parent)."""

    text: str
    line: int | None
    target: Any
    parent: Any


@dataclass(frozen=True)
class XmlDocument:
    """A parsed CIB document: its root, and the comments taken out of the tree."""

    root: Any
    comments: tuple[XmlComment, ...]


@dataclass(frozen=True)
class XmlRejection:
    """Why a document cannot be linted: becomes finding PCS001 (syntax) or PCS002 (not a CIB)."""

    code: str
    message: str
    line: int | None = None
    column: int | None = None


class ExternalLoadRefused(Exception):
    """libxml2 asked to open a DTD, an external entity or a URL; nothing was opened."""


class _RefuseEveryLoad(etree.Resolver):
    # lxml asks a parser's resolvers before libxml2's own loader: raising here means libxml2
    # gets no input at all, and lxml raises this exception once parsing stops.
    def resolve(self, url: str | None, pubid: str | None, context: Any) -> Any:
        raise ExternalLoadRefused(url)


def hardened_parser(*, encoding: str | None = PARSER_ENCODING, **options: Any) -> etree.XMLParser:
    """A new XML parser that loads no DTD, substitutes no entity and opens no file or URL.

    ``encoding`` forces how the bytes are decoded (the declaration is then ignored); None lets
    libxml2 choose. A new parser per document: lxml parsers are not safe to share between threads.
    """
    parser = etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        **options,
    )
    parser.resolvers.add(_RefuseEveryLoad())
    return parser


def _parser() -> etree.XMLParser:
    return hardened_parser(remove_blank_text=False, collect_ids=False)


def parse_xml(data: bytes) -> XmlDocument | XmlRejection:
    """Parse bytes into a document, or say why not. Never raises for bad input."""
    sniffed = sniff(data)  # a file that is recognisably something else: say what, not "Start tag expected"
    if sniffed is not None:
        return XmlRejection(NOT_A_CIB, sniffed.kind.message(), sniffed.line)
    decoded = decode_xml(data)
    if isinstance(decoded, EncodingRefusal):
        return XmlRejection(XML_SYNTAX, decoded.message, decoded.line, decoded.column)
    refused = _refuse_before_parsing(decoded)
    if refused is not None:
        return refused
    try:
        root = etree.fromstring(decoded.utf8, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or None
        column = (error.offset + 1) if error.offset is not None and error.offset >= 0 else None
        return XmlRejection(XML_SYNTAX, _syntax_message(error), line, column)
    except ExternalLoadRefused:
        return _doctype_rejection(decoded.text)
    except ValueError as error:  # lxml refuses some inputs
        return XmlRejection(XML_SYNTAX, f"cannot read as XML: {error}", 1, 1)
    if root is None:
        return XmlRejection(XML_SYNTAX, "not well-formed XML: the document is empty", 1, 1)

    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        return _doctype_rejection(decoded.text)
    if root.tag != "cib":
        what = f"<{root.tag}> (a patchset)" if root.tag == "diff" else f"<{root.tag}>"
        return XmlRejection(
            NOT_A_CIB,
            f"root element is {what}, not <cib>: this is not a Pacemaker CIB",
            root.sourceline,
            None,
        )
    return XmlDocument(root=root, comments=_detach_comments(root, _may_hold_comments(decoded.utf8)))


def _may_hold_comments(utf8: bytes) -> bool:
    """Whether the text libxml2 parsed can hold a comment or a processing instruction inside
    the root element; False lets the tree go unwalked (libxml2 visiting every node costs about
    10 ms at 4.8 MB, and CIBs written by Pacemaker have neither).

    Without a DTD only markup makes one: a comment needs a ``!``, a PI inside the root a ``?``
    after the XML declaration (or the prolog PI the document starts with; the root's start tag
    comes after its ``?>``). One-byte searches, because ``!`` and ``?`` are rare in a CIB while
    ``<`` is everywhere: searching for ``<!--`` or ``<?`` costs as much as the walk."""
    start = 3 if utf8.startswith(codecs.BOM_UTF8) else 0
    after_first = utf8.find(b"?>") + 2 if utf8.startswith(b"<?", start) else 0
    return b"!" in utf8 or utf8.find(b"?", after_first) >= 0


def _syntax_message(error: etree.XMLSyntaxError) -> str:
    message = _SYNTAX_POSITION.sub("", error.msg or str(error)).strip()
    if "XML_PARSE_HUGE" not in message:
        return f"not well-formed XML: {message}"
    # A limit, not a syntax error. libxml2's advice names a C flag users cannot set: say which
    # limit was hit instead.
    plain = _HUGE_ADVICE.sub("", message).strip()
    why = _WHY_TOO_DEEP if plain.startswith(_TOO_DEEP) else _WHY_TOO_LONG
    return f"refused to bound memory: {plain} ({why})"


def _doctype_rejection(text: str) -> XmlRejection:
    """A DOCTYPE that libxml2 reported after all (the scan below refuses every one it finds)."""
    line, column = _position(text, text.find("<!DOCTYPE")) if "<!DOCTYPE" in text else (1, 1)
    return XmlRejection(
        XML_SYNTAX,
        "document has a DOCTYPE declaration; refused so that no entity is expanded and no "
        "external file is read (a CIB never has one)",
        line,
        column,
    )


def _position(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def _refuse_before_parsing(decoded: DecodedXml) -> XmlRejection | None:
    """Refuse what libxml2 must never read (a DOCTYPE) or would describe badly (no text at all)."""
    text = decoded.text
    if not text or text.isspace():  # what strip() would leave empty, without copying the text
        what = "the file is empty" if not text else "the file holds only whitespace"
        return XmlRejection(XML_SYNTAX, f"not well-formed XML: {what}", 1, 1)
    doctype = _prolog_doctype(text)
    if doctype is None:
        return None
    line, column = _position(text, doctype)
    return XmlRejection(
        XML_SYNTAX,
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


def _detach_comments(root: Any, inside: bool = True) -> tuple[XmlComment, ...]:
    """Record every comment with the element it precedes, then drop comments and PIs from the tree.
    ``inside=False`` says the text holds none inside the root, so the tree is not walked.

    Linear in the size of the document: each parent's children are walked once to find what
    follows each comment and once to remove them (walking on from every comment, and joining
    the text around each one as it was removed, were quadratic: seconds for 20,000 comments).
    """
    comments: list[XmlComment] = []
    for sibling in root.itersiblings(preceding=True):
        if isinstance(sibling, etree._Comment):
            comments.append(XmlComment(sibling.text or "", sibling.sourceline, root, None))
    for sibling in root.itersiblings():  # after the root: no element follows, none contains it
        if isinstance(sibling, etree._Comment):
            comments.append(XmlComment(sibling.text or "", sibling.sourceline, None, None))
    doomed = list(root.iter(etree.Comment, etree.ProcessingInstruction)) if inside else []
    parents = list(dict.fromkeys(node.getparent() for node in doomed))
    following = _following_elements(parents)
    for node in doomed:
        if isinstance(node, etree._Comment):
            comments.append(XmlComment(node.text or "", node.sourceline, following[node], node.getparent()))
    for parent in parents:
        _remove_keeping_text(parent)
    comments.sort(key=lambda c: c.line or 0)
    return tuple(comments)


def _is_element(node: Any) -> bool:
    return isinstance(node.tag, str)


def _following_elements(parents: Iterable[Any]) -> dict[Any, Any]:
    """Each comment or PI child of the parents -> the first element after it (None: none)."""
    following: dict[Any, Any] = {}
    for parent in parents:
        next_element = None
        for child in reversed(parent):
            if _is_element(child):
                next_element = child
            else:
                following[child] = next_element
    return following


def _remove_keeping_text(parent: Any) -> None:
    """Remove the parent's comments and PIs; the text around each stays, joined, where it was."""
    pieces = [parent.text or ""]
    holder = None  # the element whose tail holds the text being joined; None: the parent's text
    for child in list(parent):
        if _is_element(child):
            _set_joined_text(parent, holder, pieces)
            holder, pieces = child, [child.tail or ""]
        else:
            pieces.append(child.tail or "")
            parent.remove(child)  # lxml takes the child's tail with it: kept in ``pieces``
    _set_joined_text(parent, holder, pieces)


def _set_joined_text(parent: Any, holder: Any, pieces: list[str]) -> None:
    if len(pieces) == 1:  # nothing was removed here
        return
    text = "".join(pieces) or None
    if holder is None:
        parent.text = text
    else:
        holder.tail = text
