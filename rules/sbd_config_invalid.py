"""PCS603 sbd-config-invalid: values of a node's SBD file judged the way sbd 1.5.2 reads them
(lint/sbd.py): errors where sbd refuses to start or runs with something else than written,
warnings where the file is legal but misleading."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._option_schemas import BAD_VALUE, DEPRECATED, UNKNOWN_NAME, expected_value, option_set, validate
from pcs_lint.rules._sbd import sbd_nodes
from pcs_lint.sbd import (
    DELAY_START,
    DEVICE,
    MAX_DEVICES,
    PACEMAKER,
    START_MODE,
    TIMEOUT_ACTION,
    WATCHDOG_TIMEOUT,
    SbdSettings,
    timeout_action_words,
)
from pcs_lint.sysconfig import SBD_SCHEMA
from pcs_lint.values import parse_boolean

# Variables whose values this rule judges itself (with sbd's own reading, not only the schema's).
_OWN = {DEVICE, WATCHDOG_TIMEOUT, START_MODE, TIMEOUT_ACTION, DELAY_START, PACEMAKER}


def check(ctx: Context) -> Iterator[Problem]:
    for node in sbd_nodes(ctx.sbd_files):
        yield from _devices(node)
        yield from _values(node)
        yield from _names(node)


def _problem(node: SbdSettings, name: str, message: str, hint: str, severity: Severity) -> Problem:
    return Problem(f"{node.shown(name)} in the SBD file of {node.node}: {message}", object_id=name,
                   location=node.file.location(name), hint=f"{hint} in {node.file.path} on {node.node}",
                   severity=severity)


def _devices(node: SbdSettings) -> Iterator[Problem]:
    if len(node.devices) > MAX_DEVICES:
        yield _problem(node, DEVICE, f"{len(node.devices)} devices, and sbd takes at most {MAX_DEVICES}: "
                       "it refuses to start", f"keep at most {MAX_DEVICES} devices in {DEVICE}", Severity.ERROR)
    relative = [entry for entry in node.devices if not entry.startswith("/")]
    if relative:
        yield _problem(node, DEVICE, f"{len(relative)} entr{'y is' if len(relative) == 1 else 'ies are'} not an "
                       "absolute path: sbd refuses the device line and does not start",
                       f"name each device by its absolute path (/dev/disk/by-id/...) in {DEVICE}", Severity.ERROR)
    if "" in node.device_entries and node.devices:
        yield _problem(node, DEVICE, "an empty entry (';;' or a ';' at an end): sbd skips it with a log line, "
                       "so the file names fewer devices than it seems to", f"remove the empty entry from {DEVICE}",
                       Severity.WARNING)


def _values(node: SbdSettings) -> Iterator[Problem]:
    if node.value(WATCHDOG_TIMEOUT) is not None and node.watchdog_timeout.value == 0:
        yield _problem(node, WATCHDOG_TIMEOUT, "sbd reads it as 0 s (a timeout it cannot read, or one below "
                       "a second, is 0), so the watchdog gets no usable timeout",
                       f"set {WATCHDOG_TIMEOUT} to whole seconds, e.g. {WATCHDOG_TIMEOUT}=5", Severity.ERROR)
    mode = node.value(START_MODE)
    if mode is not None and mode.value not in ("always", "clean"):
        yield _problem(node, START_MODE, "not exactly clean or always (sbd compares it case-sensitively), so "
                       "sbd silently uses always: a fenced node rejoins without waiting to be cleared",
                       f"write {START_MODE}=clean or {START_MODE}=always", Severity.ERROR)
    action = node.value(TIMEOUT_ACTION)
    if action is not None:
        words = timeout_action_words(action.value)
        if words is None:
            yield _problem(node, TIMEOUT_ACTION, "not one or two of flush|noflush and reboot|crashdump|off in "
                           "lower case separated by a comma: sbd refuses it and does not start",
                           f"write {TIMEOUT_ACTION}=flush,reboot", Severity.ERROR)
        elif ",".join(words) != action.value:
            yield _problem(node, TIMEOUT_ACTION, f"sbd reads only {','.join(words)} and ignores the rest "
                           "(the words must be separated by a comma without blanks)",
                           f"write {TIMEOUT_ACTION}={','.join(words)},reboot or what was meant", Severity.WARNING)
    delay = node.value(DELAY_START)
    if delay is not None and delay.value.strip() == "1":
        yield _problem(node, DELAY_START, "1 is a boolean to sbd and means yes: the start is delayed by msgwait "
                       "(or twice the watchdog timeout without a disk), not by one second",
                       f"write {DELAY_START}=yes to keep this meaning, or {DELAY_START}=1s for one second",
                       Severity.WARNING)
    pacemaker = node.value(PACEMAKER)
    if pacemaker is not None and not node.pacemaker:
        read = "no" if parse_boolean(pacemaker.value) is False else "no (any word but a true one)"
        yield _problem(node, PACEMAKER, f"sbd reads it as {read}, so it ignores Pacemaker's view of quorum and node "
                       "health: a node that loses quorum is not reset by its watchdog",
                       f"set {PACEMAKER}=yes", Severity.WARNING)


def _names(node: SbdSettings) -> Iterator[Problem]:
    latest = {var.name: var for var in node.file.assignments}
    for issue in validate(SBD_SCHEMA, {name: (var.value, var) for name, var in latest.items()}):
        name = issue.name
        if issue.kind == UNKNOWN_NAME:
            meant = f" (did you mean {issue.suggestion}?)" if issue.suggestion else ""
            yield Problem(f"{name} in the SBD file of {node.node} is not a variable sbd reads{meant}: sbd ignores it",
                          object_id=name, location=node.file.location(name), severity=Severity.WARNING,
                          hint=(f"rename it to {issue.suggestion}" if issue.suggestion else f"remove {name}")
                          + f" in {node.file.path} on {node.node}")
        elif issue.kind == DEPRECATED:
            yield _problem(node, name, issue.message, f"remove {name}", Severity.WARNING)
        elif issue.kind == BAD_VALUE and name not in _OWN and issue.value != "":
            yield _problem(node, name, f"not {expected_value(option_set(SBD_SCHEMA).spec(name))}",
                           f"correct {name}", Severity.WARNING)


RULE = Rule(
    code="PCS603",
    name="sbd-config-invalid",
    severity=Severity.ERROR,
    summary="a value of a node's SBD file that sbd refuses or reads otherwise than written, or an unknown SBD_* name",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
