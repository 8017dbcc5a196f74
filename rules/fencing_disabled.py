"""PCS302 fencing-disabled: stonith-enabled (or fencing-enabled) is false."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import (
    FENCING_NAMES, can_fence, enable_fencing_commands, enable_fencing_fix, fencing_setting, remote_and_guest_node_names,
)
from pcs_lint.values import parse_boolean


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    setting = fencing_setting(cib)
    if not setting.enabled:
        yield _disabled(cib, setting.pair, remote_and_guest_node_names(cib))
    yield from _disagreement(cib)


def _disabled(cib, pair, remote_nodes: tuple[str, ...]) -> Problem:
    message = (
        f"fencing is disabled ({pair.name}={pair.value}): when a node stops responding, "
        "Pacemaker assumes it is down and starts its resources elsewhere, so a node that is "
        "only hung or cut off can run them a second time and corrupt shared data"
    )
    if remote_nodes:
        names = ", ".join(sorted(remote_nodes))
        message += (
            f"; this cluster also has remote or guest nodes ({names}): when a connection is "
            "lost, Pacemaker cannot fence that node either and recovers its resources on "
            "another node while they may still be running there"
        )
    return Problem(
        message,
        element=pair.element,
        object_id=pair.id,
        fix=enable_fencing_fix(cib),
        hint=None if enable_fencing_fix(cib) else _enable_advice(cib),
    )


def _enable_advice(cib) -> str:
    steps = ", then ".join(enable_fencing_commands(cib))
    if not can_fence(cib):
        return f"configure a fence device for every node (pcs stonith create NAME AGENT ... pcmk_host_list=...), then: {steps}"
    return (f"{steps}, in the cluster_property_set Pacemaker reads first (pcs edits only the first one in "
            "the file: use pcs cluster edit)")


def _disagreement(cib) -> Iterator[Problem]:
    # Pacemaker 3 reads fencing-enabled and ignores stonith-enabled when both are set;
    # Pacemaker 2 knows only stonith-enabled. Different values mean it depends on the version.
    new, old = (cib.cluster_options.get(name) for name in FENCING_NAMES)
    if new is None or old is None:
        return
    new_value, old_value = parse_boolean(new.value), parse_boolean(old.value)
    if new_value is None or old_value is None or new_value == old_value:
        return
    yield Problem(
        f"fencing-enabled={new.value} and stonith-enabled={old.value} disagree: Pacemaker 3 "
        "uses fencing-enabled, Pacemaker 2 knows only stonith-enabled, so fencing is "
        f"{'disabled' if not old_value else 'enabled'} on Pacemaker 2 and "
        f"{'disabled' if not new_value else 'enabled'} on Pacemaker 3",
        element=old.element,
        object_id=old.id,
        # pcs 0.11 (Pacemaker 2) refuses to set fencing-enabled without --force: it does not
        # know the name, but unsets it without complaint.
        hint="keep one name: on Pacemaker 2, pcs property unset fencing-enabled, then pcs property "
        "set stonith-enabled=true; on Pacemaker 3, pcs property unset stonith-enabled, then "
        "pcs property set fencing-enabled=true",
    )


RULE = Rule(
    code="PCS302",
    name="fencing-disabled",
    severity=Severity.WARNING,
    summary="stonith-enabled=false (stronger message when remote or guest nodes exist)",
    check=check,
    doc=rule_doc(__name__),
)
