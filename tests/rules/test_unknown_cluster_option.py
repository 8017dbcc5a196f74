import subprocess

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def props(*pairs: str, set_id: str = "cib-bootstrap-options", extra: str = "") -> str:
    body = "".join(f'\n        <nvpair id="o-{n}" name="{n}" value="{v}"/>' for n, v in (p.split("=", 1) for p in pairs))
    return f'\n      <cluster_property_set id="{set_id}">{extra}{body}\n      </cluster_property_set>'


def run(xml: str):
    return lint_text(xml, select=["PCS306"])


def test_misspelt_name_with_did_you_mean():
    xml = cib(crm_config=props("no-quorum-polcy=freeze"))
    findings = run(xml)
    assert codes_lines(findings) == [("PCS306", line_of(xml, 'name="no-quorum-polcy"'))]
    assert codes_ids(findings) == [("PCS306", "o-no-quorum-polcy")]
    assert "did you mean 'no-quorum-policy'?" in findings[0].message
    assert findings[0].hint == "pcs property unset no-quorum-polcy, then pcs property set no-quorum-policy=freeze"


def test_wrong_case_and_underscores_suggest_the_real_name():
    xml = cib(crm_config=props("Maintenance-Mode=true", "no_quorum-policy=stop"))
    messages = [f.message for f in run(xml)]
    assert "did you mean 'maintenance-mode'?" in messages[0]
    assert "did you mean 'no-quorum-policy'?" in messages[1]


def test_unknown_name_far_from_any_option_has_no_suggestion():
    xml = cib(crm_config=props("my-site-flag=1"))
    findings = run(xml)
    assert codes_ids(findings) == [("PCS306", "o-my-site-flag")]
    assert "did you mean" not in findings[0].message
    assert "suppress this finding" in findings[0].message
    assert findings[0].hint == "pcs property unset my-site-flag"


def test_known_generated_and_agent_names_are_silent():
    xml = cib(crm_config=props(
        "dc-version=2.1.5-a3f44794f94", "cluster-infrastructure=corosync", "cluster-name=c1",
        "have-watchdog=false", "last-lrm-refresh=1700000000", "stonith-enabled=true",
        "no-quorum-policy=Freeze", "redis_REPL_INFO=node1",
        "cluster-recheck-interval=PT5M", "batch-limit=30", "placement-strategy=balanced",
        "node-health-red=-INFINITY", "load-threshold=60%", "stonith-watchdog-timeout=-1",
        "priority-fencing-delay=15s", "stonith-max-attempts=INFINITY"))
    assert run(xml) == []


def test_generated_option_values_are_never_judged():
    assert run(cib(crm_config=props("have-watchdog=perhaps"))) == []


def test_unreadable_values():
    xml = cib(crm_config=props(
        "stonith-enabled=flase", "no-quorum-policy=frozen", "cluster-delay=1d",
        "batch-limit=ten", "stonith-max-attempts=0", "load-threshold=lots"))
    findings = run(xml)
    assert codes_lines(findings) == [("PCS306", line_of(xml, f'name="{n}"')) for n in (
        "stonith-enabled", "no-quorum-policy", "cluster-delay", "batch-limit",
        "stonith-max-attempts", "load-threshold")]
    first, policy = findings[0], findings[1]
    assert "not a Pacemaker boolean" in first.message and "uses the default (true)" in first.message
    assert "not one of stop, freeze, ignore, demote, suicide, fence" in policy.message
    assert policy.hint == ("pcs property set no-quorum-policy=stop  "
                           "(allowed: stop, freeze, ignore, demote, suicide, fence)")
    assert "unknown unit 'd'" in findings[2].message


def test_trailing_text_after_an_integer_is_reported_with_what_pacemaker_reads():
    xml = cib(crm_config=props("batch-limit=10x"))
    assert "reads only the leading 10 and ignores 'x'" in run(xml)[0].message
    assert run(cib(crm_config=props("batch-limit=10.0"))) == []


def test_deprecated_alias_is_info_with_its_replacement():
    xml = cib(crm_config=props("crmd-transition-delay=5s"))
    findings = run(xml)
    assert codes_ids(findings) == [("PCS306", "o-crmd-transition-delay")]
    assert findings[0].severity == Severity.INFO
    assert findings[0].hint == "pcs property unset crmd-transition-delay, then pcs property set transition-delay=5s"


def test_legacy_names_in_a_current_schema_are_ignored_and_say_what_replaced_them():
    xml = cib(crm_config=props("default-resource-stickiness=100", "no_quorum_policy=stop", "expected-quorum-votes=2"))
    findings = run(xml)
    assert [f.severity for f in findings] == [Severity.WARNING] * 3
    assert "replaced it with resource-stickiness in rsc_defaults" in findings[0].message
    assert findings[0].hint.endswith("then pcs resource defaults update resource-stickiness=100")
    assert "replaced it with cluster property no-quorum-policy" in findings[1].message
    assert "dropped it (corosync 2 and later track quorum themselves)" in findings[2].message
    assert findings[2].hint == "pcs property unset expected-quorum-votes"


def test_legacy_names_below_pacemaker_3_are_upgraded_or_dropped():
    xml = cib(validate_with="pacemaker-2.10", crm_config=props(
        "default-action-timeout=60s", "no_quorum_policy=stop", "expected-quorum-votes=2"))
    findings = run(xml)
    # Renamed and moved names work after Pacemaker's in-memory upgrade; a dropped one does nothing.
    assert codes_lines(findings) == [("PCS306", line_of(xml, 'name="expected-quorum-votes"'))]
    assert findings[0].severity == Severity.INFO


def test_default_action_timeout_moves_to_op_defaults():
    findings = run(cib(crm_config=props("default-action-timeout=60s")))
    assert findings[0].hint.endswith("then pcs resource op defaults update timeout=60s")


def test_every_set_is_checked_and_other_sets_need_the_xml_edited():
    rule = '\n        <rule id="r1" score="INFINITY"><date_expression id="d1" operation="lt" end="2030-01-01"/></rule>'
    xml = cib(crm_config=props("stonith-enabled=true") + props("maintenance-mod=true", set_id="later", extra=rule))
    findings = run(xml)
    assert codes_ids(findings) == [("PCS306", "o-maintenance-mod")]
    assert "cluster_property_set 'later'" in findings[0].message
    assert "pcs cluster edit" in findings[0].hint
    bad_value = run(cib(crm_config=props("stonith-enabled=true") + props("symmetric-cluster=maybe", set_id="later")))
    assert bad_value[0].hint.startswith("correct it in cluster_property_set 'later' (pcs cluster edit)")
    assert bad_value[0].fix is None


def test_pcs_edits_the_first_set_whatever_its_id():
    # Measured with pcs 0.11.5: property set/unset edit the first cluster_property_set.
    findings = run(cib(crm_config=props("symmetric-cluster=maybe", set_id="first")
                       + props("maintenance-mod=true", set_id="second")))
    assert [f.fix.commands if f.fix else None for f in findings] == [("pcs property set symmetric-cluster=true",), None]


def test_referenced_set_is_reported_once_where_defined():
    xml = cib(crm_config=props("maintenance-mod=true", set_id="shared")
              + '\n      <cluster_property_set id-ref="shared"/>')
    assert codes_ids(run(xml)) == [("PCS306", "o-maintenance-mod")]


def test_no_crm_config_is_silent():
    xml = cib().replace("    <crm_config></crm_config>\n", "")
    assert run(xml) == []


def test_names_are_judged_by_the_target_release():
    # fencing-enabled: neither 2.1.5 nor 3.0.0 lists it; the name they read is named. The fix only
    # unsets it (it had no effect); setting stonith-enabled=false would switch fencing off, which
    # is the user's decision (PCS302 would report it), so that part is advice.
    xml = cib(crm_config=props("fencing-enabled=false"))
    for version, label in ((None, "Pacemaker 2.1.5"), ("2.1.5", "Pacemaker 2.1.5"), ("3.0.0", "Pacemaker 3.0.0")):
        [finding] = lint_text(xml, select=["PCS306"], pacemaker_version=version)
        assert (finding.rule, finding.severity, finding.line) == ("PCS306", Severity.WARNING, line_of(xml, 'name="fencing-enabled"'))
        assert finding.message.startswith(
            f"cluster property 'fencing-enabled' in cluster_property_set 'cib-bootstrap-options' is not an option "
            f"{label} reads, so it has no effect; {label} reads it as 'stonith-enabled'")
        assert ("assuming Pacemaker 2.1.5, inferred from" in finding.message) == (version is None)
        assert finding.fix.commands == ("pcs property unset fencing-enabled",)
        assert finding.hint == ("pcs property unset fencing-enabled  (to get the effect it was meant to have on "
                                f"{label}: pcs property set stonith-enabled=false)")


def test_deprecated_and_removed_names_per_release():
    # remove-after-stop: 2.1.5's metadata marks it deprecated (info); 3.0.0 no longer lists it.
    # concurrent-fencing: the other way round. node-pending-timeout: only 3.0.0 lists it.
    xml = cib(crm_config=props("remove-after-stop=false", "concurrent-fencing=true", "node-pending-timeout=10s"))
    assert [(f.object_id, f.severity) for f in lint_text(xml, select=["PCS306"], pacemaker_version="2.1.5")] == [
        ("o-remove-after-stop", Severity.INFO), ("o-node-pending-timeout", Severity.WARNING)]
    assert [(f.object_id, f.severity) for f in lint_text(xml, select=["PCS306"], pacemaker_version="3.0.0")] == [
        ("o-remove-after-stop", Severity.WARNING), ("o-concurrent-fencing", Severity.INFO)]


def test_aliases_2_1_still_reads():
    xml = cib(crm_config=props("crmd-transition-delay=5s"))
    [old] = lint_text(xml, select=["PCS306"], pacemaker_version="2.1.5")
    assert old.severity == Severity.INFO and "deprecated in Pacemaker 2.1.5" in old.message
    [new] = lint_text(xml, select=["PCS306"], pacemaker_version="3.0.0")
    assert new.severity == Severity.WARNING and "did you mean 'transition-delay'?" in new.message


def test_a_legacy_name_renamed_to_one_the_release_does_not_read():
    # Below pacemaker-3.0 the in-memory upgrade renames remove_after_stop to remove-after-stop;
    # 2.1.5 reads that, 3.0.0 does not.
    xml = cib(crm_config=props("remove_after_stop=true"), validate_with="pacemaker-2.0")
    assert lint_text(xml, select=["PCS306"], pacemaker_version="2.1.5") == []
    findings = lint_text(xml, select=["PCS306"], pacemaker_version="3.0.0")
    assert codes_lines(findings) == [("PCS306", line_of(xml, 'name="remove_after_stop"'))]
    assert "renames to 'remove-after-stop', which Pacemaker 3.0.0 does not read either" in findings[0].message
    assert findings[0].fix.commands == ("pcs property unset remove_after_stop",)


@pytest.mark.pacemaker
def test_crm_verify_3_0_0_drops_the_renamed_legacy_name_and_2_1_5_keeps_it(pacemaker3_root, crm_verify, tmp_path):
    from ..conftest import crm_verify_in_root

    xml = cib(crm_config=props("remove_after_stop=true"), validate_with="pacemaker-2.0")
    said = "Dropping nvpair o-remove_after_stop because the remove-after-stop property is unsupported"
    done = crm_verify_in_root(pacemaker3_root, xml)
    assert said in done.stdout + done.stderr
    target = tmp_path / "cib.xml"
    target.write_text(xml, encoding="utf-8")
    old = subprocess.run([crm_verify, "-VV", "-x", str(target)], capture_output=True, text=True, timeout=60)
    assert "renaming remove_after_stop as remove-after-stop" in old.stdout + old.stderr
    assert "Dropping" not in old.stdout + old.stderr
