"""PCS107 guest-connection-in-constraint: a constraint names a guest's implicit connection."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint, GuestNode, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import constraint_label, constraint_removal, unique_refs, where_named
from pcs_lint.values import SCHEMA_NONE


def implicit_connections(cib: Cib) -> dict[str, GuestNode]:
    """Guest name -> guest, for names that are no id in the configuration.

    A name that is also an id is PCS101's finding; a constraint naming it names that element,
    so it is left alone here. Guests that are not created are kept: PCS206 leaves every guest
    name to this rule, so a constraint naming one would otherwise go unreported.
    """
    names: dict[str, GuestNode] = {}
    for guest in cib.guest_nodes:
        if guest.name and guest.name not in cib.ids:
            names.setdefault(guest.name, guest)
    return names


def what_it_names(guest: GuestNode) -> str:
    vm = guest.resource.id
    if guest.creates_node:
        return (f"the connection resource Pacemaker creates for guest node {guest.name!r} of VM "
                f"resource {vm!r}: that resource is not in the configuration")
    return (f"the remote-node value of {vm!r}, which creates no guest where it is (see PCS108), "
            "so no resource of that name exists")


def consequence(cib: Cib, ref: ResourceRef, guest: GuestNode) -> str:
    """What naming the guest does: a schema error where the name is an IDREF that is checked;
    through a tag (an obj_ref is no IDREF) or with validate-with="none" the CIB loads, and
    Pacemaker (2.1.5, crm_simulate) applies the constraint to the connection resource it made
    for the guest, or, for a guest it does not create, finds no such resource."""
    if not (ref.via_tag or cib.validate_with == SCHEMA_NONE):
        return ("so the CIB fails schema validation (an unknown IDREF, with no word about "
                "guests) and pcs and cibadmin refuse it")
    valid = "a tag's obj_ref is no IDREF" if ref.via_tag else 'validate-with="none" checks nothing'
    if guest.creates_node:
        return (f"yet the CIB loads ({valid}) and Pacemaker applies the constraint to that "
                f"hidden connection resource, not to the VM {guest.resource.id!r}")
    return (f"and although the CIB loads ({valid}), Pacemaker finds no resource {guest.name!r} "
            "and ignores the whole constraint")


def instead(constraint: Constraint, guest: GuestNode) -> str:
    """What to write instead: the VM resource, or the guest as a node."""
    vm = guest.resource.id
    if constraint.kind == "location":
        return (f"; to place the guest, constrain its VM resource {vm} (pcs constraint location "
                f"{vm} prefers NODE); to run resources on it, use node={guest.name} (pcs "
                f"constraint location RESOURCE prefers {guest.name})")
    return f"; name the VM resource {vm} instead, or use a location constraint with node={guest.name}"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for name, guest in implicit_connections(cib).items():
        for constraint, ref in unique_refs(cib.constraints_naming(name)):
            yield Problem(
                f"{constraint_label(constraint)} names {name!r} "
                f"{where_named(ref)}, {what_it_names(guest)}, {consequence(cib, ref, guest)}",
                element=ref.element,
                object_id=constraint.id,
                **remedy(_removal(cib, constraint, ref, name), instead(constraint, guest)),
            )


def _removal(cib: Cib, constraint: Constraint, ref: ResourceRef, name: str) -> Fix | str:
    """How to take the guest name out: with pcs only where pcs can load the CIB.

    A constraint's rsc/with-rsc/first/then and a set's resource_ref are IDREFs in Pacemaker's
    schema, so naming a guest there makes the CIB invalid, and pcs 0.11 and cibadmin refuse to
    load it ("unable to process cib"). A tag's obj_ref is no IDREF, and "none" checks nothing.
    """
    if ref.via_tag or cib.validate_with == SCHEMA_NONE:
        return constraint_removal(constraint, ref, name, cib.tags)
    element = f'<{constraint.element.tag} id="{constraint.id}">'
    if ref.attribute == "resource_ref":
        edit = f'delete <resource_ref id="{name}"/> from resource set {ref.set_id} of {element}'
    else:
        edit = f"delete {element}"
    return f"pcs and cibadmin refuse to load this CIB, so edit the file: {edit}"


RULE = Rule(
    code="PCS107",
    name="guest-connection-in-constraint",
    severity=Severity.ERROR,
    summary="a guest's implicit connection (the remote-node value) used as a resource in a constraint",
    check=check,
    doc=rule_doc(__name__),
)
