"""PCS109 guest-meta-ignored: remote-node written where Pacemaker's guest setup does not look."""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import AttributeSet, Cib, NvPair, Resource
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import placement_creates_guest

# Resources whose own meta_attributes Pacemaker never reads remote-node from. A bundle's
# primitive is PCS136's; a template's and a collective's meta are read by no guest setup.
COLLECTIVE_KINDS = ("group", "clone", "bundle")


@dataclass(frozen=True)
class Sighting:
    """One remote-node nvpair reached from a set, and the element to report it on."""

    pair: NvPair
    report_on: Any  # the nvpair itself, or the id-ref'ing set that pulls it in
    via_ref: str | None  # the id of the referenced set, when reached through id-ref


def sightings(cib: Cib, owner: Any) -> Iterator[tuple[AttributeSet, Sighting]]:
    """remote-node (any case) in each meta_attributes of ``owner``, following id-ref."""
    for meta in cib.attribute_sets(owner, "meta_attributes"):
        resolved = cib.resolve_set(meta)
        pair = resolved.get_ci("remote-node")
        if pair is None:
            continue
        if resolved is meta:
            yield meta, Sighting(pair, pair.element, None)
        else:
            yield meta, Sighting(pair, meta.element, resolved.id)


def set_words(sighting: Sighting) -> str:
    if sighting.via_ref:
        return f" (through id-ref to meta_attributes {sighting.via_ref!r})"
    return ""


def users_of(cib: Cib, template: Resource) -> list[str]:
    return [r.id for r in cib.resources_of_kind("primitive") if r.template == template.id]


def in_template(cib: Cib, template: Resource) -> Iterator[Problem]:
    seen_in_template = [seen for _, seen in sightings(cib, template.element)]
    if not seen_in_template:
        return  # the users are looked for (among every primitive) only for a message
    users = users_of(cib, template)
    example = users[0] if users else "PRIMITIVE"
    for seen in seen_in_template:
        yield Problem(
            f"remote-node {seen.pair.value!r} in template {template.id!r}{set_words(seen)} is "
            "ignored: Pacemaker reads remote-node only from a primitive's own meta_attributes, "
            "so no primitive made from this template becomes a guest node"
            + (f" (used by {', '.join(users)})" if users else ""),
            element=seen.report_on,
            object_id=template.id,
            hint=f"set it on the primitive instead (pcs resource meta {example} "
            f"remote-node={seen.pair.value or 'NAME'} --force), and delete it from the template, "
            f"which pcs has no command for: {_delete_command(seen)}",
        )


def _delete_command(seen: Sighting) -> str:
    """cibadmin deletes an element by tag and id, on a live cluster or a file (CIB_file=...)."""
    pair_id = seen.pair.element.get("id")
    if seen.via_ref is not None or not pair_id:
        # Through id-ref the nvpair belongs to a shared set; without an id cibadmin cannot find it.
        return "pcs cluster edit"
    return f"cibadmin --delete --xml-text '<nvpair id=\"{pair_id}\"/>'"


def in_defaults(cib: Cib, defaults: Any) -> Iterator[Problem]:
    for meta, seen in sightings(cib, defaults):
        set_id = meta.id or seen.via_ref or "SET-ID"
        yield Problem(
            f"remote-node {seen.pair.value!r} in rsc_defaults set {set_id!r}{set_words(seen)} is "
            "ignored: guest nodes come only from a primitive's own meta_attributes, never from "
            "resource defaults",
            element=seen.report_on,
            object_id=set_id,
            hint=f"pcs resource defaults set update {set_id} meta remote-node=, then set it on the "
            "VM resource: pcs resource meta VM remote-node=NAME --force",
        )


def in_collective(cib: Cib, resource: Resource) -> Iterator[Problem]:
    for _, seen in sightings(cib, resource.element):
        yield Problem(
            f"remote-node {seen.pair.value!r} on {resource.kind} {resource.id!r}{set_words(seen)} "
            f"is ignored: Pacemaker makes guest nodes only of primitives, never of a "
            f"{resource.kind}",
            element=seen.report_on,
            object_id=resource.id,
            hint=f"pcs resource meta {resource.id} remote-node= --force, then set it on the VM "
            "primitive: pcs resource meta VM remote-node=NAME --force",
        )


def in_primitive(cib: Cib, primitive: Resource) -> Iterator[Problem]:
    """id-ref'd sets (never read) and rule-bound sets (read, but the rule is not)."""
    own = [(meta, seen) for meta, seen in sightings(cib, primitive.element)]
    if any(seen.via_ref is None and not meta.has_rule for meta, seen in own):
        return  # a plain remote-node decides; other copies change nothing
    placed = placement_creates_guest(cib, primitive)
    for meta, seen in own:
        if seen.via_ref is not None:
            yield Problem(
                f"remote-node {seen.pair.value!r} reaches {primitive.id!r} only through id-ref to "
                f"meta_attributes {seen.via_ref!r}: Pacemaker's guest setup reads only nvpairs "
                f"written inside the primitive, so {primitive.id!r} does not become a guest node "
                "although other tools show the setting",
                element=seen.report_on,
                object_id=primitive.id,
                **remedy(Fix.of(f"pcs resource meta {primitive.id} remote-node={seen.pair.value} --force")
                         if seen.pair.value else f"pcs resource meta {primitive.id} remote-node=NAME --force",
                         f"  (in {primitive.id}'s own meta_attributes)" if not seen.pair.value else ""),
            )
        elif meta.has_rule and placed:
            yield Problem(
                f"remote-node {seen.pair.value!r} of {primitive.id!r} is in meta_attributes "
                f"{meta.id!r}, which has a <rule>: Pacemaker's guest setup ignores the rule and "
                f"creates guest node {seen.pair.value!r} whether or not it matches, while the "
                "rest of Pacemaker sees remote-node only when it does",
                element=seen.report_on,
                object_id=primitive.id,
                hint=f"move remote-node to a meta_attributes of {primitive.id} without a rule "
                "(pcs cluster edit), or remove the rule",
            )


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    # Most resources have no meta_attributes, so no remote-node to look at: one pass over the
    # sets finds the few that have (their parents, as the index keys each element's sets).
    with_meta = {meta.getparent() for meta in cib.elements("meta_attributes")}
    for resource in cib.resources.values():
        if resource.element not in with_meta:
            continue
        if resource.kind == "template":
            yield from in_template(cib, resource)
        elif resource.kind in COLLECTIVE_KINDS:
            yield from in_collective(cib, resource)
        elif resource.kind == "primitive":
            yield from in_primitive(cib, resource)
    for defaults in cib.elements("rsc_defaults"):
        yield from in_defaults(cib, defaults)


RULE = Rule(
    code="PCS109",
    name="guest-meta-ignored",
    severity=Severity.WARNING,
    summary="remote-node where it is ignored: template, rsc_defaults, id-ref'd or rule-bound meta_attributes",
    check=check,
    doc=rule_doc(__name__),
)
