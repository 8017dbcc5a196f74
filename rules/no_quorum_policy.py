"""PCS305 no-quorum-policy: suicide without fencing (error), ignore (warning)."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import (
    LEGACY_NO_QUORUM_NAME,
    NO_QUORUM_NAME,
    cluster_option,
    enable_fencing_fix,
    enable_fencing_hint,
    fencing_setting,
)
from pcs_lint.rules._pcs_properties import set_property_fix


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    pair = cluster_option(cib, NO_QUORUM_NAME, legacy=LEGACY_NO_QUORUM_NAME)
    if pair is None or pair.value is None:
        return
    policy = pair.value.lower()  # Pacemaker compares the value case-insensitively
    if policy == "suicide":
        setting = fencing_setting(cib, ctx.release)
        if not setting.enabled:
            yield Problem(
                f"no-quorum-policy=suicide needs fencing, but fencing is disabled "
                f"({setting.name}={setting.pair.value}): Pacemaker resets the policy to 'stop', "
                "so a node that loses quorum only stops its resources instead of fencing itself",
                element=pair.element,
                object_id=pair.id,
                fix=enable_fencing_fix(cib),
                hint=f"enable fencing ({enable_fencing_hint(cib)}) or choose the policy you get: "
                "pcs property set no-quorum-policy=stop",
            )
    elif policy == "ignore":
        yield Problem(
            "no-quorum-policy=ignore keeps managing resources in a partition that has lost "
            "quorum, so both halves of a split cluster may run the same resources at once; "
            "only fencing stands between that and corrupted data",
            element=pair.element,
            object_id=pair.id,
            severity=Severity.WARNING,
            **remedy(set_property_fix(cib, NO_QUORUM_NAME, "stop") or "set no-quorum-policy=stop in "
                     "cib-bootstrap-options (pcs edits the first cluster_property_set: pcs cluster edit)",
                     " (for a two-node cluster, use corosync's two_node: 1 and wait_for_all instead of "
                     "ignoring quorum)"),
        )


RULE = Rule(
    code="PCS305",
    name="no-quorum-policy",
    severity=Severity.ERROR,
    summary="no-quorum-policy=suicide without fencing (error); ignore (warning)",
    check=check,
    doc=rule_doc(__name__),
)
