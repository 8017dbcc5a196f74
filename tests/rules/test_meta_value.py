import subprocess

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def meta(owner_id: str, *pairs: str, set_id: str | None = None) -> str:
    body = "".join(f'\n          <nvpair id="{owner_id}-{n}" name="{n}" value="{v}"/>' for n, v in (p.split("=", 1) for p in pairs))
    return f'\n        <meta_attributes id="{set_id or owner_id + "-meta"}">{body}\n        </meta_attributes>'


def primitive(rid: str, *pairs: str, ops: str = "") -> str:
    return (f'      <primitive id="{rid}" class="ocf" provider="heartbeat" type="Dummy">{meta(rid, *pairs)}'
            f"{ops}\n      </primitive>")


def run(xml: str):
    return lint_text(xml, select=["PCS408"])


def test_misspelt_meta_name_with_did_you_mean():
    xml = cib(primitive("web", "resource-stickines=100"))
    findings = run(xml)
    assert codes_lines(findings) == [("PCS408", line_of(xml, 'name="resource-stickines"'))]
    assert codes_ids(findings) == [("PCS408", "web")]
    assert "did you mean 'resource-stickiness'?" in findings[0].message
    assert findings[0].hint == "pcs resource meta web resource-stickines= resource-stickiness=100"


def test_case_and_underscore_variants_are_suggested():
    xml = cib(primitive("web", "Is-Managed=false", "clone_max=2"))
    assert [f.message.split("did you mean ")[1] for f in run(xml)] == ["'is-managed'?)", "'clone-max'?)"]


def test_own_meta_attributes_and_remote_case_variants_are_silent():
    # Pacemaker allows custom meta attributes; Remote-Node in another case is PCS110's.
    xml = cib(primitive("vm", "department=finance", "Remote-Node=guest1", "remote-node=guest2",
                        "remote-port=3121", "target-role=Started", "provides=unfencing"))
    assert run(xml) == []


def test_values_other_rules_judge_are_left_to_them():
    xml = cib(primitive("vm", "target-role=Sideways", "remote-node=g1", "remote-port=abc",
                        "remote-connect-timeout=PT1M", "remote-allow-migrate=perhaps"))
    assert run(xml) == []


def test_unreadable_values():
    xml = cib(primitive("web", "migration-threshold=infinity", "failure-timeout=1d", "is-managed=flase",
                        "multiple-active=stop-start", "requires=stonith", "priority=1.5", "clone-max=two"))
    findings = run(xml)
    names = ("migration-threshold", "failure-timeout", "is-managed", "multiple-active", "requires", "priority", "clone-max")
    assert codes_lines(findings) == [("PCS408", line_of(xml, f'name="{n}"')) for n in names]
    text = [f.message for f in findings]
    assert "INFINITY must be written in capitals: Pacemaker reads any other spelling as 0" in text[0]
    assert findings[0].hint == "pcs resource meta web migration-threshold=INFINITY"
    assert "unknown unit 'd'" in text[1] and "uses the default (0)" in text[1]
    assert "not a Pacemaker boolean" in text[2] and "uses the default (true)" in text[2]
    assert "not one of block, stop_only, stop_start, stop_unexpected" in text[3]
    assert findings[3].hint == ("pcs resource meta web multiple-active=stop_start  "
                                "(allowed: block, stop_only, stop_start, stop_unexpected)")
    assert "not one of nothing, quorum, fencing, unfencing, so Pacemaker uses its default" in text[4]
    assert "reads only the leading 1 and ignores '.5'" in text[5]
    assert findings[6].hint == "pcs resource meta web clone-max=VALUE"


def test_valid_values_are_silent():
    xml = cib(primitive("web", "migration-threshold=3", "resource-stickiness=-INFINITY", "priority=10",
                        "failure-timeout=PT10M", "is-managed=Yes", "multiple-active=Stop_Only",
                        "requires=nothing", "critical=0", "allow-unhealthy-nodes=true",
                        "resource-stickiness=green", "priority=2.0"))
    assert run(xml) == []


def test_deprecated_names_are_info():
    xml = cib(primitive("web", "restart-type=restart") + "\n" + (
        '      <clone id="web-clone">' + meta("web-clone", "master-max=1")
        + '\n        <primitive id="web2" class="ocf" provider="heartbeat" type="Dummy"/>\n      </clone>'))
    findings = run(xml)
    assert codes_ids(findings) == [("PCS408", "web"), ("PCS408", "web-clone")]
    assert [f.severity for f in findings] == [Severity.INFO, Severity.INFO]
    assert findings[0].hint == "pcs resource meta web restart-type="
    assert findings[1].hint == "pcs resource meta web-clone master-max= promoted-max=1"


def test_legacy_meta_names_depend_on_the_schema():
    upgraded = run(cib(primitive("web", "resource-failure-stickiness=-INFINITY"), validate_with="pacemaker-2.10"))
    assert [f.severity for f in upgraded] == [Severity.INFO]
    assert "in-memory upgrade" in upgraded[0].message
    ignored = run(cib(primitive("web", "isolation-wrapper=docker")))
    assert [f.severity for f in ignored] == [Severity.WARNING]
    assert "replaced it and now ignores it with target-role" in ignored[0].message


def test_rsc_defaults_and_op_defaults():
    extra = ('    <rsc_defaults>' + meta("rd", "migation-threshold=3", set_id="rsc-options") + "\n    </rsc_defaults>\n"
             '    <op_defaults>' + meta("od", "record-pending=sometimes", set_id="op-options") + "\n    </op_defaults>\n")
    xml = cib(extra=extra)
    findings = run(xml)
    assert codes_lines(findings) == [("PCS408", line_of(xml, 'name="migation-threshold"')),
                                     ("PCS408", line_of(xml, 'name="record-pending"'))]
    assert codes_ids(findings) == [("PCS408", "rsc-options"), ("PCS408", "op-options")]
    assert findings[0].hint == "pcs resource defaults set update rsc-options meta migation-threshold= migration-threshold=3"
    assert findings[1].hint.startswith("pcs resource op defaults set update op-options meta record-pending=true")


def test_op_defaults_values_of_other_rules_are_left_alone():
    xml = cib(extra='    <op_defaults>' + meta("od", "timeout=PT1M", "on-fail=sometimes") + "\n    </op_defaults>\n")
    assert run(xml) == []


def test_operation_attributes_and_meta():
    ops = ('\n        <operations>'
           '\n          <op id="web-monitor" name="monitor" interval="10s" enabled="maybe" start-delay="5 years"/>'
           '\n          <op id="web-start" name="start" interval="0s" interval-origin="tomorrow">'
           + meta("web-start", "requires=quorum", "recrd-pending=true")
           + '\n          </op>\n        </operations>')
    xml = cib(primitive("web", "priority=1", ops=ops))
    findings = run(xml)
    monitor = line_of(xml, 'id="web-monitor"')
    assert codes_lines(findings) == [
        ("PCS408", monitor), ("PCS408", monitor),
        ("PCS408", line_of(xml, 'id="web-start" name')),
        ("PCS408", line_of(xml, 'name="requires"')), ("PCS408", line_of(xml, 'name="recrd-pending"')),
    ]
    assert codes_ids(findings)[0] == ("PCS408", "web-monitor")
    assert findings[0].message.startswith("attribute enabled='maybe' of operation 'web-monitor' of resource 'web'")
    assert findings[0].hint == "pcs resource update web op monitor interval=10s enabled=true"
    assert "unknown unit 'years'" in findings[1].message
    assert "not an ISO 8601 date/time" in findings[2].message
    assert findings[3].severity == Severity.INFO and "operation-level 'requires'" in findings[3].message
    assert "did you mean 'record-pending'?" in findings[4].message
    assert "pcs cluster edit" in findings[4].hint


def test_templates_have_no_pcs_command():
    xml = cib('      <template id="tpl" class="ocf" provider="heartbeat" type="Dummy">'
              + meta("tpl", "is-managed=nope") + "\n      </template>")
    findings = run(xml)
    assert codes_ids(findings) == [("PCS408", "tpl")]
    assert findings[0].hint.startswith("edit the XML (is-managed=true)")


def test_referenced_meta_set_is_reported_once_where_defined():
    xml = cib(primitive("a", "resource-stickines=1") + "\n"
              + '      <primitive id="b" class="ocf" provider="heartbeat" type="Dummy">'
              + '\n        <meta_attributes id-ref="a-meta"/>\n      </primitive>')
    assert codes_ids(run(xml)) == [("PCS408", "a")]


def test_meta_names_come_from_the_target_release_data():
    from dataclasses import replace

    from pcs_lint.release import reference_data
    from pcs_lint.rules.meta_value import RULE

    from ..future_release import check_for, future_release

    xml = cib(resources='<primitive id="d" class="ocf" provider="pacemaker" type="Dummy">'
              '<meta_attributes id="d-m"><nvpair id="d-m-t" name="migration-treshold" value="3"/></meta_attributes>'
              "</primitive>")
    for release in ("2.1.5", "3.0.0"):
        assert "migration-threshold" in reference_data(release).resource_meta
        [finding] = lint_text(xml, select=["PCS408"], pacemaker_version=release)
        assert "did you mean 'migration-threshold'?" in finding.message
    target = future_release()
    without = replace(target, data=replace(target.data, resource_meta=target.data.resource_meta - {"migration-threshold"}))
    # A release that does not know the name proposes nothing (a user's own meta attribute is allowed).
    assert check_for(RULE, xml, without) == []


# A negative migration-threshold, and what crm_verify -VV of each reference release says about it
# (verbatim; the same for a primitive's value and for rsc_defaults', reported per resource).
NEGATIVE_THRESHOLD_SAID = {
    "2.1.5": "warning: migration-threshold must be non-negative, using 1 instead",
    "3.0.0": "warning: Using default (INFINITY) for resource web meta-attribute migration-threshold because "
             "'{value}' is not a valid value",
}


def negative_threshold_cib(value: str, in_defaults: bool = False) -> str:
    if in_defaults:
        return cib(primitive("web"), extra='  <rsc_defaults>' + meta("rd", f"migration-threshold={value}")
                   + "\n    </rsc_defaults>")
    return cib(primitive("web", f"migration-threshold={value}"))


@pytest.mark.parametrize("release", sorted(NEGATIVE_THRESHOLD_SAID))
@pytest.mark.parametrize("value", ["-1", "-INFINITY", " -5"])
def test_a_negative_migration_threshold_says_what_the_release_does(release, value):
    xml = negative_threshold_cib(value)
    findings = lint_text(xml, select=["PCS408"], pacemaker_version=release)
    assert codes_lines(findings) == [("PCS408", line_of(xml, 'name="migration-threshold"'))]
    assert codes_ids(findings) == [("PCS408", "web")]
    said = NEGATIVE_THRESHOLD_SAID[release].split(": ", 1)[1].format(value=value)
    assert f'Pacemaker {release} ' in findings[0].message and f'(crm_verify: "{said}")' in findings[0].message
    # The user chooses the number: Pacemaker's replacement is not what they meant either.
    assert findings[0].fix is None and findings[0].hint.startswith("pcs resource meta web migration-threshold=VALUE")


def test_a_negative_migration_threshold_in_rsc_defaults_and_the_silent_values():
    xml = negative_threshold_cib("-2", in_defaults=True)
    assert codes_lines(run(xml)) == [("PCS408", line_of(xml, 'name="migration-threshold"'))]
    for value in ("0", "-0", "3", "INFINITY"):
        assert run(negative_threshold_cib(value)) == [], value
    # Not a score at all: the value finding only, not a second one about its sign.
    assert len(run(negative_threshold_cib("-INFINITYx"))) == 1


def _run_crm_verify(command: list[str], xml: str, directory) -> str:
    target = directory / "cib.xml"
    target.write_text(xml, encoding="utf-8")
    done = subprocess.run([*command, str(target)], capture_output=True, text=True, timeout=60)
    return done.stdout + done.stderr


@pytest.mark.pacemaker
@pytest.mark.parametrize("in_defaults", [False, True])
def test_crm_verify_2_1_5_uses_1_for_a_negative_migration_threshold(crm_verify, tmp_path, in_defaults):
    output = _run_crm_verify([crm_verify, "-VV", "-x"], negative_threshold_cib("-1", in_defaults), tmp_path)
    assert NEGATIVE_THRESHOLD_SAID["2.1.5"] in output


@pytest.mark.pacemaker
@pytest.mark.parametrize("in_defaults", [False, True])
def test_crm_verify_3_0_0_uses_the_default_for_a_negative_migration_threshold(pacemaker3_root, in_defaults):
    from ..conftest import crm_verify_in_root

    done = crm_verify_in_root(pacemaker3_root, negative_threshold_cib("-1", in_defaults))
    assert NEGATIVE_THRESHOLD_SAID["3.0.0"].format(value="-1") in done.stdout + done.stderr


def test_the_same_pair_is_reported_on_every_resource_that_has_it():
    # Verdicts are judged once per (schema, name, value): a clean pair seen first must not hide
    # a bad one, and one bad pair is reported on each resource that carries it.
    xml = cib(primitive("a", "priority=1", "resource-stickines=100") + "\n"
              + primitive("b", "priority=1", "resource-stickines=100") + "\n"
              + primitive("c", "priority=1", "migration-threshold=-1"))
    findings = run(xml)
    assert codes_ids(findings) == [("PCS408", "a"), ("PCS408", "b"), ("PCS408", "c")]
    assert codes_lines(findings) == [("PCS408", line_of(xml, 'id="a-resource-stickines"')),
                                     ("PCS408", line_of(xml, 'id="b-resource-stickines"')),
                                     ("PCS408", line_of(xml, 'id="c-migration-threshold"'))]


def test_verdicts_kept_per_name_or_value_change_no_finding():
    # A name whose values other rules judge is judged here once, whatever its value (a good one
    # first, a bad one later); a verdict with an issue is never kept: the deprecated op-level
    # requires is reported on each op.
    xml = cib(primitive("a", "remote-port=3121") + "\n" + primitive("b", "remote-port=abc") + "\n"
              + primitive("c", "target-role=Started") + "\n" + primitive("d", "target-role=Sideways"))
    assert run(xml) == []
    ops = ('\n        <operations>'
           '\n          <op id="web-a" name="monitor" interval="10s" requires="quorum"/>'
           '\n          <op id="web-b" name="monitor" interval="20s" requires="fencing"/>'
           '\n        </operations>')
    xml = cib(primitive("web", ops=ops))
    assert codes_ids(run(xml)) == [("PCS408", "web-a"), ("PCS408", "web-b")]
