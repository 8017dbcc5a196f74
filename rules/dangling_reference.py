"""PCS206 dangling-reference: a reference to an id that the configuration does not define."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import where_named


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    yield from _constraint_references(cib)
    yield from _tag_members(cib)
    yield from _id_refs(cib)
    yield from _templates(cib)


def _constraint_references(cib: Cib) -> Iterator[Problem]:
    # Names Pacemaker makes itself: a constraint naming one is PCS107's or PCS132/134's finding.
    guests = {guest.name for guest in cib.guest_nodes if guest.name}
    for constraint in cib.constraints:
        for ref in constraint.direct_refs:
            name = ref.id
            if name in cib.resources or name in cib.tags or name in guests or cib.generated_names.find(name):
                continue
            yield Problem(
                f"{constraint.kind} constraint {constraint.id!r} names {name!r} {where_named(ref)}, "
                f"{_what_it_is(cib, name, 'a resource, template or tag')}: Pacemaker ignores "
                "the whole constraint",
                element=ref.element,
                object_id=constraint.id,
                **remedy(_constraint_remedy(cib, constraint, ref)),
            )


# Constraint references, id-ref and template= are IDREFs in Pacemaker's schema: naming an id
# that exists nowhere makes the CIB invalid, and pcs 0.11 and cibadmin then refuse to load it
# ("unable to process cib"), so no pcs command can repair it. validate-with="none" checks nothing.
REFUSED = "pcs and cibadmin refuse to load this CIB, so edit the file: "


def _refused(cib: Cib, name: str) -> bool:
    return name not in cib.ids and cib.validate_with != "none"


def _constraint_remedy(cib: Cib, constraint: Constraint, ref: ResourceRef) -> Fix | str:
    element = f'<{constraint.element.tag} id="{constraint.id}">'
    if _refused(cib, ref.id):
        if ref.attribute == "resource_ref":
            return (f'{REFUSED}delete <resource_ref id="{ref.id}"/> from resource set {ref.set_id} of '
                    f"{element} (or define the resource {ref.id!r} it meant)")
        return f"{REFUSED}delete {element} (or define the resource {ref.id!r} it meant)"
    if ref.attribute == "resource_ref":
        recreate = (f": pcs constraint {constraint.kind} set ..."
                    if constraint.kind in ("order", "colocation", "ticket") else "")
        return f"pcs constraint remove {constraint.id}, then recreate the set without {ref.id!r}{recreate}"
    return Fix.of(f"pcs constraint remove {constraint.id}")


def _tag_members(cib: Cib) -> Iterator[Problem]:
    # A tag may list nodes too (crm_mon --node=TAG), by their <node id>, which defines no id.
    node_ids = {node.id for node in cib.nodes if node.id}
    for reference in cib.elements("obj_ref"):
        tag = reference.getparent()
        name = reference.get("id")
        if tag is None or tag.tag != "tag" or not name or name in cib.ids or name in node_ids:
            continue
        yield Problem(
            f"tag {tag.get('id')!r} lists {name!r}, which is not defined anywhere in the "
            "configuration: constraints using the tag silently skip it",
            element=reference,
            object_id=tag.get("id"),
            fix=Fix.of(f"pcs tag update {tag.get('id')} remove {name}"),
        )


def _id_refs(cib: Cib) -> Iterator[Problem]:
    for element in cib.id_refs:
        name = element.get("id-ref")
        # Pacemaker resolves an id-ref to an element of the same kind with that id.
        targets = cib.ids.get(name, ())
        if any(target.tag == element.tag for target in targets):
            continue
        what = f"a <{element.tag}> with id {name!r}"
        yield Problem(
            f"this <{element.tag}> refers (id-ref) to {what}, "
            f"{_what_it_is(cib, name, f'a <{element.tag}>')}: Pacemaker reports the "
            "configuration invalid and the referring element is lost",
            element=element,
            object_id=name,
            hint=(REFUSED if _refused(cib, name) else "")
            + f"point id-ref at an existing <{element.tag}>, or define {what}"
            + ("" if _refused(cib, name) else " (pcs cluster edit, or cibadmin --replace)"),
        )


def _templates(cib: Cib) -> Iterator[Problem]:
    for resource in cib.resources_of_kind("primitive"):
        name = resource.template
        if name is None:
            continue
        target = cib.resources.get(name)
        if target is not None and target.kind == "template":
            continue
        yield Problem(
            f"primitive {resource.id!r} uses template {name!r}, "
            f"{_what_it_is(cib, name, 'a <template>')}: Pacemaker cannot unpack the resource",
            element=resource.element,
            object_id=resource.id,
            hint=(f"{REFUSED}define template {name!r}, or give {resource.id} its own class, provider "
                  "and type" if _refused(cib, name) else
                  f"give {resource.id} its own class, provider and type: pcs resource delete "
                  f"{resource.id}, then pcs resource create {resource.id} ..."),
        )


def _what_it_is(cib: Cib, name: str, wanted: str) -> str:
    defined: tuple[Any, ...] = cib.ids.get(name, ())
    if defined:
        return f"which is a <{defined[0].tag}>, not {wanted}"
    return "which is not defined anywhere in the configuration"


RULE = Rule(
    code="PCS206",
    name="dangling-reference",
    severity=Severity.ERROR,
    summary="tag/obj_ref, resource_ref, id-ref, template or constraint rsc/with-rsc/first/then that point at nothing",
    check=check,
    doc=rule_doc(__name__),
)
