"""PCS006 sysconfig-variable: a PCMK_* variable Pacemaker does not know, or cannot read.

The environment file is judged against schemas/options/pcmk-environment.schema.json. A misspelt
name is simply not read, so the daemon runs with the default while the file says otherwise.
PCMK_remote_port values are PCS115's (sysconfig-port-invalid), which explains Pacemaker's
fallback in detail.
"""

from collections.abc import Iterator

from pcs_lint import rule_codes
from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._option_schemas import BAD_VALUE, UNKNOWN_NAME, expected_value, option_set, validate
from pcs_lint.rules._ports import PORT_VARIABLE
from pcs_lint.sysconfig import ENVIRONMENT_SCHEMA as SCHEMA


def check(ctx: Context) -> Iterator[Problem]:
    for node, env in sorted(ctx.env_files.items()):
        # The later assignment wins, as in the shell; judge each name once, at that line.
        latest = {var.name: var for var in env.assignments}
        for issue in validate(SCHEMA, {name: (var.value, var) for name, var in latest.items()}):
            var = issue.element
            if issue.kind == UNKNOWN_NAME:
                meant = f" (did you mean {issue.suggestion}?)" if issue.suggestion else ""
                yield Problem(
                    f"{var.name} in the environment file of {node} is not a variable Pacemaker reads"
                    f"{meant}: the daemons ignore it and keep their default",
                    object_id=var.name,
                    location=env.location(var.name),
                    hint=(f"rename it to {issue.suggestion} in {env.path} on {node} and restart pacemaker "
                          "(or pacemaker_remote)") if issue.suggestion else
                    f"remove it from {env.path} on {node}, or check the name in Pacemaker Explained "
                    "(\"Pacemaker environment variables\")",
                )
            elif issue.kind == BAD_VALUE and var.name != PORT_VARIABLE:
                # The value is not quoted, nor the checker's reason (which may quote it): a value
                # that does not read as what the variable takes is not known to be harmless.
                yield Problem(
                    f"{var.name} in the environment file of {node} is not "
                    f"{expected_value(option_set(SCHEMA).spec(var.name))}: "
                    "Pacemaker ignores the value or falls back to the default",
                    object_id=var.name,
                    location=env.location(var.name),
                    hint=f"correct {var.name} in {env.path} on {node} and restart pacemaker (or pacemaker_remote)",
                )


RULE = Rule(
    code=rule_codes.SYSCONFIG_VARIABLE,
    name="sysconfig-variable",
    severity=Severity.WARNING,
    summary="a PCMK_* variable of a node's environment file that Pacemaker does not know or cannot read",
    check=check,
    doc=rule_doc(__name__),
    scope="environment",
)
