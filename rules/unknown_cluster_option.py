"""PCS306 unknown-cluster-option: a cluster property Pacemaker does not read, or cannot read.

Names are judged by the target release's own metadata (schemas/releases/): a name it does not
list is unknown to it, even where another release reads it (fencing-enabled); its deprecated
marker makes a finding info. Values are judged by schemas/options/cluster-options.schema.json.
Every cluster_property_set is checked, not only the one Pacemaker applies now: a set behind a
rule or with a lower score takes effect when its rule matches or the winning set loses a name.
"""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import AttributeSet, Cib, NvPair
from pcs_lint.release import TargetRelease, parse_version
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import upgrades_legacy_names
from pcs_lint.rules._option_schemas import BAD_VALUE, OptionIssue, option_set, suggest_name, validate, value_reason
from pcs_lint.rules._pcs_properties import is_pcs_edited

PLACEHOLDER = "VALUE"  # where the user must choose: a hint with it is an outline, not a fix

SCHEMA = "cluster-options"


def where(attribute_set: AttributeSet) -> str:
    return f"cluster_property_set {attribute_set.id!r}" if attribute_set.id else "a cluster_property_set"


def unset_then(attribute_set: AttributeSet, name: str, then: str | None = None) -> Fix | str:
    """Unset the option (then run ``then``): pcs reaches only the set it edits."""
    if is_pcs_edited(attribute_set.element):
        return Fix((f"pcs property unset {name}", *([then] if then else [])))
    advice = (f"remove it from {where(attribute_set)} (pcs edits only the first cluster_property_set: "
              "use pcs cluster edit)")
    return advice + (f", then {then}" if then else "")


def legacy_problem(cib: Cib, attribute_set: AttributeSet, pair: NvPair, entry: dict,
                   release: TargetRelease) -> Problem | None:
    """A Pacemaker 1.x name. Below pacemaker-3.0 Pacemaker's in-memory schema upgrade renames or
    moves it (it works, so nothing is said, unless the target release does not read the new name
    either) or drops it (it does nothing: info)."""
    value = pair.value or ""
    replacement = entry.get("replaced-by")
    target = entry.get("where")
    if replacement and target:
        instead = f"{replacement} in {target}"
        fix = (f"pcs resource defaults update {replacement}={value}" if target == "rsc_defaults"
               else f"pcs resource op defaults update {replacement}={value}")
    elif replacement:
        instead, fix = f"cluster property {replacement}", f"pcs property set {replacement}={value}"
    else:
        instead, fix = None, None
    if upgrades_legacy_names(cib):
        if replacement and not target and not release.data.knows_option(replacement):
            # Measured: 3.0.0 renames remove_after_stop, then drops the result ("Dropping nvpair ID
            # because the remove-after-stop property is unsupported").
            return Problem(
                f"cluster property {pair.name!r} in {where(attribute_set)} is a Pacemaker 1.x name that the "
                f"upgrade to schema pacemaker-3.0 renames to {replacement!r}, which Pacemaker "
                f"{release.data.release} does not read either: it has no effect",
                element=pair.element, object_id=pair.id or pair.name,
                **remedy(unset_then(attribute_set, pair.name)),
            )
        if instead is not None:
            return None
        return Problem(
            f"cluster property {pair.name!r} in {where(attribute_set)} is a Pacemaker 1.x option that "
            f"the upgrade to schema pacemaker-3.0, which Pacemaker applies to this configuration when "
            f"reading it, drops: it has no effect ({entry.get('dropped')})",
            element=pair.element, object_id=pair.id or pair.name, severity=Severity.INFO,
            **remedy(unset_then(attribute_set, pair.name)),
        )
    if instead is None:
        because = f"Pacemaker 2.0 dropped it ({entry.get('dropped')})"
    else:
        because = f"Pacemaker 2.0 replaced it with {instead}"
    return Problem(
        f"cluster property {pair.name!r} in {where(attribute_set)} is a Pacemaker 1.x option that "
        f"Pacemaker no longer reads, so it has no effect: {because}",
        element=pair.element, object_id=pair.id or pair.name,
        **remedy(unset_then(attribute_set, pair.name, fix)),
    )


def unknown_problem(attribute_set: AttributeSet, pair: NvPair, release: TargetRelease,
                    suggestion: str | None, renamed: bool = False) -> Problem:
    note = ""
    if suggestion and renamed:
        # The option has had no effect on this release: unsetting it removes the finding and
        # changes nothing Pacemaker does. Setting the name this release reads would change what
        # it does (fencing-enabled=false as stonith-enabled=false switches fencing off): the
        # user's decision, so advice, not part of the fix.
        guess = f"; {release.label} reads it as {suggestion!r}"
        fix = None
        note = (f"  (to get the effect it was meant to have on {release.label}: "
                f"pcs property set {suggestion}={pair.value or ''})")
    elif suggestion:
        guess = f"; did you mean {suggestion!r}?"
        fix = f"pcs property set {suggestion}={pair.value or ''}"
    elif option_set(SCHEMA).spec(pair.name):
        guess = f" (other Pacemaker releases read it; {release.label} does not)"
        fix = None
    else:
        guess = (" (if a resource agent or another tool keeps its own state there, suppress this "
                 "finding for it)")
        fix = None
    return Problem(
        f"cluster property {pair.name!r} in {where(attribute_set)} is not an option "
        f"{release.label} reads, so it has no effect{guess}{release.assumption()}",
        element=pair.element, object_id=pair.id or pair.name,
        **remedy(unset_then(attribute_set, pair.name, fix), note),
    )


def older_name(name: str, release: TargetRelease) -> str | None:
    """The name this release reads for an option a newer release renamed (fencing-enabled ->
    stonith-enabled): the hand-kept schema's new name is the old one's x-pcmk-renamed-to."""
    for old, spec in option_set(SCHEMA).schema.get("properties", {}).items():
        if spec.get("x-pcmk-renamed-to") == name and release.data.knows_option(old):
            return old
    return None


def value_problem(attribute_set: AttributeSet, pair: NvPair, issue: OptionIssue) -> Problem:
    spec = option_set(SCHEMA).spec(pair.name)
    allowed = spec.get("x-pcmk-enum")
    fix_value = spec.get("default", PLACEHOLDER)
    command = f"pcs property set {pair.name}={fix_value}"
    if not is_pcs_edited(attribute_set.element):
        proposal: Fix | str = f"correct it in {where(attribute_set)} (pcs cluster edit)"
    elif fix_value == PLACEHOLDER:
        proposal = command  # an outline: the user picks the value
    else:
        proposal = Fix.of(command)
    return Problem(
        f"cluster property {pair.name}={pair.value!r} in {where(attribute_set)} is not a value "
        f"Pacemaker can use: {value_reason(issue, spec)}",
        element=pair.element, object_id=pair.id or pair.name,
        **remedy(proposal, f"  (allowed: {', '.join(allowed)})" if allowed else ""),
    )


def deprecated_problem(attribute_set: AttributeSet, pair: NvPair, release: TargetRelease,
                       why: str, replacement: str | None) -> Problem:
    fix = f"pcs property set {replacement}={pair.value or ''}" if replacement else None
    return Problem(
        f"cluster property {pair.name!r} in {where(attribute_set)} is deprecated in "
        f"{release.label}: {why.rstrip('.')}{release.assumption()}",
        element=pair.element, object_id=pair.id or pair.name, severity=Severity.INFO,
        **remedy(unset_then(attribute_set, pair.name, fix)),
    )


def read_as_alias(name: str, release: TargetRelease) -> bool:
    """A deprecated alias that no metadata lists but releases before x-pcmk-alias-before read."""
    before = parse_version(option_set(SCHEMA).spec(name).get("x-pcmk-alias-before"))
    version = parse_version(release.version) or release.data.version
    return before is not None and version < before


def name_problem(attribute_set: AttributeSet, pair: NvPair, release: TargetRelease) -> Problem | None:
    """Unknown or deprecated in the target release; None when it reads the name as it is."""
    facts = release.data.option(pair.name)
    options = option_set(SCHEMA)
    spec = options.spec(pair.name)
    if facts is None and any(pattern.search(pair.name) for pattern in options.patterns):
        return None  # state that resource agents keep there (the schema's patternProperties)
    if facts is None and read_as_alias(pair.name, release):
        return deprecated_problem(attribute_set, pair, release, spec.get("description", ""),
                                  spec.get("x-pcmk-replaced-by"))
    if facts is None:
        older = older_name(pair.name, release)
        suggestion = older or suggest_name(pair.name, frozenset(release.data.cluster_options))
        return unknown_problem(attribute_set, pair, release, suggestion, renamed=older is not None)
    if facts.get("deprecated"):
        replacement = facts.get("replaced-by") or spec.get("x-pcmk-replaced-by")
        replacement = replacement if replacement and release.data.knows_option(replacement) else None
        return deprecated_problem(attribute_set, pair, release,
                                  "its own metadata marks it deprecated, so a later release drops it", replacement)
    return None


def pair_problems(cib: Cib, attribute_set: AttributeSet, pair: NvPair, release: TargetRelease) -> Iterator[Problem]:
    options = option_set(SCHEMA)
    legacy = options.legacy.get(pair.name)
    if legacy is not None:
        problem = legacy_problem(cib, attribute_set, pair, legacy, release)
        if problem is not None:
            yield problem
        return
    if options.spec(pair.name).get("readOnly"):
        return  # written by the controller; users never set these
    problem = name_problem(attribute_set, pair, release)
    if problem is not None:
        yield problem
        if problem.severity != Severity.INFO:
            return  # an unknown name: its value means nothing
    for issue in validate(SCHEMA, {pair.name: (pair.value, pair.element)}):
        if issue.kind == BAD_VALUE:
            yield value_problem(attribute_set, pair, issue)


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    crm_config = cib.configuration.find("crm_config") if cib.configuration is not None else None
    if crm_config is None:
        return
    # id-ref'd sets are checked where they are defined, so nothing is reported twice.
    for attribute_set in cib.attribute_sets(crm_config, "cluster_property_set"):
        for pair in attribute_set.nvpairs:
            yield from pair_problems(cib, attribute_set, pair, ctx.release)


RULE = Rule(
    code="PCS306",
    name="unknown-cluster-option",
    severity=Severity.WARNING,
    summary="a cluster property Pacemaker does not know (with a did-you-mean), or a value it cannot read",
    check=check,
    doc=rule_doc(__name__),
)
