"""PCS604 sbd-inconsistent: SBD settings that differ between cluster nodes."""

from collections.abc import Callable, Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._sbd import sbd_nodes
from pcs_lint.sbd import DELAY_START, DEVICE, PACEMAKER, START_MODE, WATCHDOG_TIMEOUT, SbdSettings


def _devices(node: SbdSettings) -> str:
    if not node.devices:
        return "none (diskless)"
    shown = node.shown_devices()
    # A value not known harmless is compared all the same, but only counted in the message.
    return "; ".join(sorted(shown.split(";"))) if shown is not None else \
        f"{len(node.devices)} device(s) not shown (not a list of absolute paths)"


def _delay(node: SbdSettings) -> str:
    if isinstance(node.delay_start, bool):
        return "yes" if node.delay_start else "no"
    return f"{node.delay_start} s"


# Each compared setting: its variable and how sbd's reading of it is shown (never a raw value).
SETTINGS: tuple[tuple[str, Callable[[SbdSettings], str]], ...] = (
    (WATCHDOG_TIMEOUT, lambda node: f"{node.watchdog_timeout.value} s"),
    (DEVICE, _devices),
    (DELAY_START, _delay),
    (PACEMAKER, lambda node: "yes" if node.pacemaker else "no"),
    (START_MODE, lambda node: node.start_mode),
)


def check(ctx: Context) -> Iterator[Problem]:
    nodes = sbd_nodes(ctx.sbd_files)
    if len(nodes) < 2:
        return
    for name, read in SETTINGS:
        groups: dict[str, list[SbdSettings]] = {}
        for node in nodes:
            groups.setdefault(read(node), []).append(node)
        if len(groups) < 2:
            continue
        # The most common reading is taken as the intended one; ties go to the first node's.
        usual = max(groups, key=lambda value: (len(groups[value]), -nodes.index(groups[value][0])))
        summary = "; ".join(f"{', '.join(n.node for n in members)}: {value} ({members[0].at(name)})"
                            for value, members in groups.items())
        for value, members in groups.items():
            if value == usual:
                continue
            for node in members:
                yield Problem(
                    f"{name} on {node.node} is read as {value}, unlike other nodes ({summary}): SBD "
                    "behaves differently depending on which node fails or fences",
                    object_id=node.node,
                    location=node.file.location(name),
                    hint=f"make {name} the same in every node's SBD file ({node.file.path} on {node.node}) "
                         "and restart the cluster on that node",
                )


RULE = Rule(
    code="PCS604",
    name="sbd-inconsistent",
    severity=Severity.WARNING,
    summary=("SBD_WATCHDOG_TIMEOUT, the device set, SBD_DELAY_START, SBD_PACEMAKER or SBD_STARTMODE "
             "differ between nodes"),
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
