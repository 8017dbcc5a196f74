"""Report bundles: recognise an sosreport or a crm_report by its layout and list each node's files.

A bundle is not a new kind of file: this module only maps a layout to a node name and the files
the readers already know (CIB, Pacemaker environment file, corosync.conf, SBD file). It works the
same on an extracted directory (``bundle_directory``) and on a tarball read in place
(``bundle_archive``), and never parses what it lists.

The layouts, as the collectors write them (read in their sources; no code taken from them):

sosreport (one node; sos 4.x, ``sos/report/plugins/``), at the top of the report directory:
  - ``sos_commands/`` holds every plugin's command output: its presence is what marks an sosreport;
  - ``hostname``: a relative symlink to ``sos_commands/host/hostname`` (plugin ``host``:
    ``add_cmd_output('hostname', root_symlink='hostname')``), the node's name;
  - ``sos_commands/pacemaker/crm_report/NODE/cib.xml``: plugin ``pacemaker`` runs
    ``crm_report --sos-mode -S -d --dest sos_commands/pacemaker/crm_report`` (one node, as a
    directory); older sos releases copied ``var/lib/pacemaker/cib/cib.xml`` itself, which is read
    when there is no crm_report CIB (the insights-core sosreport spec looks in both places);
  - ``etc/sysconfig/pacemaker`` (RedHatPacemaker) or ``etc/default/pacemaker`` (DebianPacemaker);
  - ``etc/corosync/corosync.conf`` (plugin ``corosync`` copies ``/etc/corosync``);
  - ``etc/sysconfig/sbd`` (RedHatPacemaker, and plugin ``sbd`` where it exists) or
    ``etc/default/sbd``.

crm_report (a cluster; Pacemaker 2.1.5 ``/usr/share/pacemaker/report.collector``, crmsh 4.4
``crmsh/report/collect.py``): one directory per node, named after the node, holding
  - ``cib.xml`` (copied from ``/var/lib/pacemaker/cib``; crmsh writes ``cibadmin -Ql``'s),
  - ``corosync.conf`` (the basename of the cluster's configuration file),
  - ``sbd``: crmsh's ``crm report`` copies ``/etc/sysconfig/sbd`` here (Pacemaker's does not),
  - and files only a collector writes: ``RUNNING`` or ``STOPPED`` (always one of them),
    ``members.txt``, ``sysinfo.txt``, ``crm_mon.txt``; a directory counts as a node's only with
    one of these beside its ``cib.xml`` or ``corosync.conf``, so a folder of CIB samples is no
    crm_report. Neither collector copies the Pacemaker environment file (they only source it).

A directory given is the bundle itself. In a tarball a bundle is found at the top or one
directory down (its single top-level directory: ``sosreport-node1-2024-…/``,
``pcmk-Mon-01-Jan-2024/``); a tarball holding several sosreports gives them all.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from typing import Protocol

from pcs_lint.bundle_archive import BundleError, read_tarball
from pcs_lint.bundle_directory import DirectoryTree
from pcs_lint.inputs import display_path
from pcs_lint.tarball_kinds import starts_a_tarball

SOSREPORT, CRM_REPORT = "sosreport", "crm_report"

_SOS_MARK = "sos_commands"
_SOS_HOSTNAME = ("hostname", "sos_commands/host/hostname")
_SOS_CRM_REPORT = "sos_commands/pacemaker/crm_report"
_SOS_OLD_CIB = "var/lib/pacemaker/cib/cib.xml"
_SOS_ENVIRONMENT = ("etc/sysconfig/pacemaker", "etc/default/pacemaker")
_SOS_COROSYNC = ("etc/corosync/corosync.conf",)
_SOS_SBD = ("etc/sysconfig/sbd", "etc/default/sbd")
_SOS_FILES = frozenset((*_SOS_HOSTNAME, _SOS_OLD_CIB, *_SOS_ENVIRONMENT, *_SOS_COROSYNC, *_SOS_SBD))

_CRM_CIB, _CRM_COROSYNC, _CRM_SBD = "cib.xml", "corosync.conf", "sbd"
_CRM_MARKS = ("RUNNING", "STOPPED", "members.txt", "sysinfo.txt", "crm_mon.txt")
_CRM_FILES = frozenset((_CRM_CIB, _CRM_COROSYNC, _CRM_SBD, *_CRM_MARKS))

# What a host name may be here: RFC 1123 labels (underscores too, seen in the wild). A hostile
# `hostname` file (escape sequences, a megabyte of text) is refused, never shown.
_HOST_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})")


class Tree(Protocol):
    path: str

    def read(self, name: str) -> bytes | None: ...

    def children(self, directory: str) -> tuple[str, ...]: ...

    def is_dir(self, name: str) -> bool: ...

    def has_file(self, name: str) -> bool: ...


@dataclass(frozen=True)
class BundleFile:
    """One file read from a report bundle, named as findings show it."""

    name: str  # as findings show it: "sosreport-node1/etc/corosync/corosync.conf", "r.tar.xz:pcmk/node1/cib.xml"
    data: bytes


@dataclass(frozen=True)
class ReportCibs:
    """The CIBs of the report bundles of one run: the one linted (the newest), and every node's
    copy as (node, file), in the order given (PCS707 compares them)."""

    linted: BundleFile
    copies: tuple[tuple[str, BundleFile], ...]


@dataclass(frozen=True)
class NodeFiles:
    """One node's files found in a bundle (None: the bundle has no such file)."""

    node: str
    bundle: str  # the path given
    kind: str  # SOSREPORT or CRM_REPORT
    cib: BundleFile | None = None
    environment: BundleFile | None = None
    corosync: BundleFile | None = None
    sbd: BundleFile | None = None


def is_bundle(path: str) -> bool:
    """Whether a path given on the command line is a report bundle: a directory with an
    sosreport's or a crm_report's layout, or a tarball (recognised by its first bytes; which
    layout it holds is known only once it is read)."""
    if path == "-":
        return False
    if os.path.isdir(path):
        try:
            return _roots(DirectoryTree(path), nested=False) != ()
        except BundleError:
            return True  # a bundle, but unsafe to read: read_bundle says why
    return starts_a_tarball(path)


def read_bundle(path: str) -> tuple[NodeFiles, ...]:
    """Each node's files in the bundle at ``path``; raises BundleError when it cannot be read
    safely, or holds neither layout."""
    directory = os.path.isdir(path)
    tree: Tree = DirectoryTree(path) if directory else read_tarball(path, _wanted)
    roots = _roots(tree, nested=not directory)
    if not roots:
        raise BundleError(f"{path}: neither an sosreport nor a crm_report (no sos_commands/, no node "
                          "directory with cib.xml or corosync.conf beside RUNNING, STOPPED or members.txt)")
    shown = _Names(tree, path, directory)
    nodes: list[NodeFiles] = []
    for kind, root in roots:
        if kind == SOSREPORT:
            nodes.append(_sosreport(tree, root, shown))
        else:
            nodes.extend(_crm_report_node(tree, root, node, shown) for node in _crm_nodes(tree, root))
    return tuple(nodes)


def _wanted(name: str) -> bool:
    """The tarball members a layout may need: its files at the top or one directory down."""
    for relative in (name, name.partition("/")[2]):
        if relative in _SOS_FILES or _is_sos_crm_cib(relative):
            return True
        head, _, base = relative.rpartition("/")
        if base in _CRM_FILES and head and "/" not in head:
            return True
    return False


def _is_sos_crm_cib(relative: str) -> bool:
    head, _, node = posixpath.dirname(relative).rpartition("/")
    return head == _SOS_CRM_REPORT and posixpath.basename(relative) == _CRM_CIB and bool(node)


def _roots(tree: Tree, *, nested: bool) -> tuple[tuple[str, str], ...]:
    """(layout, root directory) of each bundle in the tree: at its top, else (``nested``: in a
    tarball, whose members sit in one top-level directory) one level down. A directory given
    must be the bundle itself: a folder that merely holds one is searched for CIBs as usual."""
    top = _layout(tree, "")
    if top is not None:
        return ((top, ""),)
    if not nested:
        return ()
    found = []
    for child in tree.children(""):
        layout = _layout(tree, child)
        if layout is not None:
            found.append((layout, child))
    return tuple(found)


def _layout(tree: Tree, root: str) -> str | None:
    if tree.is_dir(_join(root, _SOS_MARK)):
        return SOSREPORT
    return CRM_REPORT if _crm_nodes(tree, root) else None


def _crm_nodes(tree: Tree, root: str) -> tuple[str, ...]:
    return tuple(
        node for node in tree.children(root)
        if any(tree.has_file(_join(root, node, name)) for name in (_CRM_CIB, _CRM_COROSYNC))
        and any(tree.has_file(_join(root, node, mark)) for mark in _CRM_MARKS)
    )


class _Names:
    """Reads a bundle's files and names them as findings show them."""

    def __init__(self, tree: Tree, given: str, directory: bool) -> None:
        self._tree = tree
        self._directory = directory
        self._given = display_path(given)

    def first(self, *names: str) -> BundleFile | None:
        for name in names:
            data = self._tree.read(name)
            if data is not None:
                shown = os.path.join(self._given, name) if self._directory else f"{self._given}:{name}"
                return BundleFile(shown, data)
        return None


def _sosreport(tree: Tree, root: str, shown: _Names) -> NodeFiles:
    reports = tuple(n for n in tree.children(_join(root, _SOS_CRM_REPORT))
                    if tree.has_file(_join(root, _SOS_CRM_REPORT, n, _CRM_CIB)))
    hostname = next((data for name in _SOS_HOSTNAME if (data := tree.read(_join(root, name))) is not None), None)
    if hostname is not None:
        node = _host_name(hostname, f"{_join(tree.path, root)}: hostname")
    elif len(reports) == 1:  # crm_report names its directory after the node it ran on
        node = reports[0]
    else:
        raise BundleError(f"{_join(tree.path, root) or tree.path}: an sosreport without hostname or "
                          "sos_commands/host/hostname: its node is unknown")
    # crm_report --sos-mode collects this node only; prefer its directory when there are several
    ordered = sorted(reports, key=lambda n: n != node)
    cib_names = (*(_join(root, _SOS_CRM_REPORT, n, _CRM_CIB) for n in ordered), _join(root, _SOS_OLD_CIB))
    return NodeFiles(
        node=node, bundle=tree.path, kind=SOSREPORT,
        cib=shown.first(*cib_names),
        environment=shown.first(*(_join(root, n) for n in _SOS_ENVIRONMENT)),
        corosync=shown.first(*(_join(root, n) for n in _SOS_COROSYNC)),
        sbd=shown.first(*(_join(root, n) for n in _SOS_SBD)),
    )


def _crm_report_node(tree: Tree, root: str, node: str, shown: _Names) -> NodeFiles:
    _host_name(node.encode("utf-8", "surrogateescape"), f"{_join(tree.path, root, node)}: node directory")
    return NodeFiles(
        node=node, bundle=tree.path, kind=CRM_REPORT,
        cib=shown.first(_join(root, node, _CRM_CIB)),
        corosync=shown.first(_join(root, node, _CRM_COROSYNC)),
        sbd=shown.first(_join(root, node, _CRM_SBD)),
    )


def _host_name(data: bytes, where: str) -> str:
    text = data.decode("ascii", "replace").strip()
    if _HOST_NAME.fullmatch(text) is None:
        raise BundleError(f"{where}: not a host name; the node cannot be named")
    return text


def _join(*parts: str) -> str:
    return "/".join(part for part in parts if part)
