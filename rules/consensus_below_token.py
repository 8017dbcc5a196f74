"""PCS503 consensus-below-token: totem's consensus timeout below the (effective) token timeout."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import DEFAULT_JOIN_MS, effective_token, int_value, key_at, node_count, pcs_fix, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        key = conf.key("totem.consensus")
        consensus = key.as_int() if key is not None else None
        if key is None or consensus is None:
            continue  # unset: corosync takes 1.2 x token; unreadable: PCS500
        nodes = node_count(conf)
        token = effective_token(conf)
        join = int_value(conf, "totem.join")
        join = DEFAULT_JOIN_MS if join is None else join
        wanted = -(-token * 6 // 5)  # 1.2 x token, rounded up
        remedy_kw = pcs_fix(f"pcs cluster config update totem consensus={wanted}",
                        then="or remove consensus so that corosync takes 1.2 x token")
        if consensus <= join:
            outcome = ("corosync 3.1.7 refuses to start ('The consensus timeout parameter ... may not be less than "
                       "join timeout')" if consensus < join else
                       "a membership change has no time left to agree once the join messages are sent")
            yield Problem(
                f"{where(conf)} line {key.line}: consensus {consensus} ms is not above join {join} ms: {outcome}",
                object_id="totem.consensus", location=key_at(conf, key), **remedy_kw,
            )
        elif nodes >= 3 and consensus < token:
            yield Problem(
                f"{where(conf)} line {key.line}: consensus {consensus} ms is below the effective token timeout "
                f"{token} ms of {nodes} nodes (token + (nodes - 2) x token_coefficient): members start a new "
                "membership before a lost token is declared lost, and the ring can keep re-forming",
                object_id="totem.consensus", location=key_at(conf, key), **remedy_kw,
            )
        elif nodes >= 3 and consensus < wanted:
            yield Problem(
                f"{where(conf)} line {key.line}: consensus {consensus} ms is below 1.2 x the effective token "
                f"timeout of {nodes} nodes ({token} ms, so at least {wanted} ms), as corosync.conf(5) asks",
                object_id="totem.consensus", location=key_at(conf, key), severity=Severity.WARNING, **remedy_kw,
            )


RULE = Rule(
    code="PCS503",
    name="consensus-below-token",
    severity=Severity.ERROR,
    summary="totem consensus below the effective token (error for 3+ nodes), below 1.2 x token (warning), or "
    "below join",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
