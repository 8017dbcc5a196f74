"""PCS904 deprecated-syntax: a construct the target Pacemaker release deprecates or no longer accepts.

Every construct and what each release says about it was measured with that release's
``crm_verify -VV -x FILE`` on a generated CIB (2.1.5: Debian 12; 3.0.0: Debian 13); the quoted
warnings are verbatim. The verdicts are those of the reference release whose data the run's
target release uses (lint/release.py: --pacemaker-version, the config, dc-version, else inferred).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, Constraint, NvPair, Resource
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules import _pacemaker_3_drops as pacemaker_3_drops
from pcs_lint.rules._constraints import order_kind, recreate_command
from pcs_lint.rules._operations import rsc_defaults
from pcs_lint.rules._pcs_properties import set_property_fix
from pcs_lint.rules.role_value import new_names_available
from pcs_lint.values import parse_boolean

RELEASES = ("2.1.5", "3.0.0")
DEFAULT_RELEASE = "2.1.5"


@dataclass(frozen=True)
class Verdict:
    """What one release does with a construct: its crm_verify message, and whether it still
    accepts it (warning) or no longer does (error)."""

    said: str
    refused: bool = False


# construct -> release -> verdict; a release missing from a row is silent about the construct.
ORDER_SCORE = {r: Verdict("Support for 'score' in rsc_order is deprecated and will be removed in a "
                          "future release (use 'kind' instead)") for r in RELEASES}
REQUIRE_ALL = {r: Verdict("Support for require-all in ordering constraints is deprecated and will be "
                          "removed in a future release (use clone-min clone meta-attribute instead)") for r in RELEASES}
GROUP_FLAG = {r: Verdict("Support for the '{name}' group meta-attribute is deprecated and will be removed "
                         "in a future release (use a resource set instead)") for r in RELEASES}
LIFETIME = {
    "2.1.5": Verdict("Support for 'lifetime' attribute (in {id}) is deprecated (the rules it contains "
                     "should instead be direct descendents of the constraint object)"),
    # 3.0.0 upgrades the CIB to schema 4.0 first, which moves a location's lifetime rules into a
    # rule without a score (refused) and drops the others.
    "3.0.0": Verdict("CIB did not pass schema validation", refused=True),
}
LIFETIME_DROPPED = Verdict("Dropping lifetime element from constraint {id} because lifetime elements are "
                           "no longer supported. Any rules contained there will no longer apply to the "
                           "constraint", refused=True)
PING_NODE = {"2.1.5": Verdict("Support for nodes of type 'ping' (such as {name}) is deprecated and will be "
                              "removed in a future release")}
POWEROFF = {"2.1.5": Verdict("Support for stonith-action of 'poweroff' is deprecated and will be removed "
                             "in a future release (use 'off' instead)")}

GROUP_FLAGS = ("ordered", "collocated")

def _problem(verdict: Verdict, release: str, what: str, element, object_id: str | None,
             proposal: Fix | str | None, **fields: str) -> Problem:
    effect = "no longer accepts it" if verdict.refused else "deprecates it"
    return Problem(
        f"{what}: Pacemaker {release} {effect} (crm_verify: \"{verdict.said.format(**fields)}\")",
        element=element, object_id=object_id,
        severity=Severity.ERROR if verdict.refused else Severity.WARNING,
        **remedy(proposal),
    )


def _recreated(constraint: Constraint, drop: tuple[str, ...] = ()) -> Fix | str:
    command = recreate_command(constraint, {}, drop)
    if command is None or not constraint.id:
        return "pcs cannot edit a constraint in place: recreate it (pcs constraint ... set ...) or edit the XML"
    return Fix.of(f"pcs constraint remove {constraint.id}", command)


def _orders(cib: Cib, release: str) -> Iterator[Problem]:
    orders = [c for c in cib.constraints if c.kind == "order"]
    for constraint in orders:
        if constraint.get("score") is not None and constraint.get("kind") is None and release in ORDER_SCORE:
            yield _problem(ORDER_SCORE[release], release,
                           f"order constraint {constraint.id!r} has score={constraint.get('score')!r} "
                           f"(read as kind={order_kind(constraint)}) and no kind", constraint.element,
                           constraint.id, _recreated(constraint))
        if constraint.get("require-all") is None or release not in REQUIRE_ALL:
            continue  # the usual order: the first resource is not looked up
        first = cib.resources.get(constraint.get("first") or "")
        if first is None or first.kind != "clone" or "clone-min" in cib.meta(first):
            continue  # Pacemaker reads require-all only for a clone without clone-min
        yield _problem(REQUIRE_ALL[release], release,
                       f"order constraint {constraint.id!r} has require-all={constraint.get('require-all')!r}",
                       constraint.element, constraint.id, _require_all_fix(constraint, first.id, orders))


def _require_all_fix(constraint: Constraint, clone: str, orders: list[Constraint]) -> Fix | str:
    """require-all=false is clone-min=1 on the first clone: the same only while no other
    ordering starts with that clone (clone-min applies to all of them)."""
    if parse_boolean(constraint.get("require-all")) is not False:
        return _recreated(constraint, drop=("require-all",))
    recreated = _recreated(constraint, drop=("require-all",))
    if not isinstance(recreated, Fix) or sum(o.get("first") == clone for o in orders) > 1:
        return (f"pcs resource meta {clone} clone-min=1 does the same, but for every ordering that "
                f"starts with {clone}; then recreate the constraint without require-all")
    return Fix((*recreated.commands, f"pcs resource meta {clone} clone-min=1"))


def _group_flags(cib: Cib, group: Resource) -> Iterator[tuple[NvPair, str | None]]:
    """Each group flag as Pacemaker reads it for GROUP, and where it comes from when it is not
    the group's own: a group takes the meta-attributes of its clone, then rsc_defaults, for a
    name it does not set itself (measured: clone ordered=false and rsc_defaults ordered=false
    each draw the warning for the group, with both releases; the group's own ordered=true
    silences it)."""
    own = cib.meta(group)
    parent = cib.parent(group)
    inherited = [(cib.meta(parent), f"clone {parent.id!r}")] if parent is not None and parent.kind == "clone" else []
    for name in GROUP_FLAGS:
        for pairs, source in [(own, None), *inherited, (rsc_defaults(cib), "rsc_defaults")]:
            if name in pairs:
                yield pairs[name], source
                break


def _groups(cib: Cib, release: str) -> Iterator[Problem]:
    if release not in GROUP_FLAG:
        return
    for group in cib.resources_of_kind("group"):
        for pair, source in _group_flags(cib, group):
            # Only a valid false is the deprecated behaviour: anything else keeps the default.
            if parse_boolean(pair.value) is not False:
                continue
            what = f"group {group.id!r} has {pair.name}={pair.value}"
            advice = ("express the relation with resource sets instead (pcs constraint order set ... / pcs "
                      "constraint colocation set ...), or, if the group's default is what you want: ")
            if source is None:
                advice += f"pcs resource meta {group.id} {pair.name}="
            else:
                what = f"group {group.id!r} takes {pair.name}={pair.value} from {source}"
                advice += f"pcs resource meta {group.id} {pair.name}=true (the group's own value wins)"
            yield _problem(GROUP_FLAG[release], release, what, pair.element, group.id, advice, name=pair.name)


def _lifetimes(cib: Cib, release: str) -> Iterator[Problem]:
    for lifetime in cib.elements("lifetime"):
        constraint = lifetime.getparent()
        if constraint is None:
            continue
        verdict = LIFETIME.get(release)
        if release == "3.0.0" and constraint.tag != "rsc_location":
            verdict = LIFETIME_DROPPED
        if verdict is None:
            continue
        yield _problem(verdict, release, f"{constraint.tag} {constraint.get('id')!r} has a <lifetime> element",
                       lifetime, constraint.get("id"),
                       "move its rules into the constraint (a location's rule; pcs cannot edit a lifetime: "
                       "use pcs cluster edit)", id=constraint.get("id"))


def _ping_nodes(cib: Cib, release: str) -> Iterator[Problem]:
    if release not in PING_NODE:
        return
    for node in cib.nodes:
        if node.type == "ping":
            yield _problem(PING_NODE[release], release, f"node {node.uname or node.id!r} has type=\"ping\"",
                           node.element, node.uname or node.id,
                           "pcs has no command for a node's type: remove the entry if the node is gone, "
                           "or drop type (cibadmin --modify)", name=node.uname or node.id)


def _stonith_action(cib: Cib, release: str) -> Iterator[Problem]:
    pair = cib.cluster_options.get("stonith-action")
    if pair is None or pair.value != "poweroff" or release not in POWEROFF:
        return
    yield _problem(POWEROFF[release], release, "stonith-action=poweroff", pair.element, pair.id or pair.name,
                   set_property_fix(cib, "stonith-action", "off")
                   or "set stonith-action=off in cib-bootstrap-options (pcs cluster edit)")


def _pacemaker_3(cib: Cib, release: str) -> Iterator[Problem]:
    if release != pacemaker_3_drops.RELEASE:
        return
    for found in pacemaker_3_drops.constructs(cib, role_names_reported=new_names_available(cib)):
        yield _problem(Verdict(found.said, refused=found.dropped), release, found.what, found.element,
                       found.object_id, found.advice)


def check(ctx: Context) -> Iterator[Problem]:
    release = ctx.release.data.release if ctx.release is not None else DEFAULT_RELEASE
    yield from _orders(ctx.cib, release)
    yield from _groups(ctx.cib, release)
    yield from _lifetimes(ctx.cib, release)
    yield from _ping_nodes(ctx.cib, release)
    yield from _stonith_action(ctx.cib, release)
    yield from _pacemaker_3(ctx.cib, release)


RULE = Rule(
    code="PCS904",
    name="deprecated-syntax",
    severity=Severity.WARNING,
    summary="a construct the target Pacemaker release deprecates (warning) or no longer accepts (error)",
    check=check,
    doc=rule_doc(__name__),
)
