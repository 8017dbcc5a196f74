"""The characters of an XML document, decoded by pcs-lint before libxml2 sees them.

libxml2 picks a document's encoding from its byte-order mark, else from its first bytes and the
XML declaration, and then decodes with its own converters (iconv). Markup checked in the raw
bytes is therefore not necessarily the markup libxml2 parses: ``<!DOCTYPE`` written in UTF-7 is
``+ADw-+ACE-DOCTYPE``, in EBCDIC it is no ASCII at all. So the encoding is chosen here by the same
rules (XML 1.0 appendix F), the document is decoded by Python, and libxml2 is handed exactly the
decoded characters as UTF-8 with its encoding forced: what pcs-lint scans is what libxml2 reads,
for every encoding. A document that Python cannot decode is refused.

Python decides which encodings are readable, not the libxml2 that lxml bundles: that one lacks
converters (EBCDIC, names such as ``latin_1``) that the system libxml2 Pacemaker links to has,
and crm_verify 2.1.5 reads a CIB in IBM037 or IBM500. A name only Python knows (``u8``) is read
although Pacemaker would refuse it; Python's codecs that are no character set are refused.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# The encoding libxml2 is told to read; ``utf8`` below is always in it.
PARSER_ENCODING = "UTF-8"

# A byte-order mark fixes the encoding whatever the declaration says (libxml2 does the same).
# UTF-32 marks come first because the UTF-32-LE mark begins with the UTF-16-LE one.
_BYTE_ORDER_MARKS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"), (b"\xef\xbb\xbf", "utf-8"),
)
# Without a mark, "<?" (or "<" for UTF-32) in a wide encoding tells its family.
_WIDE_SIGNATURES = (
    (b"\x00\x00\x00<", "utf-32-be"), (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"), (b"<\x00?\x00", "utf-16-le"),
)
# "<?xm" in EBCDIC: the declaration is then read in cp037, whose markup characters every
# EBCDIC code page shares, to learn which code page the rest is in.
_EBCDIC_SIGNATURE = b"\x4c\x6f\xa7\x94"

_DECLARATION_SPAN = 4096  # an XML declaration is far shorter
_DECLARATION = re.compile(r"<\?xml[ \t\r\n][^<>]*?\?>")
_ENCODING_PSEUDO_ATTRIBUTE = re.compile(r"[ \t\r\n]encoding[ \t\r\n]*=[ \t\r\n]*(?:\"([^\"]*)\"|'([^']*)')")
_ENCODING_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,63}")  # XML's EncName, bounded
# Python text codecs that are escapes or transforms, not character sets any XML parser knows.
_NOT_CHARACTER_SETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined", "charmap"})


@dataclass(frozen=True)
class DecodedXml:
    """A document's characters (``text``, without byte-order mark) and what libxml2 is given.

    ``utf8`` is the document's own bytes when it is UTF-8 already, so that libxml2 reports an
    invalid UTF-8 sequence where it is; otherwise it is ``text`` encoded as UTF-8.
    """

    text: str
    utf8: bytes


@dataclass(frozen=True)
class EncodingRefusal:
    """Why the document's characters cannot be known; becomes finding PCS001."""

    message: str
    line: int = 1
    column: int = 1


def decode_xml(data: bytes) -> DecodedXml | EncodingRefusal:
    """The characters libxml2 would read from ``data``, decoded by Python, or why not."""
    for mark, codec in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return _decode(data, codec, skip=len(mark))
    for signature, codec in _WIDE_SIGNATURES:
        if data.startswith(signature):
            return _decode(data, codec)
    return _decode_single_byte(data)


def _decode_single_byte(data: bytes) -> DecodedXml | EncodingRefusal:
    """An ASCII-compatible or EBCDIC document: its XML declaration names the encoding."""
    nul = data.find(b"\x00")
    if nul >= 0:  # no single-byte encoding writes text with a NUL byte
        line_start = data.rfind(b"\n", 0, nul) + 1
        return EncodingRefusal(
            "not well-formed XML: the file contains NUL bytes, so it is binary data (or an "
            "encoding without a byte-order mark), not a CIB",
            data.count(b"\n", 0, nul) + 1, nul - line_start + 1,
        )
    ebcdic = data.startswith(_EBCDIC_SIGNATURE)
    # One character per byte, so an index into ``head`` is a byte offset.
    head = data[:_DECLARATION_SPAN].decode("cp037" if ebcdic else "latin-1")
    declaration = _DECLARATION.match(head)
    if declaration is None:
        if ebcdic:
            return EncodingRefusal("cannot read as XML: the document looks like EBCDIC but has no "
                                   "complete XML declaration naming its code page")
        return _decode(data, "utf-8")
    named = _ENCODING_PSEUDO_ATTRIBUTE.search(declaration.group())
    name = next(group for group in named.groups() if group is not None) if named else "UTF-8"
    if not _ENCODING_NAME.fullmatch(name):
        return EncodingRefusal("cannot read as XML: the XML declaration names no valid encoding")
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        codec = None
    if codec is None or codec in _NOT_CHARACTER_SETS:
        return EncodingRefusal(f"cannot read as XML: pcs-lint cannot decode the declared encoding {name!r}")
    decoded = _decode(data, codec)
    if isinstance(decoded, DecodedXml) and not decoded.text.startswith(declaration.group()):
        what = f"names {name!r}" if named else "names no encoding (so UTF-8)"
        return EncodingRefusal(f"cannot read as XML: the XML declaration {what}, but is not itself "
                               "written in that encoding")
    return decoded


def _decode(data: bytes, codec: str, skip: int = 0) -> DecodedXml | EncodingRefusal:
    if codec == "utf-8":
        # libxml2 reads these very bytes and reports invalid UTF-8 itself; here an invalid
        # sequence becomes U+FFFD, which is never markup.
        return DecodedXml(data[skip:].decode("utf-8", errors="replace"), data)
    try:
        text = data[skip:].decode(codec)
        return DecodedXml(text, text.encode("utf-8"))
    except UnicodeDecodeError as error:
        line, column = _position_before(data[skip:skip + error.start], codec)
        return EncodingRefusal(f"cannot read as XML: the document is not valid {codec}", line, column)
    except UnicodeError:  # a lone surrogate, which UTF-8 cannot carry
        return EncodingRefusal(f"cannot read as XML: the document is not valid {codec}")
    except LookupError:  # a codec that is no text encoding (rot13, base64)
        return EncodingRefusal(f"cannot read as XML: pcs-lint cannot decode the declared encoding {codec!r}")


def _position_before(valid: bytes, codec: str) -> tuple[int, int]:
    """Line and column of the character after ``valid``, the bytes that did decode."""
    text = valid.decode(codec, errors="replace")
    return text.count("\n") + 1, len(text) - (text.rfind("\n") + 1) + 1
