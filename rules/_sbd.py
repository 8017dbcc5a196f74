"""SBD and the CIB: the watchdog and fencing timeouts as Pacemaker reads them, each with where it
came from, shared by the PCS6xx rules, PCS301 and PCS309.

Option names by target release: ``stonith-watchdog-timeout`` and ``stonith-timeout`` were renamed
``fencing-watchdog-timeout`` and ``fencing-timeout`` on Pacemaker's development branch (feature
set 3.20.5; the old names stay as deprecated aliases). Which name counts is read from the target
release's metadata (schemas/releases): the first of the names it lists wins, as for
fencing-enabled in rules/_fencing.py. Neither reference release (2.1.5, 3.0.0) lists the new names.

Pacemaker reads both options as timeouts (crm_get_msec). A negative or unreadable
stonith-watchdog-timeout means "automatic": twice the node's SBD_WATCHDOG_TIMEOUT (Pacemaker
Explained, cluster options and local options).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pcs_lint.durations import format_ms, parse_interval, parse_timeout
from pcs_lint.model import Cib, NvPair, Resource
from pcs_lint.release import TargetRelease
from pcs_lint.rules._fencing import cluster_option
from pcs_lint.sbd import SbdSettings, sbd_settings
from pcs_lint.sysconfig import EnvFile

WATCHDOG_TIMEOUT_NAMES = ("fencing-watchdog-timeout", "stonith-watchdog-timeout")
FENCING_TIMEOUT_NAMES = ("fencing-timeout", "stonith-timeout")
SBD_AGENTS = ("fence_sbd", "external/sbd")  # the fence agents that write the poison pill


def known_names(release: TargetRelease | None, names: tuple[str, ...]) -> tuple[str, ...]:
    """The names of one option the target release reads, newest first; the old name alone when
    no release applies or the release's data lists none of them."""
    known = tuple(n for n in names if release is not None and release.data.knows_option(n))
    return known or names[-1:]


def _default(release: TargetRelease | None, name: str, fallback: str) -> str:
    spec = release.data.option(name) if release is not None else None
    return str((spec or {}).get("default", fallback))


def place(path: str, pair: NvPair) -> str:
    """'name="value" at cib.xml:12': a CIB value and where it is, for messages."""
    line = getattr(pair.element, "sourceline", None)
    return f'{pair.name}="{pair.value}" at {path}:{line}' if line else f'{pair.name}="{pair.value}" in nvpair {pair.id}'


@dataclass(frozen=True)
class ClusterTimeout:
    """A cluster option read as Pacemaker reads it, in milliseconds, and where it came from."""

    name: str  # the name the release reads (the one set, else the newest known)
    pair: NvPair | None
    ms: int | None  # None: negative or unreadable (for the watchdog timeout: automatic)
    origin: str

    @property
    def automatic(self) -> bool:
        return self.ms is None

    @property
    def positive(self) -> bool:
        return self.ms is not None and self.ms > 0

    @property
    def explicitly_negative(self) -> bool:
        return self.pair is not None and (self.pair.value or "").strip().startswith("-")

    def shown(self) -> str:
        return format_seconds(self.ms) if self.ms is not None else "automatic"


def format_seconds(ms: int) -> str:
    return f"{ms // 1000} s" if ms % 1000 == 0 else format_ms(ms)


def _timeout(cib: Cib, release: TargetRelease | None, path: str, names: tuple[str, ...],
             fallback: str, *, negative_is_automatic: bool) -> ClusterTimeout:
    known = known_names(release, names)
    pair = cluster_option(cib, *known)
    if pair is None:
        default = _default(release, known[-1], fallback)
        ms = parse_timeout(default).ms or 0
        label = release.label if release is not None else "Pacemaker"
        return ClusterTimeout(known[0], None, ms,
                              f"the default {format_seconds(ms)} of {label} ({known[0]} is not set)")
    text = pair.value or ""
    read = parse_timeout(text)
    if negative_is_automatic and (text.strip().startswith("-") or not read.valid):
        return ClusterTimeout(pair.name, pair, None, f"{place(path, pair)}: automatic")
    if not read.valid:
        default = _default(release, pair.name, fallback)
        ms = parse_timeout(default).ms or 0
        return ClusterTimeout(pair.name, pair, ms,
                              f"{place(path, pair)}, unreadable, so the default {format_seconds(ms)}")
    return ClusterTimeout(pair.name, pair, read.ms, place(path, pair))


def watchdog_timeout(cib: Cib, release: TargetRelease | None, path: str) -> ClusterTimeout:
    """stonith-watchdog-timeout (or the release's newer name): SWT in RULES.md."""
    return _timeout(cib, release, path, WATCHDOG_TIMEOUT_NAMES, "0", negative_is_automatic=True)


def fencing_timeout(cib: Cib, release: TargetRelease | None, path: str) -> ClusterTimeout:
    """stonith-timeout (or the release's newer name): ST in RULES.md."""
    return _timeout(cib, release, path, FENCING_TIMEOUT_NAMES, "60s", negative_is_automatic=False)


def watchdog_fencing_on(swt: ClusterTimeout) -> bool:
    """Whether watchdog self-fencing is on (SWT not 0): positive, or automatic when set negative."""
    return swt.pair is not None and (swt.automatic or swt.positive)


def sbd_nodes(sbd_files: Mapping[str, EnvFile]) -> list[SbdSettings]:
    return [sbd_settings(sbd_files[node]) for node in sorted(sbd_files)]


def sbd_devices(cib: Cib) -> list[Resource]:
    """Fence devices that fence through the SBD disk (fence_sbd, external/sbd)."""
    return [r for r in cib.fence_devices if (cib.effective_agent(r).type or "").lower() in SBD_AGENTS]


def delay_ms(text: str | None) -> int:
    """pcmk_delay_max / pcmk_delay_base (plain or a per-node map "node1:5s;node2:0"): the largest
    delay it can give, in milliseconds (0 when unreadable)."""
    if not text:
        return 0
    parts = text.replace(",", ";").replace(" ", ";").split(";") if ":" in text else [text]
    values = (part.rpartition(":")[2] for part in parts if part.strip())
    return max((parse_interval(value.strip()).ms or 0 for value in values), default=0)

