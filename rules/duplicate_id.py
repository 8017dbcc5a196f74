"""PCS201 duplicate-id: an id used more than once in the configuration."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    for element_id, elements in ctx.cib.ids.items():
        if len(elements) < 2:
            continue
        first = elements[0]
        for element in elements[1:]:
            yield Problem(
                f"id {element_id!r} of this <{element.tag}> is already used by the "
                f"<{first.tag}> on line {first.sourceline}; ids must be unique in the whole "
                "configuration, or Pacemaker may act on the wrong element",
                element=element,
                object_id=element_id,
                hint="rename one of them (pcs regenerates ids when you recreate the element; "
                "with cibadmin, edit and --replace the section)",
            )


RULE = Rule(
    code="PCS201",
    name="duplicate-id",
    severity=Severity.ERROR,
    summary="an id used twice anywhere in the configuration (even with validate-with=\"none\")",
    check=check,
    doc=rule_doc(__name__),
)
