"""Facts shared by the rules that read the CIB and corosync.conf together (PCS138, PCS701,
PCS704): which corosync.conf copy names what, and where."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pcs_lint.findings import SourceLocation
from pcs_lint.nodes import fold

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, NodelistEntry


@dataclass(frozen=True)
class NodelistName:
    """A name or address a corosync nodelist entry gives its node (``name``, ``ringN_addr``)."""

    conf: CorosyncConf
    entry: NodelistEntry
    key: str  # "name", "ring0_addr", ...
    value: str
    line: int

    @property
    def location(self) -> SourceLocation:
        return SourceLocation(self.conf.path, self.line)

    def describe(self) -> str:
        return f"{self.key}: {self.value} of corosync node {self.entry.label} ({self.conf.path}:{self.line})"


def nodelist_names(confs: tuple[CorosyncConf, ...]) -> dict[str, NodelistName]:
    """Every nodelist ``name`` and ``ringN_addr`` of the run's corosync.conf copies, by the name
    folded as Pacemaker compares node names (the first place that writes it)."""
    found: dict[str, NodelistName] = {}
    for conf in confs:
        for entry in conf.nodelist:
            for key in entry.section.keys:
                if key.name == "name" or (key.name.startswith("ring") and key.name.endswith("_addr")):
                    if key.value:
                        found.setdefault(fold(key.value), NodelistName(conf, entry, key.name, key.value, key.line))
    return found


def first_with_nodelist(confs: tuple[CorosyncConf, ...]) -> Iterator[CorosyncConf]:
    """The copies that have a nodelist (a corosync 2 style file without one names no node)."""
    return (conf for conf in confs if conf.nodelist)
