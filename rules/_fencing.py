"""How Pacemaker reads the fencing and quorum options: shared by the PCS3xx rules.

The switch is ``stonith-enabled``. Pacemaker's development branch renamed it ``fencing-enabled``
(which then wins over the old name); no reference release knows that name (measured: neither
2.1.5's nor 3.0.0's scheduler metadata lists it, and a CIB setting only fencing-enabled=false
without a fence device starts nothing on either), so it counts only for a target release whose
data lists it. A configuration whose schema is older than pacemaker-3.0 is upgraded in memory
before it is read, and that upgrade renames the 1.x spellings (``stonith_enabled``,
``no_quorum_policy``) to the hyphenated ones, so those count too.
"""

from __future__ import annotations

from dataclasses import dataclass

from pcs_lint.findings import Fix
from pcs_lint.model import Cib, NvPair
from pcs_lint.release import TargetRelease
from pcs_lint.rules._pcs_properties import set_property_fix, unset_property_command
from pcs_lint.rules._ports import connections
from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, parse_boolean, schema_version

FENCING_NAMES = ("fencing-enabled", "stonith-enabled")  # the first one the release knows wins
NEW_FENCING_NAME, FENCING_NAME = FENCING_NAMES
LEGACY_FENCING_NAME = "stonith_enabled"
NO_QUORUM_NAME = "no-quorum-policy"
LEGACY_NO_QUORUM_NAME = "no_quorum_policy"


@dataclass(frozen=True)
class FencingSetting:
    """Whether fencing is enabled, and which nvpair (if any) decided it."""

    enabled: bool
    pair: NvPair | None  # None: nothing set, the default (enabled) applies
    valid: bool = True  # False: the value is not a boolean, Pacemaker uses the default

    @property
    def name(self) -> str:
        return self.pair.name if self.pair is not None else "stonith-enabled"


def upgrades_legacy_names(cib: Cib) -> bool:
    """True when the schema predates pacemaker-3.0, so the 1.x underscore names are renamed.

    pacemaker-next is newer than every numbered schema and none turns validation (and every
    upgrade) off: neither renames anything. transitional-0.6 is the 0.6 schema of Pacemaker 1.0.
    """
    declared = cib.validate_with
    if declared in (SCHEMA_NEXT, SCHEMA_NONE):
        return False
    version = schema_version(declared)
    if version is None:
        return (declared or "").startswith("transitional-")
    return version < (3, 0)


def cluster_option(cib: Cib, *names: str, legacy: str | None = None) -> NvPair | None:
    """The first of ``names`` set in crm_config (earlier names win), else the legacy spelling."""
    for name in names:
        pair = cib.cluster_options.get(name)
        if pair is not None:
            return pair
    if legacy is not None and upgrades_legacy_names(cib):
        return cib.cluster_options.get(legacy)
    return None


def knows_new_fencing_name(release: TargetRelease | None) -> bool:
    """Whether the target release reads fencing-enabled (no reference release does)."""
    return release is not None and release.data.knows_option(NEW_FENCING_NAME)


def fencing_names(release: TargetRelease | None) -> tuple[str, ...]:
    return FENCING_NAMES if knows_new_fencing_name(release) else (FENCING_NAME,)


def ignored_fencing_pair(cib: Cib, release: TargetRelease | None) -> NvPair | None:
    """A fencing-enabled the target release does not read (PCS306 reports it as unknown)."""
    return None if knows_new_fencing_name(release) else cib.cluster_options.get(NEW_FENCING_NAME)


def fencing_setting(cib: Cib, release: TargetRelease | None) -> FencingSetting:
    pair = cluster_option(cib, *fencing_names(release), legacy=LEGACY_FENCING_NAME)
    if pair is None:
        return FencingSetting(enabled=True, pair=None)
    value = parse_boolean(pair.value)
    if value is None:
        return FencingSetting(enabled=True, pair=pair, valid=False)
    return FencingSetting(enabled=value, pair=pair)


def has_watchdog(cib: Cib) -> bool:
    """have-watchdog=true (set by the controller when SBD runs) counts as a way to fence."""
    pair = cib.cluster_options.get("have-watchdog")
    return pair is not None and parse_boolean(pair.value) is True


def can_fence(cib: Cib) -> bool:
    """Whether Pacemaker considers fencing configured: a fence device, or watchdog self-fencing."""
    return bool(cib.fence_devices) or has_watchdog(cib)


def remote_and_guest_node_names(cib: Cib) -> tuple[str, ...]:
    """The remote and guest nodes Pacemaker creates (bundle replicas are not listed here: see
    ``Bundle.replica_nodes`` and ``Cib.generated_names``)."""
    return tuple(connection.node for connection in connections(cib))


def enable_fencing_commands(cib: Cib) -> tuple[str, ...]:
    """The pcs commands that turn fencing on for every release: no fencing-enabled (Pacemaker 3
    reads it before stonith-enabled; pcs 0.11 does not know the name but unsets it), then
    stonith-enabled=true."""
    unset = (f"pcs property unset {FENCING_NAMES[0]}",) if FENCING_NAMES[0] in cib.cluster_options else ()
    return (*unset, f"pcs property set {FENCING_NAMES[1]}=true")


def enable_fencing_fix(cib: Cib) -> Fix | None:
    """Those commands as a fix, or None where they cannot be complete: no fence device to fence
    with, or a setting pcs cannot reach (in a cluster_property_set it does not edit)."""
    enable = set_property_fix(cib, FENCING_NAMES[1], "true")
    new = cib.cluster_options.get(FENCING_NAMES[0])
    unset = unset_property_command(cib, new) if new is not None else None
    if not can_fence(cib) or enable is None or (new is not None and unset is None):
        return None
    return Fix((*([unset] if unset else []), *enable.commands))


def enable_fencing_hint(cib: Cib) -> str:
    """How to turn fencing on: the commands, after configuring fence devices where none exist."""
    steps = ", then ".join(enable_fencing_commands(cib))
    return steps if can_fence(cib) else f"configure fence devices, then {steps}"
