"""PCS003 sysconfig-syntax: a line of a node's environment file (Pacemaker's, or SBD's, which has
the same syntax and is read the same way by sbd's systemd unit) that is not KEY=VALUE, or that
systemd and the shell read differently (a trailing comment)."""

from collections.abc import Iterator

from pcs_lint import rule_codes
from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.suppressions import parse_directive
from pcs_lint.sysconfig import EnvFile, EnvVar

# What each kind of file is called in a message, and the program whose start-up reads it.
_KINDS = (("env_files", "environment file", "Pacemaker"), ("sbd_files", "SBD file", "sbd"))


def check(ctx: Context) -> Iterator[Problem]:
    for files, kind, program in _KINDS:
        for node, env_file in sorted(getattr(ctx, files).items()):
            yield from _file_problems(node, env_file, kind, program)


def _file_problems(node: str, env_file: EnvFile, kind: str, program: str) -> Iterator[Problem]:
    for issue in env_file.issues:
        yield Problem(
            f"{kind} of node {node!r}: {issue.message}; {program}'s systemd unit and "
            "init script may read this line differently or not at all",
            object_id=node,
            location=SourceLocation(env_file.path, issue.line, issue.column),
            hint="write plain KEY=VALUE lines (quotes allowed), comments start with #",
        )
    for var in env_file.assignments:
        if var.comment is not None:
            yield _trailing_comment(node, env_file, var, kind, program)


def _trailing_comment(node: str, env_file: EnvFile, var: EnvVar, kind: str, program: str) -> Problem:
    # Pacemaker's and sbd's systemd units read the file with EnvironmentFile=, which has no inline
    # comments: everything after '=' is the value. The shell (init scripts) drops the comment.
    directive = parse_directive(var.comment) is not None
    return Problem(
        f"{kind} of node {node!r}: the comment after the value of {var.name} is part of "
        f"the value for systemd, which starts {program} with this file as EnvironmentFile= (the value "
        f"it reads ends with ' #' and the comment), while the shell drops it",
        object_id=var.name,
        location=SourceLocation(env_file.path, var.line, var.comment_column),
        hint=("put the pcs-lint directive on its own line right above the assignment: there it covers "
              "that assignment" if directive else "move the comment to its own line above the assignment"),
    )


RULE = Rule(
    code=rule_codes.SYSCONFIG_SYNTAX,
    name="sysconfig-syntax",
    severity=Severity.WARNING,
    summary="a line of a node's environment file that is not a comment, blank or KEY=VALUE, or has a trailing comment",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
