"""PCS506 expected-votes: quorum.expected_votes beside a nodelist, and different from its votes."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import key_at, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        key = conf.key("quorum.expected_votes")
        expected = key.as_int() if key is not None else None
        if key is None or expected is None or not conf.nodelist:
            continue
        votes = 0
        for entry in conf.nodelist:
            vote_key = entry.section.get("quorum_votes")
            vote = vote_key.as_int() if vote_key is not None else 1
            votes += 1 if vote is None else vote
        if expected != votes:
            yield Problem(
                f"{where(conf)} line {key.line}: expected_votes {expected} overrides the {votes} votes of the "
                f"nodelist's {len(conf.nodelist)} nodes: quorum is computed from {expected}, so "
                f"{expected // 2 + 1} votes are needed where {votes // 2 + 1} should be",
                object_id="quorum.expected_votes", location=key_at(conf, key),
                hint="remove expected_votes from the quorum section on every node: with a nodelist, votequorum "
                     "counts the votes itself",
            )


RULE = Rule(
    code="PCS506",
    name="expected-votes",
    severity=Severity.WARNING,
    summary="quorum.expected_votes beside a nodelist, different from the sum of the nodes' votes",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
