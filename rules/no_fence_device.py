"""PCS301 no-fence-device: fencing is enabled but nothing can fence.

Watchdog fencing counts as a way to fence: ``have-watchdog=true`` (written by a running cluster),
or a positive stonith-watchdog-timeout under the name the target release reads (diskless SBD;
Pacemaker refuses to start when it is set and SBD is not running, so it cannot be on by mistake).
"""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import can_fence, fencing_setting, ignored_fencing_pair
from pcs_lint.rules._sbd import watchdog_timeout


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    setting = fencing_setting(cib, ctx.release)
    if not setting.enabled or can_fence(cib) or watchdog_timeout(cib, ctx.release, ctx.path).positive:
        return
    ignored = ignored_fencing_pair(cib, ctx.release)
    if setting.pair is None and ignored is not None:
        release = ctx.release.label if ctx.release is not None else "this Pacemaker"
        why = (f"fencing is enabled by default (stonith-enabled is not set, and "
               f"{ignored.name}={ignored.value} is not an option {release} reads)")
    elif setting.pair is None:
        why = "fencing is enabled by default (stonith-enabled is not set)"
    elif not setting.valid:
        why = (f"{setting.name}={setting.pair.value!r} is not a boolean, so Pacemaker uses the "
               "default and fencing is enabled")
    else:
        why = f"fencing is enabled ({setting.name}={setting.pair.value})"
    section = cib.configuration.find("resources") if cib.configuration is not None else None
    element = setting.pair.element if setting.pair is not None else section
    hosts = " ".join(sorted(cib.node_model.names(NodeKind.CLUSTER))) or "NODE1 NODE2"
    yield Problem(
        f"{why} but the configuration has no fence device (no primitive of class stonith) and no "
        "watchdog: Pacemaker refuses to start any resource, because it could not fence a failed "
        "node before recovering its resources elsewhere"
        + (ctx.release.assumption() if ignored is not None and ctx.release is not None else ""),
        element=element if element is not None else cib.root,
        object_id=setting.pair.id if setting.pair is not None else None,
        hint=f'create a fence device, e.g. pcs stonith create fence-ipmi fence_ipmilan ip=ADDRESS '
        f'username=USER password=PASSWORD pcmk_host_list="{hosts}" (pcs stonith list shows the '
        "agents); or, only on a test cluster without shared data, disable fencing: pcs property set "
        "stonith-enabled=false, which PCS302 then reports: suppress that with the reason",
    )


RULE = Rule(
    code="PCS301",
    name="no-fence-device",
    severity=Severity.ERROR,
    summary="stonith-enabled true (the default) and no stonith resource",
    check=check,
    doc=rule_doc(__name__),
)
