"""PCS408 meta-value: resource and operation meta attributes Pacemaker does not know or cannot read.

Resource meta names are judged by the target release's data (schemas/releases/: what its
crm_resource lists, and where no command lists them, Pacemaker Explained's names). Pacemaker
allows meta attributes of the user's own (for rules, or read by agents), so a name it
does not know is reported only when it is close to one it does (a likely typo), or is a name the
pacemaker-3.0 schema upgrade replaced. Values that other rules judge are left to them: target-role
(PCS407), the guest options remote-* (PCS111, PCS112, PCS118, PCS119), and an operation's
interval, timeout, on-fail and role (PCS401-PCS403, PCS406, PCS407).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import GUEST_META_NAMES, Cib, NvPair
from pcs_lint.release import TargetRelease
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import upgrades_legacy_names
from pcs_lint.rules._operations import Operation, op_fix, operations, ops_with_meta_attributes
from pcs_lint.rules._option_schemas import (
    BAD_VALUE,
    DEPRECATED,
    UNKNOWN_NAME,
    OptionIssue,
    option_set,
    suggest_name,
    validate,
    value_reason,
)
from pcs_lint.values import parse_score

RESOURCE_SCHEMA, OPERATION_SCHEMA = "resource-meta", "operation"
VALUES_JUDGED_ELSEWHERE = {
    RESOURCE_SCHEMA: frozenset({"target-role", *GUEST_META_NAMES}),
    OPERATION_SCHEMA: frozenset({"interval", "timeout", "on-fail", "role"}),
}
DEFAULT_RELEASE = "2.1.5"  # the target when none is known (as PCS904)
# Where the user must choose a value: a hint with it is an outline, not a fix.
PLACEHOLDER = "VALUE"
# What each reference release does with a negative migration-threshold (a score below 0,
# -INFINITY included), measured with crm_verify -VV on a primitive's and on rsc_defaults' value:
# 2.1.5 (Debian 12) bans the resource after its first failure, 3.0.0 (Debian 13) ignores the value.
NEGATIVE_THRESHOLD = {
    "2.1.5": ("uses 1 instead: the first failure bans the resource from that node",
              "migration-threshold must be non-negative, using 1 instead"),
    "3.0.0": ("ignores it and uses the default, INFINITY",
              "Using default (INFINITY) for resource {resource} meta-attribute migration-threshold because "
              "'{value}' is not a valid value"),
}
# <op> attributes whose values no other rule reads (the schema fixes the attribute names).
OP_ATTRIBUTES = ("enabled", "record-pending", "start-delay", "interval-origin", "requires")
_OP_ATTRIBUTE_NAMES = frozenset(OP_ATTRIBUTES)


@dataclass(frozen=True)
class Owner:
    """Who a meta_attributes set (or an op's attributes) belongs to, for messages and fixes."""

    label: str  # "primitive 'web'", "rsc_defaults set 'rsc-options'"
    object_id: str | None
    command: str | None  # pcs command prefix taking NAME=VALUE words; None: pcs cannot edit it
    op: Operation | None = None  # for an op's own attributes, which pcs rewrites with the op
    noun: str = "meta attribute"

    def fix(self, **settings: str) -> Fix | str:
        """The command that sets each name to its value (an empty value removes it); advice when
        pcs cannot edit the element or the user must choose a value (the VALUE placeholder)."""
        proposal = op_fix(self.op, **settings) if self.op is not None else None
        words = " ".join(f"{name}={value}" for name, value in settings.items())
        if proposal is None:
            if self.command is None:
                return f"edit the XML ({words}): pcs cannot change this element, use pcs cluster edit"
            proposal = Fix.of(f"{self.command} {words}")
        if isinstance(proposal, Fix) and PLACEHOLDER in settings.values():
            return proposal.text()  # an outline: the user picks the value
        return proposal


def resource_owner(cib: Cib, element: Any) -> Owner | None:
    resource = cib.resources.get(element.get("id") or "")
    if resource is None or resource.element is not element:
        return None
    if resource.kind == "template":
        return Owner(f"template {resource.id!r}", resource.id, None)
    return Owner(f"{resource.kind} {resource.id!r}", resource.id, f"pcs resource meta {resource.id}")


def defaults_owner(element: Any, meta_id: str | None, operation: bool) -> Owner:
    command = "pcs resource op defaults" if operation else "pcs resource defaults"
    label = f"{element.tag} set {meta_id!r}" if meta_id else element.tag
    return Owner(label, meta_id, f"{command} set update {meta_id} meta" if meta_id else f"{command} update")


def op_owner(op: Operation, own_attributes: bool) -> Owner:
    if own_attributes:
        return Owner(op.describe(), op.id, None, op, noun="attribute")
    return Owner(op.describe(), op.id, None)


def meta_sets(cib: Cib) -> Iterator[tuple[str, Owner, tuple[NvPair, ...]]]:
    """(schema, owner, nvpairs) of every meta_attributes written in resources, defaults and ops.
    id-ref'd sets are skipped: the set they point at is checked where it is defined."""
    for resource in cib.resources.values():
        sets = cib.attribute_sets(resource.element, "meta_attributes")
        owner = resource_owner(cib, resource.element) if sets else None
        if owner is None:
            continue
        for meta in sets:
            yield RESOURCE_SCHEMA, owner, meta.nvpairs
    for tag, schema in (("rsc_defaults", RESOURCE_SCHEMA), ("op_defaults", OPERATION_SCHEMA)):
        for defaults in cib.elements(tag):
            for meta in cib.attribute_sets(defaults, "meta_attributes"):
                yield schema, defaults_owner(defaults, meta.id, schema == OPERATION_SCHEMA), meta.nvpairs
    with_meta = ops_with_meta_attributes(cib)
    for op in operations(cib):
        element = op.element
        if element in with_meta:
            for meta in cib.attribute_sets(element, "meta_attributes"):
                yield OPERATION_SCHEMA, op_owner(op, own_attributes=False), meta.nvpairs
        if _OP_ATTRIBUTE_NAMES.isdisjoint(element.keys()):
            continue  # the usual op (one read of its names, not one per attribute)
        attributes = tuple(NvPair(name, element.get(name), element)
                           for name in OP_ATTRIBUTES if element.get(name) is not None)
        if attributes:
            yield OPERATION_SCHEMA, op_owner(op, own_attributes=True), attributes


def unknown_problem(cib: Cib, schema: str, owner: Owner, pair: NvPair, issue: OptionIssue) -> Problem | None:
    legacy = option_set(schema).legacy.get(pair.name)
    if legacy is not None:
        upgraded = upgrades_legacy_names(cib)
        effect = ("Pacemaker's in-memory upgrade to schema pacemaker-3.0 replaces it" if upgraded
                  else "Pacemaker 2.0 replaced it and now ignores it")
        return Problem(
            f"{owner.noun} {pair.name!r} of {owner.label} is a Pacemaker 1.x name: {effect} with "
            f"{legacy['replaced-by']} ({legacy['note']})",
            element=pair.element, object_id=owner.object_id,
            severity=Severity.INFO if upgraded else None,
            **remedy(owner.fix(**{pair.name: "", legacy["replaced-by"]: PLACEHOLDER})),
        )
    if pair.name.lower() in GUEST_META_NAMES or not issue.suggestion:
        # Remote names in another case are PCS110's; names far from any known one are the
        # user's own meta attributes, which Pacemaker allows.
        return None
    return Problem(
        f"{owner.noun} {pair.name!r} of {owner.label} is not one Pacemaker knows, so it has no "
        f"effect (did you mean {issue.suggestion!r}?)",
        element=pair.element, object_id=owner.object_id,
        **remedy(owner.fix(**{pair.name: "", issue.suggestion: pair.value or ""})),
    )


def value_problem(schema: str, owner: Owner, pair: NvPair, issue: OptionIssue) -> Problem | None:
    if pair.name in VALUES_JUDGED_ELSEWHERE[schema]:
        return None
    spec = option_set(schema).spec(pair.name)
    allowed = spec.get("x-pcmk-enum")
    return Problem(
        f"{owner.noun} {pair.name}={pair.value!r} of {owner.label} is not a value Pacemaker can "
        f"use: {value_reason(issue, spec)}",
        element=pair.element, object_id=owner.object_id,
        **remedy(owner.fix(**{pair.name: repaired_value(pair.value or "", spec)}),
                 f"  (allowed: {', '.join(allowed)})" if allowed else ""),
    )


def repaired_value(value: str, spec: Any) -> str:
    """A value to put in the hint: INFINITY for a mis-cased infinity, else the default when it
    is a plain value, else a placeholder."""
    if value.strip().upper().lstrip("+-") == "INFINITY":
        return value.strip().upper()
    default = spec.get("default")
    if default is not None and " " not in default:
        return default
    return PLACEHOLDER


def deprecated_problem(owner: Owner, pair: NvPair, issue: OptionIssue) -> Problem:
    settings = {pair.name: ""}
    if issue.suggestion and " " not in issue.suggestion:
        settings[issue.suggestion] = pair.value or ""
    return Problem(
        f"{owner.noun} {pair.name!r} of {owner.label} is deprecated: {issue.message.rstrip('.')}",
        element=pair.element, object_id=owner.object_id, severity=Severity.INFO,
        **remedy(owner.fix(**settings)),
    )


def issue_problem(cib: Cib, schema: str, owner: Owner, pair: NvPair, issue: OptionIssue) -> Problem | None:
    if issue.kind == UNKNOWN_NAME:
        return unknown_problem(cib, schema, owner, pair, issue)
    if issue.kind == BAD_VALUE:
        return value_problem(schema, owner, pair, issue)
    if issue.kind == DEPRECATED:
        return deprecated_problem(owner, pair, issue)
    return None


def release_issues(release: TargetRelease | None, schema: str, pair: NvPair) -> tuple[OptionIssue, ...]:
    """The option schema's verdict, with a resource meta name known or deprecated as the target
    release's data says."""
    issues = validate(schema, {pair.name: (pair.value, pair.element)})
    if schema != RESOURCE_SCHEMA or release is None:
        return issues
    names = release.data.resource_meta
    if pair.name not in names:
        return (OptionIssue(pair.name, pair.value, pair.element, UNKNOWN_NAME, "", suggest_name(pair.name, names)),)
    return tuple(i for i in issues if i.kind != UNKNOWN_NAME
                 and (i.kind != DEPRECATED or pair.name in release.data.resource_meta_deprecated))


def negative_threshold(release: TargetRelease | None, owner: Owner, pair: NvPair) -> Problem | None:
    """A migration-threshold that is a valid score below 0 (an invalid one is a value problem)."""
    if pair.name != "migration-threshold" or pair.value is None or parse_score(pair.value) >= 0:
        return None
    name = release.data.release if release is not None else DEFAULT_RELEASE
    effect, said = NEGATIVE_THRESHOLD[name]
    return Problem(
        f"{owner.noun} migration-threshold={pair.value!r} of {owner.label} is negative: Pacemaker {name} "
        f"{effect} (crm_verify: \"{said.format(resource=owner.object_id, value=pair.value)}\").",
        element=pair.element, object_id=owner.object_id,
        **remedy(owner.fix(**{pair.name: PLACEHOLDER}),
                 "  (a whole number of failures; 0 disables the threshold)"),
    )


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    # The verdict on a pair depends only on its schema, name and value, and a CIB repeats the
    # same few meta attributes on every resource: the clean ones are judged once. The value of a
    # name whose values other rules judge changes nothing here (remote-node differs on every guest).
    clean: set[tuple[str, str, str | None]] = set()
    for schema, owner, pairs in meta_sets(cib):
        for pair in pairs:
            key = (schema, pair.name, None if pair.name in VALUES_JUDGED_ELSEWHERE[schema] else pair.value)
            if key in clean:
                issues = ()
            else:
                issues = release_issues(ctx.release, schema, pair)
                if not issues:
                    clean.add(key)
            for issue in issues:
                problem = issue_problem(cib, schema, owner, pair, issue)
                if problem is not None:
                    yield problem
            if schema == RESOURCE_SCHEMA and not any(issue.kind == BAD_VALUE for issue in issues):
                problem = negative_threshold(ctx.release, owner, pair)
                if problem is not None:
                    yield problem


RULE = Rule(
    code="PCS408",
    name="meta-value",
    severity=Severity.WARNING,
    summary="unknown resource meta names (did-you-mean), bad failure-timeout, start-delay, "
    "migration-threshold, multiple-active, requires, interval-origin",
    check=check,
    doc=rule_doc(__name__),
)
