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
