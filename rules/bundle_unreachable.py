"""PCS130 bundle-unreachable: a bundle with a primitive but neither ip-range-start nor control-port."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Bundle
from pcs_lint.rule import Context, Rule, rule_doc


def is_unreachable(bundle: Bundle) -> bool:
    """Pacemaker's own test (valid_network()): an attribute that is written at all counts, even
    empty, so this agrees with crm_verify; PCS112 judges the value of control-port."""
    return bundle.primitive is not None and bundle.ip_range_start is None and bundle.control_port is None


def check(ctx: Context) -> Iterator[Problem]:
    for bundle in ctx.cib.bundles.values():
        if not is_unreachable(bundle):
            continue
        where = ("its <network> sets" if bundle.network_element is not None
                 else "it has no <network> element, so it sets")
        yield Problem(
            f"bundle {bundle.id!r} contains primitive {bundle.primitive!r}, but {where} neither "
            "ip-range-start nor control-port: the cluster could not reach pacemaker-remoted inside "
            "the containers, so Pacemaker ignores the whole bundle and none of its replicas ever starts",
            element=bundle.element,
            object_id=bundle.id,
            **remedy(Fix.of(f"pcs resource bundle update {bundle.id} network control-port=3121"),
                     " (or give each replica its own address: pcs resource bundle update "
                     f"{bundle.id} network ip-range-start=<first free IPv4 address>)"),
        )


RULE = Rule(
    code="PCS130",
    name="bundle-unreachable",
    severity=Severity.ERROR,
    summary="bundle with a primitive but neither ip-range-start nor control-port",
    check=check,
    doc=rule_doc(__name__),
)
