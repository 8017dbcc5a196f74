from pcs_lint.findings import Severity
from pcs_lint.testing import cib, lint_text


def lint(env: dict[str, str]):
    return lint_text(cib(), select=["PCS006"], env=env)


def where(findings):
    return [(f.rule, f.path, f.line, f.column, f.object_id) for f in findings]


def test_misspelt_variable_gets_a_did_you_mean():
    findings = lint({"remote1": "# port\nPCMK_remote_prot=3122\n"})
    assert where(findings) == [("PCS006", "remote1.env", 2, 1, "PCMK_remote_prot")]
    assert "did you mean PCMK_remote_port?" in findings[0].message
    assert findings[0].hint.startswith("rename it to PCMK_remote_port in remote1.env on remote1")
    assert findings[0].severity is Severity.WARNING


def test_unknown_variable_without_a_close_name():
    [finding] = lint({"node1": "export PCMK_frobnicate=yes\n"})
    assert (finding.line, finding.column) == (1, 8)
    assert "did you mean" not in finding.message and finding.hint.startswith("remove it from node1.env")


def test_unreadable_value_of_a_known_variable():
    findings = lint({"node1": "PCMK_logpriority=loud\nPCMK_debug=yes\n"})
    assert where(findings) == [("PCS006", "node1.env", 1, 1, "PCMK_logpriority")]
    assert findings[0].message.startswith("PCMK_logpriority in the environment file of node1 is not one of emerg, ")
    assert "loud" not in findings[0].message  # a value that does not validate is not known harmless


def test_unreadable_subsystems_are_named_in_good_grammar_without_the_value():
    [finding] = lint({"node1": "PCMK_debug=pacemakerd,hunter2\n"})
    assert finding.message == (
        "PCMK_debug in the environment file of node1 is not yes, no or a comma-separated list of Pacemaker "
        "subsystems: Pacemaker ignores the value or falls back to the default")


def test_the_last_assignment_is_judged():
    assert lint({"node1": "PCMK_logpriority=loud\nPCMK_logpriority=info\n"}) == []
    assert [f.line for f in lint({"node1": "PCMK_logpriority=info\nPCMK_logpriority=loud\n"})] == [2]


def test_silent_for_known_variables_other_programs_and_the_port():
    env = ("PCMK_logfacility=local0\nPCMK_remote_port=3122\nPCMK_authkey_location=/etc/pacemaker/authkey\n"
           "SBD_WATCHDOG_TIMEOUT=5\nLANG=C\nMY_SITE_SETTING=whatever\n")
    assert lint({"node1": env}) == []


def test_remote_port_values_are_left_to_pcs115():
    findings = lint_text(cib(), select=["PCS006", "PCS115"], env={"node1": "PCMK_remote_port=abc\n"})
    assert [f.rule for f in findings] == ["PCS115"]


def test_findings_in_several_files_are_sorted_by_file():
    findings = lint({"node2": "PCMK_logfacilty=daemon\n", "node1": "PCMK_stderr=maybe\n"})
    assert [(f.path, f.object_id) for f in findings] == [("node1.env", "PCMK_stderr"), ("node2.env", "PCMK_logfacilty")]
