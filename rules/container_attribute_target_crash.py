"""PCS135 container-attribute-target-crash: container-attribute-target=host outside a bundle
together with a location rule that takes its score from a node attribute (or a promotable clone).

Pacemaker 2.1.5-2.1.7 reads such a node attribute "on the container's host" by assuming the node
is a bundle node; on any other node the assertion fails and the scheduler aborts. Measured with
crm_verify 2.1.5: a location rule with score-attribute on a resource whose meta attributes
(its own, a parent's, or rsc_defaults) say container-attribute-target=host aborts, even on the
bundle itself (a bundle copies its primitive's value); promotion scores of a promotable clone
are read the same way once its instances run. Plain expressions on node attributes do not crash.
"""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, NvPair, Resource
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import rsc_defaults
from pcs_lint.rules._posix_regex import EreError, compile_ere, too_costly
from pcs_lint.rules._resources import nearest

META_NAME = "container-attribute-target"


def effective_target(cib: Cib, resource: Resource) -> NvPair | None:
    """Where the resource's container-attribute-target comes from, in Pacemaker's precedence:
    its own meta, (for a bundle) its primitive's, its parents', then rsc_defaults."""
    chain = [resource]
    if resource.kind == "bundle" and resource.children:
        chain.append(cib.resources[resource.children[0]])
    chain.extend(cib.ancestors(resource))
    for member in chain:
        pair = cib.meta(member).get(META_NAME)
        if pair is not None:
            return pair
    return rsc_defaults(cib).get(META_NAME)


def _targets_host(pair: NvPair | None) -> bool:
    return pair is not None and (pair.value or "").lower() == "host"


def _pattern_matches(pattern: str, cib: Cib) -> Iterator[Resource]:
    """Top-level resources an rsc-pattern selects, read as Pacemaker's regcomp/regexec read it.
    A pattern glibc refuses selects nothing (Pacemaker drops the constraint), and so does one a
    backtracking search could hang on, such as (a+)+$: PCS205 reports both."""
    invert = pattern.startswith("!")
    try:
        ere = compile_ere(pattern[1:] if invert else pattern)
    except EreError:
        return
    candidates = [r for r in cib.resources.values() if r.is_top_level and r.kind != "template"]
    longest = max((r.id for r in candidates), key=len, default=None)
    if longest is not None and too_costly(ere, longest):
        return
    for resource in candidates:
        if ere.search(resource.id) != invert:
            yield resource


def _located(cib: Cib, constraint) -> Iterator[Resource]:
    for ref in constraint.refs:
        resource = cib.resources.get(ref.id)
        if resource is not None:
            yield resource
    pattern = constraint.get("rsc-pattern")
    if pattern:
        yield from _pattern_matches(pattern, cib)


def _where(pair: NvPair) -> str:
    return f"{pair.name}={pair.value!r} on line {pair.element.sourceline}"


def _drop(cib: Cib, pair: NvPair) -> Fix | str:
    holder = pair.element.getparent().getparent() if pair.element.getparent() is not None else None
    if holder is not None and holder.tag == "rsc_defaults":
        return Fix.of(f"pcs resource defaults update {META_NAME}=")
    resource = cib.resources.get(holder.get("id")) if holder is not None else None
    if resource is not None and resource.kind != "template":
        return Fix.of(f"pcs resource meta {resource.id} {META_NAME}=")
    # A template's sets (reached through id-ref) have no pcs command.
    return f"remove the {META_NAME} nvpair {pair.id!r} (pcs cluster edit)"


def _score_attribute_rules(cib: Cib) -> Iterator[Problem]:
    # Few constraints have such a rule: one pass over the rules finds them, where asking each
    # location constraint for its children cost a walk of every one.
    holders = {rule.getparent() for rule in cib.elements("rule") if rule.get("score-attribute")}
    if not holders:
        return
    for constraint in cib.constraints:
        if constraint.kind != "location" or constraint.element not in holders:
            continue
        rules = [r for r in constraint.element.iterchildren("rule") if r.get("score-attribute")]
        if not rules:
            continue
        seen: set[str] = set()
        for resource in _located(cib, constraint):
            if resource.id in seen or nearest(cib, resource, "bundle") is not None:
                continue  # a bundled primitive is never placed by a constraint (PCS134)
            seen.add(resource.id)
            pair = effective_target(cib, resource)
            if not _targets_host(pair):
                continue
            for rule in rules:
                attribute = rule.get("score-attribute")
                yield Problem(
                    f"rule {rule.get('id')!r} of location constraint {constraint.id!r} takes the "
                    f"score of {resource.kind} {resource.id!r} from node attribute {attribute!r}, and "
                    f"{resource.id!r} has {_where(pair)}: Pacemaker 2.1.5 to 2.1.7 then looks the "
                    "attribute up on a bundle node's host for every node, and on a cluster node "
                    "the scheduler aborts (SIGABRT), so the cluster cannot schedule anything",
                    element=rule,
                    object_id=constraint.id,
                    **remedy(_drop(cib, pair), " (it only has a use inside a bundle), or give rule "
                             f"{rule.get('id')} a fixed score instead of score-attribute; fixed in Pacemaker 2.1.8"),
                )


def _promotable_clones(cib: Cib) -> Iterator[Problem]:
    for clone in cib.resources_of_kind("clone"):
        if not clone.promotable or nearest(cib, clone, "bundle") is not None:
            continue
        for member in cib.descendants(clone):
            if member.kind != "primitive":
                continue
            pair = effective_target(cib, member)
            if not _targets_host(pair):
                continue
            yield Problem(
                f"promotable clone {clone.id!r} is not in a bundle, yet its primitive {member.id!r} "
                f"has {_where(pair)}: Pacemaker 2.1.5 to 2.1.7 then reads promotion scores as if "
                "every node were a bundle node, and the scheduler aborts (SIGABRT) as soon as "
                "instances run",
                element=pair.element,
                object_id=clone.id,
                **remedy(_drop(cib, pair), " (it only has a use inside a bundle); fixed in Pacemaker 2.1.8"),
            )
            break  # one finding per clone: every instance reads the same value


def check(ctx: Context) -> Iterator[Problem]:
    yield from _score_attribute_rules(ctx.cib)
    yield from _promotable_clones(ctx.cib)


RULE = Rule(
    code="PCS135",
    name="container-attribute-target-crash",
    severity=Severity.ERROR,
    summary="container-attribute-target=host outside a bundle together with an attribute-based "
    "location rule: crashes the 2.1.5-2.1.7 scheduler",
    check=check,
    doc=rule_doc(__name__),
)
