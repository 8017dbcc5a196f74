"""Constraint facts and wording shared by the constraint rules (PCS106, PCS107, PCS121, PCS134,
PCS202, PCS203, PCS204, PCS209; not a rule).

Everything here is a pure function of the CIB index's ``Constraint``/``ResourceRef`` records:
how Pacemaker reads a resource set (scores: ``pcs_lint.values.parse_score``), and how a finding
says where a constraint names a resource, so that every constraint rule reads and words these
the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pcs_lint.findings import Fix
from pcs_lint.model import Cib, Constraint, ResourceRef, ResourceSet
from pcs_lint.values import SCORE_INFINITY, parse_boolean, parse_score

# ---------------------------------------------------------------- reading


def with_location_nodes(cib: Cib) -> Iterator[tuple[Constraint, str | None]]:
    """Every constraint with the node= its element names as written, None for a constraint that
    is no location or names none; in document order."""
    return zip(cib.constraints, cib.derived(_location_nodes), strict=True)


def _location_nodes(cib: Cib) -> tuple[str | None, ...]:
    # Read once per CIB: three rules look at every location's node (PCS121, PCS204, PCS209),
    # and an lxml attribute read costs more than the rest of their work per constraint.
    return tuple([c.element.get("node") if c.kind == "location" else None for c in cib.constraints])


def uname_expressions(cib: Cib) -> tuple[Any, ...]:
    """Every rule expression of the configuration that tests the node name (attribute="#uname"),
    in document order."""
    return cib.derived(_uname_expressions)


def _uname_expressions(cib: Cib) -> tuple[Any, ...]:
    # Read once per CIB for PCS121 and PCS204: most CIBs have rules, few of them on #uname.
    return tuple([e for e in cib.elements("expression") if e.get("attribute") == "#uname"])


def is_sequential(resource_set: ResourceSet) -> bool:
    """Whether the set relates its members one after the other (sequential defaults to true)."""
    value = resource_set.element.get("sequential")
    return value is None or parse_boolean(value) is True


@dataclass(frozen=True)
class Repeat:
    """A resource that a constraint's resource sets name a second time."""

    ref: ResourceRef  # the second naming
    first: ResourceRef  # the first naming
    resource_set: ResourceSet  # the set holding the second naming
    where: str  # "twice in set 's1'" or "in sets 's1' and 's2'"


def repeats_in_sets(
    constraint: Constraint,
    key: Callable[[ResourceSet, ResourceRef], Hashable],
    links_members: Callable[[ResourceSet], bool],
) -> Iterator[Repeat]:
    """Each resource named again across the constraint's sets, once per ``key``.

    A repeat inside one set counts only when ``links_members(set)``: a set that does not relate
    its own members (sequential=false) may list a resource twice harmlessly. A repeat in two
    different sets always counts, since every member of a set is related to its neighbours'.
    """
    seen: dict[Hashable, tuple[int, ResourceRef]] = {}
    reported: set[Hashable] = set()
    for index, resource_set in enumerate(constraint.sets):
        for ref in resource_set.refs:
            ref_key = key(resource_set, ref)
            if ref_key not in seen:
                seen[ref_key] = (index, ref)
                continue
            first_index, first_ref = seen[ref_key]
            if ref_key in reported or (first_index == index and not links_members(resource_set)):
                continue
            reported.add(ref_key)
            where = (
                f"twice in set {resource_set.id!r}" if first_index == index
                else f"in sets {constraint.sets[first_index].id!r} and {resource_set.id!r}"
            )
            yield Repeat(ref, first_ref, resource_set, where)


def unique_refs(pairs: tuple[tuple[Constraint, ResourceRef], ...]) -> Iterator[tuple[Constraint, ResourceRef]]:
    """Each place a constraint names a resource once (a tag listing it twice is one place)."""
    seen: set[tuple[int, str, str | None]] = set()
    for constraint, ref in pairs:
        key = (id(ref.element), ref.attribute, ref.via_tag)
        if key in seen:
            continue
        seen.add(key)
        yield constraint, ref


def location_score_words(score: str | None) -> tuple[str, str]:
    """('prefers' | 'avoids', SCORE) that recreate a node= location constraint with pcs, from the
    score Pacemaker reads ("+100" and "100abc" are 100; pcs writes a missing score as INFINITY)."""
    value = parse_score(score) if score else SCORE_INFINITY
    magnitude = "INFINITY" if abs(value) >= SCORE_INFINITY else str(abs(value))
    return ("avoids" if value < 0 else "prefers"), magnitude


def order_kind(constraint: Constraint) -> str | None:
    """The kind Pacemaker 2.1.5 gives an rsc_order: its ``kind``, else from a deprecated ``score``
    (0 is Optional, any other value Mandatory), else None (Mandatory by default)."""
    kind = constraint.get("kind")
    if kind is not None:
        return kind
    score = constraint.get("score")
    if score is None:
        return None
    return "Optional" if parse_score(score) == 0 else "Mandatory"


def score_word(score: str | None) -> str:
    """The score Pacemaker reads ("+50abc" is 50, beyond a million is INFINITY) as pcs takes it;
    a missing score is INFINITY, as pcs writes it."""
    value = parse_score(score) if score else SCORE_INFINITY
    if abs(value) >= SCORE_INFINITY:
        return "-INFINITY" if value < 0 else "INFINITY"
    return str(value)


def _options(constraint: Constraint, names: tuple[str, ...]) -> list[str]:
    return [f"{name}={constraint.get(name)}" for name in names if constraint.get(name) is not None]


def recreate_command(constraint: Constraint, swap: Mapping[str, str], drop: tuple[str, ...] = ()) -> str | None:
    """The pcs command that creates this constraint again with the resources renamed by ``swap``,
    keeping its roles, actions, score and options (except the option names in ``drop``); None
    for what pcs cannot write in one line (resource sets, rule-based locations)."""
    if constraint.sets:
        return None

    def named(attribute: str) -> str | None:
        value = constraint.get(attribute)
        return swap.get(value, value) if value is not None else None

    def role(attribute: str) -> list[str]:
        return [constraint.get(attribute)] if constraint.get(attribute) else []

    rsc = named("rsc")
    if constraint.kind == "location":
        node = constraint.get("node")
        if rsc is None or node is None:
            return None
        if constraint.get("role") is None and constraint.get("resource-discovery") is None:
            verb, points = location_score_words(constraint.get("score"))
            return f"pcs constraint location {rsc} {verb} {node}={points}"
        # prefers/avoids take no role or discovery option; a rule does, with the same meaning.
        options = " ".join(_options(constraint, ("resource-discovery", "role")))
        return (f"pcs constraint location {rsc} rule {options} score={score_word(constraint.get('score'))} "
                f"'#uname' eq {node}")
    if constraint.kind == "colocation":
        with_rsc = named("with-rsc")
        if rsc is None or with_rsc is None:
            return None
        words = [*role("rsc-role"), rsc, "with", *role("with-rsc-role"), with_rsc,
                 score_word(constraint.get("score")), *_options(constraint, ("node-attribute", "influence"))]
        return "pcs constraint colocation add " + " ".join(words)
    if constraint.kind == "order":
        first, then = named("first"), named("then")
        if first is None or then is None:
            return None
        first_action = constraint.get("first-action") or "start"
        then_action = constraint.get("then-action") or first_action
        kind = order_kind(constraint)
        words = [first_action, first, "then", then_action, then, *([f"kind={kind}"] if kind else []),
                 *_options(constraint, tuple(o for o in ("symmetrical", "require-all") if o not in drop))]
        return "pcs constraint order " + " ".join(words)
    if constraint.kind == "ticket" and rsc is not None and constraint.get("ticket"):
        words = [constraint.get("ticket"), *role("rsc-role"), rsc, *_options(constraint, ("loss-policy",))]
        return "pcs constraint ticket add " + " ".join(words)
    return None


def rename_in_constraint(constraint: Constraint, ref: ResourceRef, new: str) -> Fix | str:
    """The pcs commands that name ``new`` where the constraint names ``ref`` (pcs edits no
    constraint in place: remove it and create it again), or advice where pcs cannot."""
    if ref.via_tag:
        return Fix.of(f"pcs tag update {ref.via_tag} add {new} remove {ref.id}")
    remove = f"pcs constraint remove {constraint.id or 'CONSTRAINT-ID'}"
    command = recreate_command(constraint, {ref.id: new})
    if command is None or not constraint.id:
        what = "the set" if constraint.sets else "it"
        return f"{remove}, then recreate {what} with {new} in place of {ref.id}"
    return Fix.of(remove, command)


# ---------------------------------------------------------------- wording


def through_tags(*refs: ResourceRef) -> str:
    """' (through tag 't1', 't2')' for the tags these references came through, else ''."""
    tags = sorted({ref.via_tag for ref in refs if ref.via_tag})
    return f" (through tag {', '.join(repr(t) for t in tags)})" if tags else ""


def where_named(ref: ResourceRef) -> str:
    """How a constraint names a resource, in words: "as 'then'", "in resource set 's1'", each
    with " through tag 't'" when a tag named it."""
    if ref.attribute == "resource_ref":
        place = f"in resource set {ref.set_id!r}" if ref.set_id else "in a resource set"
    else:
        place = f"as {ref.attribute!r}"
    if ref.via_tag:
        place += f" through tag {ref.via_tag!r}"
    return place


def constraint_label(constraint: Constraint) -> str:
    """'order constraint 'ord1'' (or 'order constraint without an id', possible without a schema)."""
    if constraint.id:
        return f"{constraint.kind} constraint {constraint.id!r}"
    return f"{constraint.kind} constraint without an id"


def constraint_removal(constraint: Constraint, ref: ResourceRef, resource_id: str,
                       tags: Mapping[str, tuple[str, ...]]) -> Fix | str:
    """The pcs command that takes ``resource_id`` out of the constraint (or the constraint away).

    ``tags`` is the index's tag id -> members: pcs refuses to take a tag's last member out
    ("There would be no references left in the tag") and to remove a tag a constraint still
    names, so a one-member tag goes only after the constraint.
    """
    constraint_id = constraint.id or "CONSTRAINT-ID"  # only a schema-less CIB lacks one
    if ref.via_tag and len(set(tags.get(ref.via_tag, ()))) <= 1:
        return (f"tag {ref.via_tag} has no other member and pcs refuses to empty a tag: remove "
                f"the constraint (pcs constraint remove {constraint_id}), and if nothing else uses "
                f"the tag, the tag too (pcs tag remove {ref.via_tag})")
    if ref.via_tag:
        return (f"take {resource_id} out of tag {ref.via_tag} (pcs tag update {ref.via_tag} "
                f"remove {resource_id}) or remove the constraint (pcs constraint remove {constraint_id})")
    if ref.attribute == "resource_ref":
        return (f"pcs cannot drop one member from a resource set: remove the constraint "
                f"(pcs constraint remove {constraint_id}) and recreate the set without {resource_id}")
    command = f"pcs constraint remove {constraint_id}"
    return Fix.of(command) if constraint.id else command
