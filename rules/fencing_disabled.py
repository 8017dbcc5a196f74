"""PCS302 fencing-disabled: stonith-enabled (or fencing-enabled) is false."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib
from pcs_lint.release import TargetRelease
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import (
    FENCING_NAMES,
    can_fence,
    enable_fencing_commands,
    enable_fencing_fix,
    fencing_setting,
    knows_new_fencing_name,
)
from pcs_lint.rules._remote_helpers import listed_names
from pcs_lint.values import parse_boolean

NAMES_LISTED = 20


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    setting = fencing_setting(cib, ctx.release)
    if not setting.enabled:
        yield _disabled(setting.pair, cib)
    if knows_new_fencing_name(ctx.release):
        # A release that does not know fencing-enabled reads only stonith-enabled: nothing
        # disagrees (PCS306 reports the name it ignores).
        yield from _disagreement(cib, ctx.release)


def _non_cluster_nodes(cib: Cib) -> str:
    """The remote, guest and bundle nodes, sorted; of each bundle's replicas (up to INT_MAX)
    only the first NAMES_LISTED, with how many more there are."""
    model = cib.node_model
    names = [connection.name for connection in model.connections()]
    total = len(names)
    for family in model.replicas:
        names.extend(family.names.names(NAMES_LISTED))
        total += family.count
    return listed_names(sorted(names), total, len(names))


def _disabled(pair, cib: Cib) -> Problem:
    message = (
        f"fencing is disabled ({pair.name}={pair.value}): when a node stops responding, "
        "Pacemaker assumes it is down and starts its resources elsewhere, so a node that is "
        "only hung or cut off can run them a second time and corrupt shared data"
    )
    names = _non_cluster_nodes(cib)
    if names:
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
        return ("configure a fence device for every node (pcs stonith create NAME AGENT ... pcmk_host_list=...), "
                f"then: {steps}")
    return (f"{steps}, in the cluster_property_set Pacemaker reads first (pcs edits only the first one in "
            "the file: use pcs cluster edit)")


def _disagreement(cib, release: TargetRelease) -> Iterator[Problem]:
    # A release that knows fencing-enabled ignores stonith-enabled when both are set; older
    # ones (2.1.5, 3.0.0) know only stonith-enabled. Different values mean it depends on the release.
    new, old = (cib.cluster_options.get(name) for name in FENCING_NAMES)
    if new is None or old is None:
        return
    new_value, old_value = parse_boolean(new.value), parse_boolean(old.value)
    if new_value is None or old_value is None or new_value == old_value:
        return
    yield Problem(
        f"fencing-enabled={new.value} and stonith-enabled={old.value} disagree: {release.label} "
        "uses fencing-enabled, older releases (2.1.5, 3.0.0) know only stonith-enabled, so fencing is "
        f"{'disabled' if not new_value else 'enabled'} here and "
        f"{'disabled' if not old_value else 'enabled'} on a release without fencing-enabled",
        element=old.element,
        object_id=old.id,
        # pcs 0.11 (Pacemaker 2) refuses to set fencing-enabled without --force: it does not
        # know the name, but unsets it without complaint.
        hint="keep one name: where the release knows only stonith-enabled, pcs property unset "
        "fencing-enabled, then pcs property set stonith-enabled=true; where it knows fencing-enabled, "
        "pcs property unset stonith-enabled, then pcs property set fencing-enabled=true",
    )


RULE = Rule(
    code="PCS302",
    name="fencing-disabled",
    severity=Severity.WARNING,
    summary="stonith-enabled=false (stronger message when remote or guest nodes exist)",
    check=check,
    doc=rule_doc(__name__),
)
