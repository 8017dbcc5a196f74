"""Pacemaker's own RELAX NG schemas: find them, load them safely, compile each once, validate.

Pacemaker ships one top-level grammar per schema version (``pacemaker-3.9.rng``) that pulls in
per-section grammars (``resources-3.9.rng``, ...) with ``<externalRef>`` and ``<include>``.
libxml2 resolves those hrefs itself while compiling, with no per-call "no network" switch, so
before compiling we read the whole closure of referenced files ourselves with a hardened parser
and refuse the version when any href is not a plain file name in the same directory, or any file
has a DOCTYPE: nothing is ever fetched from the network or from elsewhere on disk.

The same reading pass records, per element name, which attributes the grammar allows and, when
an attribute only takes listed values, which values: libxml2's own messages rarely name the
attribute at fault, and rules use these facts to say which one it is.

Compiled schemas are cached per (directory, version) for the whole process; the cache and each
validator are guarded by locks because lxml validators keep their error log on the object.
"""

from __future__ import annotations

import functools
import os
import re
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lxml import etree

from pcs_lint.parse import ExternalLoadRefused, hardened_parser
from pcs_lint.values import SCHEMA_NEXT, schema_version

SYSTEM_SCHEMA_DIR = "/usr/share/pacemaker"
NEXT_VERSION = SCHEMA_NEXT
# An href we accept: a plain file name, resolved in the schema directory and nowhere else.
_LOCAL_HREF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.rng$")
RNG_NS = "{http://relaxng.org/ns/structure/1.0}"
_REFERENCE_TAGS = (RNG_NS + "externalRef", RNG_NS + "include")


@dataclass(frozen=True)
class SchemaDirectory:
    """A directory holding Pacemaker's schemas and the versions found in it."""

    path: str
    versions: tuple[str, ...]  # pacemaker-X.Y, oldest first
    has_next: bool
    configured: bool  # named by --schema-dir, the config file or $PCMK_schema_directory

    @property
    def newest(self) -> str | None:
        return self.versions[-1] if self.versions else None

    def knows(self, version: str) -> bool:
        return version in self.versions or (version == NEXT_VERSION and self.has_next)


def locate_schema_dir(configured: str | None) -> SchemaDirectory:
    """The configured directory if one is given (even when empty: the user asked for it), else
    the system one. ``versions`` is empty when the directory has no schemas or does not exist."""
    path = configured or SYSTEM_SCHEMA_DIR
    try:
        stamp: int | None = os.stat(path).st_mtime_ns
    except OSError:
        stamp = None
    return _schema_directory(path, stamp, bool(configured))


# Every CIB of a run asks for the same directory: list it once, and again only when its
# modification time says files were added, removed or renamed.
@functools.lru_cache(maxsize=64)
def _schema_directory(path: str, stamp: int | None, configured: bool) -> SchemaDirectory:
    try:
        names = os.listdir(path)
    except OSError:
        names = []
    numbered = (name[: -len(".rng")] for name in names if name.endswith(".rng"))
    versions = sorted((v for v in numbered if schema_version(v) is not None), key=schema_version)
    return SchemaDirectory(
        path=path,
        versions=tuple(versions),
        has_next=f"{NEXT_VERSION}.rng" in names,
        configured=configured,
    )


# ---------------------------------------------------------------- what libxml2 reports


@dataclass(frozen=True)
class RawError:
    """One libxml2 RELAX NG error, as lxml's error log gives it."""

    kind: str  # libxml2's error type name, e.g. RELAXNG_ERR_INVALIDATTR
    message: str
    line: int  # 0 when libxml2 gives none
    path: str | None  # XPath of the node libxml2 was looking at, when it gives one


# ---------------------------------------------------------------- grammar facts


@dataclass(frozen=True)
class AttributeFacts:
    """What the grammar allows for one attribute name of one element name (over every
    definition of that element): ``values`` is None when any text is allowed somewhere."""

    values: frozenset[str] | None
    required: bool = False  # every definition of the element requires it


@dataclass(frozen=True)
class ElementFacts:
    """The attributes an element may have, and their listed values, pooled over the grammar."""

    attributes: Mapping[str, AttributeFacts]
    any_attribute: bool  # some definition allows any attribute name: judge no attribute


@dataclass(frozen=True)
class CompiledSchema:
    """One of Pacemaker's RELAX NG schemas, compiled once per process."""

    version: str
    path: str
    relaxng: Any = field(repr=False)
    _trees: Mapping[str, Any] = field(repr=False, compare=False)  # the grammar files, parsed
    _lock: Any = field(default_factory=threading.Lock, repr=False, compare=False)

    @functools.cached_property
    def elements(self) -> Mapping[str, ElementFacts]:
        """Attribute facts per element name, worked out on first use: only an invalid CIB needs
        them, and reading them costs about a third as much as compiling the grammar."""
        return MappingProxyType(_element_facts(self._trees))

    def accepts(self, root: Any) -> bool:
        """Whether the document of ``root`` is valid (its errors are not collected)."""
        with self._lock:
            return bool(self.relaxng.validate(root))

    def validate(self, root: Any) -> tuple[RawError, ...]:
        """Every error libxml2 reports for the document of ``root`` (empty when valid)."""
        with self._lock:  # the error log lives on the validator object
            if self.relaxng.validate(root):
                return ()
            return tuple(
                RawError(entry.type_name, entry.message, entry.line or 0, getattr(entry, "path", None))
                for entry in self.relaxng.error_log
            )


class SchemaLoadError(Exception):
    """A schema version that cannot be used: unsafe reference, unreadable or uncompilable file."""


def _read_closure(directory: str, top: str) -> dict[str, Any]:
    """file name -> parsed tree, for ``top`` and every file it references, or SchemaLoadError."""
    trees: dict[str, Any] = {}
    pending = [top]
    while pending:
        name = pending.pop()
        if name in trees:
            continue
        path = os.path.join(directory, name)
        try:
            with open(path, "rb") as schema_file:  # read here: the parser's resolver would refuse the path
                data = schema_file.read()
            parser = hardened_parser(encoding=None, remove_comments=True)
            tree = etree.fromstring(data, parser, base_url=path).getroottree()
        except (OSError, etree.XMLSyntaxError) as error:
            raise SchemaLoadError(f"cannot read {name}: {error}") from None
        except ExternalLoadRefused:
            raise SchemaLoadError(
                f"{name} has a DOCTYPE that refers to another file; refused (nothing was opened)") from None
        docinfo = tree.docinfo
        if docinfo.doctype or docinfo.internalDTD is not None:
            raise SchemaLoadError(f"{name} has a DOCTYPE declaration; refused (no entity is expanded)")
        trees[name] = tree
        for reference in tree.getroot().iter(*_REFERENCE_TAGS):
            href = (reference.get("href") or "").strip()
            if not _LOCAL_HREF.match(href):
                raise SchemaLoadError(
                    f"{name} line {reference.sourceline} refers to {href!r}, which is not a file "
                    "name in the schema directory; refused (schemas are read only from that directory)"
                )
            if not os.path.isfile(os.path.join(directory, href)):
                raise SchemaLoadError(f"{name} refers to {href}, which is missing")
            pending.append(href)
    return trees


def _element_facts(trees: Mapping[str, Any]) -> dict[str, ElementFacts]:
    """Attribute names and listed values per element name, over every definition in the files.

    Definitions are pooled by name across files, ignoring grammar scopes and include overrides:
    this can only make the allowed sets larger, so a claim that an attribute or value is never
    allowed stays true.
    """
    defines: dict[str, list[Any]] = defaultdict(list)
    element_patterns: list[tuple[str, Any]] = []
    for tree in trees.values():
        for node in tree.getroot().iter(RNG_NS + "define", RNG_NS + "element"):
            if node.tag == RNG_NS + "define":
                defines[node.get("name", "")].append(node)
            else:
                name = _pattern_name(node)
                if name is not None:
                    element_patterns.append((name, node))

    attributes: dict[str, dict[str, set[str] | None]] = defaultdict(dict)
    required: dict[str, set[str]] = {}
    open_elements: set[str] = set()
    for name, pattern in element_patterns:
        needed = _required_attributes(pattern, defines, trees)
        required[name] = needed if name not in required else required[name] & needed
        found, any_name = _attributes_of(pattern, defines, trees)
        if any_name:
            open_elements.add(name)
        table = attributes[name]
        for attribute, values in found:
            if attribute not in table:
                table[attribute] = None if values is None else set(values)
            elif table[attribute] is not None:
                table[attribute] = None if values is None else table[attribute] | values
    return {
        name: ElementFacts(
            attributes=MappingProxyType({
                a: AttributeFacts(None if v is None else frozenset(v), a in required.get(name, ()))
                for a, v in table.items()
            }),
            any_attribute=name in open_elements,
        )
        for name, table in attributes.items()
    }


def _pattern_name(node: Any) -> str | None:
    """The single name of an <element> or <attribute> pattern, None for name classes."""
    if node.get("name"):
        return node.get("name").strip()
    first = next(iter(node.iterchildren(etree.Element)), None)
    if first is not None and first.tag == RNG_NS + "name":
        return (first.text or "").strip()
    return None


def _external_patterns(href: str, trees: Mapping[str, Any]) -> list[Any]:
    """What an <externalRef> stands for: the referenced grammar's start, or its root pattern."""
    tree = trees.get(href)
    if tree is None:
        return []
    root = tree.getroot()
    if root.tag != RNG_NS + "grammar":
        return [root]
    return [p for start in root.iterchildren(RNG_NS + "start") for p in start.iterchildren(etree.Element)]


def _attributes_of(
    element: Any, defines: Mapping[str, list[Any]], trees: Mapping[str, Any]
) -> tuple[list[tuple[str, set[str] | None]], bool]:
    """(attribute name, listed values or None) for one <element> pattern, following refs but
    not descending into child elements; and whether any attribute name is allowed."""
    found: list[tuple[str, set[str] | None]] = []
    any_name = False
    seen_defines: set[str] = set()
    stack = list(element.iterchildren(etree.Element))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == RNG_NS + "element":
            continue
        if tag == RNG_NS + "attribute":
            name = _pattern_name(node)
            if name is None:
                any_name = True
            else:
                found.append((name, _listed_values(node, defines)))
            continue
        if tag in (RNG_NS + "ref", RNG_NS + "parentRef"):
            ref = node.get("name", "")
            if ref not in seen_defines:
                seen_defines.add(ref)
                for define in defines.get(ref, ()):
                    stack.extend(define.iterchildren(etree.Element))
            continue
        if tag == RNG_NS + "externalRef":
            stack.extend(_external_patterns((node.get("href") or "").strip(), trees))
            continue
        stack.extend(node.iterchildren(etree.Element))
    return found, any_name


# Patterns under which an attribute may be absent.
_MAYBE_ABSENT = {RNG_NS + tag for tag in ("optional", "zeroOrMore", "choice", "notAllowed", "element")}


def _required_attributes(element: Any, defines: Mapping[str, list[Any]], trees: Mapping[str, Any]) -> set[str]:
    """Attribute names one <element> pattern always requires: those reached without passing an
    optional, a repetition that may be empty, a choice or a child element."""
    required: set[str] = set()
    seen_defines: set[str] = set()
    stack = list(element.iterchildren(etree.Element))
    while stack:
        node = stack.pop()
        if node.tag in _MAYBE_ABSENT:
            continue
        if node.tag == RNG_NS + "attribute":
            name = _pattern_name(node)
            if name is not None:
                required.add(name)
        elif node.tag in (RNG_NS + "ref", RNG_NS + "parentRef"):
            ref = node.get("name", "")
            if ref not in seen_defines and len(defines.get(ref, ())) == 1:
                seen_defines.add(ref)
                stack.extend(defines[ref][0].iterchildren(etree.Element))
        elif node.tag == RNG_NS + "externalRef":
            stack.extend(_external_patterns((node.get("href") or "").strip(), trees))
        else:
            stack.extend(node.iterchildren(etree.Element))
    return required


def _listed_values(attribute: Any, defines: Mapping[str, list[Any]]) -> set[str] | None:
    """The <value>s an attribute pattern allows, or None when it allows other text too."""
    content = [c for c in attribute.iterchildren(etree.Element) if c.tag != RNG_NS + "name"]
    if not content:
        return None  # <attribute name="x"/> means any text
    values: set[str] = set()
    stack = list(content)
    seen_defines: set[str] = set()
    while stack:
        node = stack.pop()
        if node.tag == RNG_NS + "value":
            values.add((node.text or "").strip() if node.get("type") != "string" else node.text or "")
        elif node.tag == RNG_NS + "choice":
            stack.extend(node.iterchildren(etree.Element))
        elif node.tag == RNG_NS + "ref" and node.get("name", "") in defines:
            if node.get("name") not in seen_defines:
                seen_defines.add(node.get("name"))
                for define in defines[node.get("name")]:
                    stack.extend(define.iterchildren(etree.Element))
        else:
            return None  # data, text, refs, lists: not a closed list of values
    return values


# ---------------------------------------------------------------- the cache

_cache: dict[tuple[str, str], CompiledSchema | SchemaLoadError] = {}
_cache_lock = threading.Lock()


def compiled_schema(directory: str, version: str) -> CompiledSchema:
    """The compiled schema for ``version`` in ``directory``, compiled once per process.

    Raises SchemaLoadError (also cached) when the version cannot be used safely.
    """
    key = (os.path.realpath(directory), version)
    with _cache_lock:  # compiling takes ~30 ms: simpler to hold the lock than to coordinate
        cached = _cache.get(key)
        if cached is None:
            cached = _compile(key[0], version)
            _cache[key] = cached
    if isinstance(cached, SchemaLoadError):
        raise cached
    return cached


def _compile(directory: str, version: str) -> CompiledSchema | SchemaLoadError:
    top = f"{version}.rng"
    try:
        trees = _read_closure(directory, top)
        relaxng = etree.RelaxNG(trees[top])
    except SchemaLoadError as error:
        return error
    except etree.RelaxNGParseError as error:
        return SchemaLoadError(f"cannot compile {top}: {error}")
    return CompiledSchema(version=version, path=os.path.join(directory, top), relaxng=relaxng, _trees=trees)


def clear_cache() -> None:
    """Forget compiled schemas (tests that rewrite a schema directory)."""
    with _cache_lock:
        _cache.clear()
    _schema_directory.cache_clear()
