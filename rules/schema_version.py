"""PCS902 schema-version: a validate-with the target release refuses (error), or one it reads only
after upgrading it in memory, or the deprecated pacemaker-next (info).

What a release accepts is the list of schemas it ships (schemas/releases/). Measured with
crm_verify: 2.1.5 refuses a schema it does not ship ("CIB did not pass schema validation", exit
78), pacemaker-1.1 included; 3.0.0 refuses those too ("Cannot validate CIB with unknown
validate-with") and also a CIB without validate-with ("Cannot validate CIB with missing
validate-with"), which 2.1.5 accepts by choosing a schema itself.
"""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.release import TargetRelease
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, schema_version

UPGRADE_HINT = "pcs cluster cib-upgrade (or cibadmin --upgrade --force)"


def check(ctx: Context) -> Iterator[Problem]:
    root = ctx.cib.root
    declared = ctx.cib.validate_with
    release = ctx.release
    if declared == SCHEMA_NONE or release is None:
        return  # PCS901
    data = release.data
    assumed = release.assumption()
    if declared is None:
        yield _missing(root, release)
    elif not data.ships_schema(declared):
        if not _maybe_shipped_later(declared, release):
            yield _refused(root, declared, release)
    elif declared == SCHEMA_NEXT:
        yield Problem(
            f'the CIB has validate-with="pacemaker-next", the experimental schema of features still '
            f"in development: {release.label} accepts it with a deprecation warning, its syntax may "
            f"change between releases, and later releases (3.0.0) refuse it{assumed}",
            element=root,
            hint=f"{UPGRADE_HINT}: moves the CIB to the newest stable schema that validates it",
        )
    elif _upgraded(declared, data.newest_schema):
        yield Problem(
            f'the CIB uses the old schema "{declared}": {release.label} upgrades it in memory to '
            f"{data.newest_schema} on every load (with XSL transforms that may rename and move "
            f"options), so what runs differs from what the file says{assumed}",
            element=root,
            hint=f"{UPGRADE_HINT}: rewrites the CIB in the newest schema once",
        )


def _maybe_shipped_later(declared: str, release: TargetRelease) -> bool:
    """A schema newer than the data's, on a target newer than the data: that release may ship
    it (2.1.8 ships pacemaker-3.10, 2.1.5 does not), so nothing is claimed."""
    version, newest = schema_version(declared), schema_version(release.data.newest_schema)
    return release.newer_than_data and version is not None and newest is not None and version > newest


def _upgraded(declared: str, newest: str) -> bool:
    """An older major version: the release transforms it (2.x to 3.x on 2.1.5, 3.x to 4.0 on
    3.0.0); within the newest major the schemas only add, nothing is transformed."""
    version, latest = schema_version(declared), schema_version(newest)
    return version is not None and latest is not None and version[0] < latest[0]


def _refusal(root, release: TargetRelease, what: str, crm_verify_says: str, hint_tail: str = "") -> Problem:
    return Problem(
        f"{what}; {release.label} refuses to load it (crm_verify: {crm_verify_says}, exit 78)"
        f"{release.assumption()}",
        element=root, severity=Severity.ERROR,
        hint=f'set validate-with to a schema {release.label} ships (e.g. "{release.data.newest_schema}"), '
        f"then run {UPGRADE_HINT}{hint_tail}",
    )


def _missing(root, release: TargetRelease) -> Problem:
    if release.data.version >= (3, 0, 0):
        return _refusal(root, release, "the CIB has no validate-with attribute",
                        '"Cannot validate CIB with missing validate-with"')
    return Problem(
        f"the CIB has no validate-with attribute: {release.label} validates it against every schema "
        "it knows and takes the newest that passes (turning validation off when none does), and "
        f"Pacemaker 3 refuses to load it{release.assumption()}",
        element=root,
        hint=f"{UPGRADE_HINT}; or set validate-with to the schema version your cluster's CIB uses "
        "(cibadmin --query shows it)",
    )


def _refused(root, declared: str, release: TargetRelease) -> Problem:
    data = release.data
    numbered = schema_version(declared)
    if numbered is None and declared != SCHEMA_NEXT:
        what = ('which is not a schema name Pacemaker uses (names are "pacemaker-MAJOR.MINOR", '
                'case-sensitive, or "none")')
    elif numbered is not None and numbered > (schema_version(data.newest_schema) or (0, 0)):
        what = (f"a schema newer than any {release.label} ships (its newest is {data.newest_schema}): "
                "the CIB comes from a newer release")
    else:
        what = f"a schema {release.label} does not ship"
    says = ('"Cannot validate CIB with unknown validate-with"' if data.version >= (3, 0, 0)
            else '"CIB did not pass schema validation"')
    return _refusal(root, release, f'the CIB has validate-with="{declared}", {what}', says,
                    "; or lint for the release that wrote it with --pacemaker-version")


RULE = Rule(
    code="PCS902",
    name="schema-version",
    severity=Severity.INFO,
    summary="a validate-with the target release refuses (error: not shipped, or missing on "
    "Pacemaker 3), or an old or deprecated (pacemaker-next) schema it upgrades in memory (info)",
    check=check,
    doc=rule_doc(__name__),
)
