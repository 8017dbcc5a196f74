"""PCS110 remote-meta-case: a guest meta attribute name not written in exact lower case."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.model import GUEST_META_NAMES
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import created_guests


def consequence(proper: str, guest_name: str) -> str:
    if proper == "remote-node":
        return f"releases that compare names exactly create no guest node {guest_name!r} at all"
    return f"releases that compare names exactly ignore it and use the default {proper}"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for guest in created_guests(cib):
        vm = guest.resource.id
        # Every meta_attributes written in the primitive: Pacemaker 2.1's guest setup reads
        # them all, ignoring case.
        for meta in cib.attribute_sets(guest.resource.element, "meta_attributes"):
            for pair in meta.nvpairs:
                proper = pair.name.lower()
                if proper not in GUEST_META_NAMES or pair.name == proper:
                    continue
                yield Problem(
                    f"meta attribute {pair.name!r} of guest VM {vm!r} is not written {proper!r}: "
                    f"Pacemaker 2.1 accepts it in any case, but {consequence(proper, guest.name)}, "
                    "and pcs looks only for the lower-case name",
                    element=pair.element,
                    object_id=vm,
                    fix=Fix.of(f"pcs resource meta {vm} {pair.name}= {proper}={pair.value or ''}"
                               + (" --force" if proper == "remote-node" else "")),
                )


RULE = Rule(
    code="PCS110",
    name="remote-meta-case",
    severity=Severity.WARNING,
    summary="a remote meta name not in exact lower case (Remote-Node): 2.1 accepts it, newer releases ignore it",
    check=check,
    doc=rule_doc(__name__),
)
