"""Report bundles given on the command line, combined into one cluster's inputs.

Each bundle's node files (``report_bundles``) become what ``--sysconfig NODE=``,
``--corosync NODE=`` and ``--sbd NODE=`` give, read by the same readers under the names
findings show (``sosreport-node1/etc/corosync/corosync.conf``). Of the CIBs the bundles hold,
one is linted: the newest by (admin_epoch, epoch, num_updates), the order in which a CIB's
version grows (RULES.md, "The whole cluster"); on a tie, the first given. A file given with an
option wins over the same node's file from a bundle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pcs_lint.engine import RunPlan
from pcs_lint.parse import XmlDocument, parse_xml
from pcs_lint.sysconfig import SBD_SCHEMA, EnvFile, parse_env_bytes
from pcs_lint.tarball_kinds import may_be_bundle
from pcs_lint.values import pcmk_scan_ll

if TYPE_CHECKING:  # the bundle readers are imported by the runs given a bundle (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf
    from pcs_lint.report_bundles import BundleFile, NodeFiles

_VERSION_ATTRIBUTES = ("admin_epoch", "epoch", "num_updates")


@dataclass(frozen=True)
class BundleInputs:
    """What the report bundles of a run hold, and the paths that are not bundles."""

    others: tuple[str, ...] = ()  # the paths that are not bundles, in order
    bundles: tuple[str, ...] = ()  # the paths read as bundles
    nodes: tuple[NodeFiles, ...] = ()
    cib: BundleFile | None = None  # the one linted
    env_files: Mapping[str, EnvFile] = field(default_factory=dict)
    corosync: tuple[CorosyncConf, ...] = ()
    sbd_files: Mapping[str, EnvFile] = field(default_factory=dict)
    errors: tuple[str, ...] = ()  # bundles that could not be read: one line each, exit 2
    skipped: tuple[str, ...] = ()  # "PATH: why" for bundles that hold nothing pcs-lint reads


def read_bundles(paths: Sequence[str]) -> BundleInputs:
    """Split ``paths`` into bundles and the rest, and read the bundles as one cluster."""
    if not any(map(may_be_bundle, paths)):  # named files only, as in most runs
        return BundleInputs(others=tuple(paths))
    from pcs_lint.bundle_archive import BundleError
    from pcs_lint.corosync import parse_corosync_bytes
    from pcs_lint.report_bundles import is_bundle, read_bundle

    others: list[str] = []
    bundles: list[str] = []
    nodes: dict[str, NodeFiles] = {}
    errors: list[str] = []
    skipped: list[str] = []
    for path in paths:
        if not is_bundle(path):
            others.append(path)
            continue
        bundles.append(path)
        try:
            found = read_bundle(path)
        except BundleError as error:
            errors.append(str(error))
            continue
        if not any((n.cib, n.environment, n.corosync, n.sbd) != (None,) * 4 for n in found):
            skipped.append(f"{path}: no CIB, corosync.conf, Pacemaker environment or SBD file in this "
                           f"{found[0].kind}")
        for node_files in found:
            if node_files.node in nodes:
                errors.append(f"{path}: node {node_files.node!r} is also in {nodes[node_files.node].bundle}; "
                              "this copy is not read")
                continue
            nodes[node_files.node] = node_files
    found_nodes = tuple(nodes.values())
    confs = [(n.node, parse_corosync_bytes(n.corosync.data, path=n.corosync.name, node=n.node))
             for n in found_nodes if n.corosync is not None]
    named = _as_corosync_names(found_nodes, {e.name for _, conf in confs for e in conf.nodelist if e.name})
    renamed = {old.node: new.node for old, new in zip(found_nodes, named, strict=True)}
    return BundleInputs(
        others=tuple(others),
        bundles=tuple(bundles),
        nodes=named,
        cib=newest_cib([n.cib for n in named if n.cib is not None]),
        env_files={n.node: parse_env_bytes(n.environment.data, node=n.node, path=n.environment.name)
                   for n in named if n.environment is not None},
        corosync=tuple(replace(conf, node=renamed[node]) for node, conf in confs),
        sbd_files={n.node: parse_env_bytes(n.sbd.data, node=n.node, path=n.sbd.name, schema=SBD_SCHEMA)
                   for n in named if n.sbd is not None},
        errors=tuple(errors),
        skipped=tuple(skipped),
    )


def _as_corosync_names(nodes: tuple[NodeFiles, ...], names: set[str]) -> tuple[NodeFiles, ...]:
    """Each node under the name Pacemaker gives it: a host whose name is a FQDN
    (``node1.example.com``, as ``hostname`` prints it on many RHEL hosts) is the cluster node that
    a corosync nodelist ``name`` (one of ``names``) calls by its first label (``node1``), when no
    nodelist name is the whole host name. Any other name is kept as the bundle gives it."""
    taken = {n.node for n in nodes}
    renamed = []
    for node_files in nodes:
        short = node_files.node.partition(".")[0]
        if node_files.node not in names and short != node_files.node and short in names and short not in taken:
            node_files = replace(node_files, node=short)
            taken.add(short)
        renamed.append(node_files)
    return tuple(renamed)


def newest_cib(cibs: Sequence[BundleFile]) -> BundleFile | None:
    """The CIB with the highest (admin_epoch, epoch, num_updates); one that does not parse counts
    as the oldest (it is still linted, and reported, when it is the only one)."""
    if len(cibs) <= 1:
        return cibs[0] if cibs else None
    return max(cibs, key=lambda cib: (_version(cib.data) or ()), default=None)


def _version(data: bytes) -> tuple[int, ...] | None:
    document = parse_xml(data)
    if not isinstance(document, XmlDocument):
        return None
    # Pacemaker reads each as an integer, a missing or unreadable one as -1 (cib_compare_generation)
    return tuple(pcmk_scan_ll(document.root.get(name), -1) for name in _VERSION_ATTRIBUTES)


def with_bundle_files(plan: RunPlan, inputs: BundleInputs) -> RunPlan:
    """The plan with the bundles' node files added; files given with an option win."""
    if not inputs.nodes:
        return plan
    from pcs_lint.report_bundles import ReportCibs

    given_corosync = {conf.node for conf in plan.corosync}
    copies = tuple((n.node, n.cib) for n in inputs.nodes if n.cib is not None)
    return replace(
        plan,
        report_cibs=ReportCibs(inputs.cib, copies) if inputs.cib is not None else None,
        report_nodes=inputs.nodes,
        env_files={**inputs.env_files, **plan.env_files},
        corosync=(*plan.corosync, *(c for c in inputs.corosync if c.node not in given_corosync)),
        sbd_files={**inputs.sbd_files, **plan.sbd_files},
    )
