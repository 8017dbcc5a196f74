"""PCS707 cib-differs: the report bundles of one cluster hold different CIBs.

Several sosreports (or a crm_report's node directories) are one cluster, and only the newest of
their CIBs is linted (lint/bundle_inputs.py). Each copy is compared with it beyond what changes
without anyone changing the configuration: the status section, the version counters and the
root attributes the cluster itself rewrites. Whitespace and comments do not count (cibadmin and
pcs write the same configuration differently indented).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.parse import XmlDocument, parse_xml
from pcs_lint.rule import Context, Rule, rule_doc

if TYPE_CHECKING:  # read by the runs given a report bundle only (start-up: issue 14)
    from pcs_lint.report_bundles import BundleFile

# Root attributes the cluster changes by itself (Pacemaker 2.1.5's cib.xml: the counters on
# every update; the writer, time and quorum each time the DC writes it).
VOLATILE_ROOT_ATTRIBUTES = frozenset({
    "admin_epoch", "epoch", "num_updates", "cib-last-written", "update-origin", "update-client",
    "update-user", "have-quorum", "dc-uuid", "execution-date",
})
COUNTERS = ("admin_epoch", "epoch", "num_updates")


@dataclass(frozen=True)
class CibCopy:
    """What of one CIB is compared: its root attributes that matter and each configuration
    section in canonical form (tag -> bytes), in document order."""

    counters: str
    root: tuple[tuple[str, str], ...]
    sections: dict[str, bytes]
    line: int | None


def read_copy(file: BundleFile) -> CibCopy | None:
    """The comparable form of a CIB, or None when it does not parse (PCS001/PCS002 report the
    linted one; another node's broken copy is not judged here)."""
    document = parse_xml(file.data)
    if not isinstance(document, XmlDocument):
        return None
    root = document.root
    counters = ", ".join(f"{name} {root.get(name)}" for name in COUNTERS if root.get(name) is not None)
    kept = tuple(sorted((k, v) for k, v in root.attrib.items() if k not in VOLATILE_ROOT_ATTRIBUTES))
    sections: dict[str, bytes] = {}
    configuration = root.find("configuration")
    for section in configuration if configuration is not None else ():
        if isinstance(section.tag, str):
            sections[section.tag] = sections.get(section.tag, b"") + _canonical(section)
    return CibCopy(counters or "no version counters", kept, sections, root.sourceline)


def _canonical(element) -> bytes:
    """The element without whitespace between tags, attributes in order: the same configuration
    written by two tools compares equal."""
    for node in element.iter():
        if node.text is not None and not node.text.strip():
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    return etree.tostring(element, method="c14n")


def differences(linted: CibCopy, other: CibCopy) -> list[str]:
    """What differs, as the message names it: root attributes, then sections in document order."""
    found = []
    if linted.root != other.root:
        names = sorted({k for k, _ in set(linted.root) ^ set(other.root)})
        found.append("the <cib> attributes " + ", ".join(names))
    for tag in dict.fromkeys([*linted.sections, *other.sections]):
        if linted.sections.get(tag) != other.sections.get(tag):
            found.append(f"<{tag}>")
    return found


def check(ctx: Context) -> Iterator[Problem]:
    cibs = ctx.report_cibs
    if cibs is None or len(cibs.copies) < 2:
        return
    linted = read_copy(cibs.linted)
    if linted is None:
        return
    holder = next((node for node, file in cibs.copies if file is cibs.linted), None)
    differing = []
    for node, file in cibs.copies:
        if file is cibs.linted:
            continue
        other = read_copy(file)
        found = differences(linted, other) if other is not None else []
        if found:
            differing.append(f"{node}'s copy ({file.name}, {other.counters}) differs in {', '.join(found)}")
    if not differing:
        return
    yield Problem(
        f"the report bundles hold different CIBs: {'; '.join(differing)}; only the newest, "
        f"{holder}'s ({cibs.linted.name}, {linted.counters}), was linted, so what the other copies "
        "configure was not checked",
        location=SourceLocation(cibs.linted.name, linted.line),
        severity=Severity.WARNING,
        object_id=holder,
        hint="a node whose copy is older was probably out of the cluster when its report was made; "
        "make the reports again together (crm_report collects every node at once), or lint each "
        "CIB on its own",
    )


RULE = Rule(
    code="PCS707",
    name="cib-differs",
    severity=Severity.WARNING,
    summary="report bundles of one cluster hold different CIBs (beyond status and version counters): "
    "the newest was linted",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
