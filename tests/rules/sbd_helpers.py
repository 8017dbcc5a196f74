"""Shared inputs for the SBD rule tests: CIBs with SBD-related options, SBD files, real dumps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

from pcs_lint.release import OPTION, TargetRelease, reference_data
from pcs_lint.testing import cib, cluster_properties

DUMPS = Path(__file__).parent.parent / "sbd_dumps"
DEFAULT_DUMP = (DUMPS / "default-5-10.txt").read_text()  # /dev/loop0: watchdog 5, msgwait 10
SHORT_MSGWAIT_DUMP = (DUMPS / "watchdog15-msgwait20.txt").read_text()  # /dev/loop0: 15, 20
TWO_DISKS_DUMP = (DUMPS / "two-disks.txt").read_text()  # /dev/loop0: 5, 10; /dev/loop1: 30, 60

FENCE_SBD = ('      <primitive id="fence-sbd" class="stonith" type="fence_sbd">\n'
             '        <instance_attributes id="fence-sbd-ia">\n'
             '          <nvpair id="fence-sbd-devices" name="devices" value="/dev/loop0"/>\n'
             "{extra}"
             "        </instance_attributes>\n"
             "      </primitive>\n")


def sbd_cib(*options: tuple[str, str], fence_sbd: bool = False, device_params: str = "", fencing: bool = False) -> str:
    resources = FENCE_SBD.format(extra=device_params) if fence_sbd else ""
    return cib(resources=resources, crm_config=cluster_properties(*options) if options else "", fencing=fencing)


def with_new_watchdog_name() -> TargetRelease:
    """A made-up release whose metadata lists fencing-watchdog-timeout (Pacemaker's development
    branch renamed the option; no reference release lists the new name)."""
    data = reference_data("3.0.0")
    options = dict(data.cluster_options)
    options["fencing-watchdog-timeout"] = MappingProxyType({"daemon": "controld", "type": "time", "default": "0"})
    return TargetRelease("3.1.0", OPTION, replace(data, release="3.1.0", cluster_options=MappingProxyType(options)))


def quorum(nodes: int = 2, *, two_node: bool = False, qdevice: bool = False, auto_tie_breaker: bool = False,
           token: int = 3000, consensus: int = 3600, wait_for_all: bool | None = None):
    """corosync.conf's facts as the corosync reader hands them over (lint/quorum_facts.py);
    wait_for_all defaults to votequorum's (on with two_node)."""
    from pcs_lint.quorum_facts import Millis, QuorumFacts

    return QuorumFacts("corosync.conf", nodes, two_node, qdevice, auto_tie_breaker,
                       Millis(token, f"token: {token} at corosync.conf:5"), Millis(consensus, "the default 1.2 x token"),
                       two_node if wait_for_all is None else wait_for_all)


def check_with(rule, xml: str, *, sbd=None, dumps=None, facts=None):
    """The rule's problems for a CIB, SBD files and dumps given as text, and corosync facts
    (which no input sets yet), judged for Pacemaker 2.1.5."""
    from pcs_lint.model import build_index
    from pcs_lint.parse import parse_xml
    from pcs_lint.release import chosen
    from pcs_lint.rule import Context
    from pcs_lint.sbd_dump import parse_dump_text
    from pcs_lint.sysconfig import SBD_SCHEMA, parse_env_text

    files = {node: parse_env_text(text, node=node, path=f"{node}.sbd", schema=SBD_SCHEMA) for node, text in (sbd or {}).items()}
    parsed = {device: parse_dump_text(text, device=device, path=f"dump{n}.txt")
              for n, (device, text) in enumerate((dumps or {}).items(), start=1)}
    index = build_index(parse_xml(xml.encode()).root)
    context = Context(cib=index, path="cib.xml", release=chosen("2.1.5", OPTION), sbd_files=files,
                      sbd_dumps=parsed, quorum=facts)
    return list(rule.check(context))
