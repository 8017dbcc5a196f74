"""PCS003 sysconfig-syntax: a line of a node's environment file that is not KEY=VALUE."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    for node, env_file in sorted(ctx.env_files.items()):
        for issue in env_file.issues:
            yield Problem(
                f"environment file of node {node!r}: {issue.message}; Pacemaker's systemd unit and "
                "init script may read this line differently or not at all",
                object_id=node,
                location=SourceLocation(env_file.path, issue.line, issue.column),
                hint="write plain KEY=VALUE lines (quotes allowed), comments start with #",
            )


RULE = Rule(
    code="PCS003",
    name="sysconfig-syntax",
    severity=Severity.WARNING,
    summary="a line of a node's environment file that is not a comment, blank or KEY=VALUE",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
