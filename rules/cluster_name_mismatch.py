"""PCS704 cluster-name-mismatch: the CIB's cluster-name differs from corosync's totem.cluster_name."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import key_at, where

CLUSTER_NAME = "cluster-name"


def check(ctx: Context) -> Iterator[Problem]:
    if ctx.cib is None:
        return
    pair = ctx.cib.cluster_options.get(CLUSTER_NAME)
    if pair is None or not pair.value:
        return
    for conf in ctx.corosync:
        key = conf.key("totem.cluster_name")
        if key is None or key.value == pair.value:
            continue
        yield Problem(
            f"the CIB's {CLUSTER_NAME} is {pair.value!r} but {where(conf)} line {key.line} has cluster_name: "
            f"{key.value}: the files may come from different clusters, or the cluster was renamed in one "
            f"place only (#cluster-name in rules and tools that show the CIB's name see {pair.value!r})",
            element=pair.element,
            object_id=CLUSTER_NAME,
            related=(key_at(conf, key),),
            hint=f"check that both files are this cluster's; pcs cannot set {CLUSTER_NAME}: "
                 f"crm_attribute --type crm_config --name {CLUSTER_NAME} --update NAME",
        )


RULE = Rule(
    code="PCS704",
    name="cluster-name-mismatch",
    severity=Severity.INFO,
    summary="the CIB's cluster-name differs from corosync.conf's totem.cluster_name",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
