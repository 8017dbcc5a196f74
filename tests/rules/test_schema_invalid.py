"""PCS903 schema-invalid: libxml2's RELAX NG errors as one clear finding per real mistake."""

from __future__ import annotations

import re
import socket
import threading

import pytest

from pcs_lint.findings import Severity
from pcs_lint.rules._rng_schemas import compiled_schema, locate_schema_dir
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

pytestmark = pytest.mark.pacemaker
WEB = '      <primitive id="web" class="ocf" provider="heartbeat" type="apache"{attrs}>{body}</primitive>'


def lint(xml, schema_dir, **kwargs):
    return lint_text(xml, select=["PCS903"], schema_dir=str(schema_dir), **kwargs)


def web(attrs="", body=""):
    return WEB.format(attrs=attrs, body=body)


def test_valid_cib_gives_nothing(pacemaker_schema_dir):
    assert lint(cib(resources=web()), pacemaker_schema_dir) == []


def test_unknown_attribute_is_named_with_a_close_match(pacemaker_schema_dir):
    xml = cib(resources=web(body='<operations>\n<op id="web-mon" name="monitor" intreval="10s"/>\n</operations>'))
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, 'id="web-mon"'))]
    assert codes_ids(findings) == [("PCS903", "web-mon")]
    assert "'intreval'" in findings[0].message and "<op>" in findings[0].message
    assert findings[0].hint == "did you mean 'interval'?"


def test_unknown_attribute_reported_by_libxml2_directly(pacemaker_schema_dir):
    # On <primitive>, libxml2 itself says "Invalid attribute foo for element primitive".
    xml = cib(resources=web(attrs=' foo="1"'))
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, 'foo="1"'))]
    assert "attribute 'foo'" in findings[0].message
    assert findings[0].hint.startswith("<primitive> can have: class, description, id")


def test_value_not_in_the_schema_list(pacemaker_schema_dir):
    xml = cib(resources=web(body='<operations><op id="web-mon" name="monitor" interval="10s" on-fail="explode"/></operations>'))
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "web-mon")]
    assert "on-fail='explode'" in findings[0].message and "restart-container" in findings[0].message


def test_value_with_a_close_match_gets_a_hint(pacemaker_schema_dir):
    xml = cib(nodes='<node id="1" uname="node1" type="remot"/>')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, 'type="remot"'))]
    assert findings[0].hint == "did you mean type='remote'?"


def test_typed_value_names_the_attribute(pacemaker_schema_dir):
    xml = cib(resources=web(), constraints='      <rsc_location id="loc" rsc="web" node="node1" score="lots"/>')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "loc")]
    assert "score='lots'" in findings[0].message and "not a valid integer" in findings[0].message


def test_invalid_id_value(pacemaker_schema_dir):
    xml = cib(resources='      <primitive id="my web" class="ocf" provider="heartbeat" type="apache"/>')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, 'id="my web"'))]
    assert "not a valid id" in findings[0].message


def test_unknown_element_points_at_it_not_at_its_siblings(pacemaker_schema_dir):
    xml = cib(resources=web(body='\n        <bogus/>\n      '))
    findings = lint(xml, pacemaker_schema_dir)
    # libxml2 also blames <resources> and the fence device's line: that cascade is dropped.
    assert codes_lines(findings) == [("PCS903", line_of(xml, "<bogus/>"))]
    assert findings[0].message.startswith('<bogus> is not allowed at this place inside <primitive id="web">')


def test_element_where_another_is_expected(pacemaker_schema_dir):
    xml = cib(crm_config='\n      <bogus/>\n    ')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, "<bogus/>"))]
    assert "expects <cluster_property_set>" in findings[0].message


def test_unexpected_top_level_resource_element(pacemaker_schema_dir):
    xml = cib(resources='      <service id="svc"/>')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, '<service id="svc"/>'))]
    assert "is not allowed here inside <resources>" in findings[0].message


def test_text_content(pacemaker_schema_dir):
    xml = cib(resources=web(body="oops"))
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "web")]
    assert "contains text" in findings[0].message


def test_missing_required_section(pacemaker_schema_dir):
    xml = cib().replace("    <constraints>\n\n    </constraints>\n", "")
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", line_of(xml, "<configuration>"))]
    assert "a <constraints> element was expected" in findings[0].message


def test_attribute_failure_without_detail_lists_the_known_attributes(pacemaker_schema_dir):
    # nvpair without name: libxml2 says only "failed to validate attributes".
    xml = cib(resources=web(body='<meta_attributes id="web-meta"><nvpair id="web-tr" value="Started"/></meta_attributes>'))
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "web-tr")]
    assert "lacks one it requires" in findings[0].message and "id, id-ref, name, value" in findings[0].message


def test_cib_attributes_missing_is_one_finding_on_the_cib(pacemaker_schema_dir):
    xml = cib().replace(' epoch="1" num_updates="0" admin_epoch="0"', "")
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", 1)]
    assert findings[0].message == ("<cib> lacks the attributes admin_epoch, epoch, num_updates, which Pacemaker's "
                                   "pacemaker-3.9 schema requires, so Pacemaker refuses the configuration")
    assert findings[0].hint == ('add admin_epoch="0" epoch="0" num_updates="0" to <cib> '
                                "(cibadmin --empty shows a complete one)")
    one = cib().replace(' num_updates="0"', "")
    [finding] = lint(one, pacemaker_schema_dir)
    assert finding.message.startswith("<cib> lacks the attribute num_updates, which")


def test_the_raw_report_hint_names_the_file_linted(pacemaker_schema_dir):
    xml = cib(resources='      <primitive id="web" class="ocf" provider="heartbeat"/>')
    [finding] = lint_text(xml, select=["PCS903"], schema_dir=str(pacemaker_schema_dir), path="site a/cib-prod.xml")
    assert finding.hint == "crm_verify --xml-file 'site a/cib-prod.xml' -V shows libxml2's own report"
    [piped] = lint_text(xml, select=["PCS903"], schema_dir=str(pacemaker_schema_dir), path="-")
    assert piped.hint == "crm_verify --xml-pipe -V < FILE shows libxml2's own report"


def test_generic_failure_names_the_element(pacemaker_schema_dir):
    # A primitive without type: libxml2 says only "Invalid sequence in interleave".
    xml = cib(resources='      <primitive id="web" class="ocf" provider="heartbeat"/>')
    findings = lint(xml, pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "web")]
    assert "a required attribute may be missing" in findings[0].message


def test_two_independent_mistakes_give_two_findings(pacemaker_schema_dir):
    xml = cib(resources=web(attrs=' foo="1"'), constraints='      <rsc_location id="loc" rsc="web" node="node1" score="lots"/>')
    assert codes_lines(lint(xml, pacemaker_schema_dir)) == [
        ("PCS903", line_of(xml, 'foo="1"')), ("PCS903", line_of(xml, 'score="lots"'))]


def test_duplicate_ids_and_dangling_references_are_left_to_pcs201_and_pcs206(pacemaker_schema_dir):
    xml = cib(resources=web() + "\n" + web(),
              constraints='      <rsc_location id="loc" rsc="nothere" node="node1" score="100"/>')
    assert lint(xml, pacemaker_schema_dir) == []
    # ...but a real schema error next to them is still reported.
    xml = xml.replace('score="100"', 'score="lots"')
    assert codes_ids(lint(xml, pacemaker_schema_dir)) == [("PCS903", "loc")]


def test_status_section_is_validated_too(pacemaker_schema_dir):
    xml = cib().replace("</configuration>\n", '</configuration>\n  <status><node_state id="1" uname="node1"/></status>\n')
    assert lint(xml, pacemaker_schema_dir) == []


def test_declared_old_version_is_validated_with_that_version(pacemaker_schema_dir):
    # pacemaker-3.9 added nothing this needs, but promoted roles do not exist in pacemaker-3.0.
    resources = web(body='<operations><op id="web-mon" name="monitor" interval="10s" role="Promoted"/></operations>')
    assert lint(cib(resources=resources), pacemaker_schema_dir) == []
    findings = lint(cib(resources=resources, validate_with="pacemaker-3.0"), pacemaker_schema_dir)
    assert codes_ids(findings) == [("PCS903", "web-mon")]
    assert "pacemaker-3.0 schema" in findings[0].message


def test_pacemaker_next_is_validated_when_installed(pacemaker_schema_dir):
    if not locate_schema_dir(str(pacemaker_schema_dir)).has_next:
        pytest.skip("no pacemaker-next.rng")
    assert lint(cib(resources=web(), validate_with="pacemaker-next"), pacemaker_schema_dir) == []


def test_missing_validate_with_passes_when_any_schema_validates(pacemaker_schema_dir):
    xml = cib(resources=web()).replace(' validate-with="pacemaker-3.9"', "")
    assert lint(xml, pacemaker_schema_dir) == []


def test_missing_validate_with_reports_against_the_newest_when_none_validates(pacemaker_schema_dir):
    xml = cib(resources=web(attrs=' foo="1"')).replace(' validate-with="pacemaker-3.9"', "")
    findings = lint(xml, pacemaker_schema_dir)
    newest = locate_schema_dir(str(pacemaker_schema_dir)).newest
    assert codes_lines(findings) == [("PCS903", line_of(xml, 'foo="1"'))]
    assert f"{newest} (the newest installed; the CIB declares no validate-with)" in findings[0].message


def test_validate_with_none_and_non_schema_names_are_left_to_pcs901_and_pcs902(pacemaker_schema_dir):
    for name in ("none", "None", "pacemaker3.9"):
        assert lint(cib(resources=web(attrs=' foo="1"'), validate_with=name), pacemaker_schema_dir) == []


def test_version_newer_than_the_installed_schemas_is_an_info(pacemaker_schema_dir):
    findings = lint(cib(validate_with="pacemaker-99.0"), pacemaker_schema_dir)
    assert codes_lines(findings) == [("PCS903", 1)]
    assert findings[0].severity == Severity.INFO
    directory = locate_schema_dir(str(pacemaker_schema_dir))
    assert f"available: {directory.versions[0]} to {directory.newest}" in findings[0].message


# ---------------------------------------------------------------- without usable schemas


def test_no_schemas_gives_one_info_with_install_instructions(tmp_path):
    findings = lint(cib(), tmp_path)
    assert codes_lines(findings) == [("PCS903", 1)]
    assert findings[0].severity == Severity.INFO
    assert str(tmp_path) in findings[0].message
    assert "apt-get install pacemaker-common" in findings[0].hint
    assert "pacemaker-schemas" in findings[0].hint and "--schema-dir" in findings[0].hint


def test_system_directory_is_used_when_none_is_configured(monkeypatch, tmp_path):
    import pcs_lint.rules._rng_schemas as schemas_rng

    monkeypatch.setattr(schemas_rng, "SYSTEM_SCHEMA_DIR", str(tmp_path / "absent"))
    monkeypatch.delenv("PCMK_schema_directory", raising=False)
    findings = lint_text(cib(), select=["PCS903"])
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "are not installed" in findings[0].message and "absent" in findings[0].message


def test_environment_variable_names_the_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("PCMK_schema_directory", str(tmp_path))
    findings = lint_text(cib(), select=["PCS903"])
    assert str(tmp_path) in findings[0].message and "PCMK_schema_directory" in findings[0].message


def _fake_schema_dir(tmp_path, href):
    (tmp_path / "pacemaker-3.9.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
        f'<element name="cib"><externalRef href="{href}"/></element></start></grammar>\n')
    return tmp_path


class _Listener:
    """A local TCP port that counts connection attempts."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(5)
        self.socket.settimeout(0.2)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self._stop = True
        self._thread.join()
        self.socket.close()


@pytest.mark.parametrize("href", ["http://127.0.0.1:{port}/evil.rng", "../outside.rng", "/etc/passwd", "file:///etc/passwd"])
def test_schema_references_outside_the_directory_are_never_read(tmp_path, href):
    listener = _Listener()
    try:
        directory = _fake_schema_dir(tmp_path, href.format(port=listener.port))
        findings = lint(cib(), directory)
    finally:
        listener.close()
    assert listener.connections == 0
    assert [(f.rule, f.severity) for f in findings] == [("PCS903", Severity.INFO)]
    assert "refused" in findings[0].message and "cannot be used" in findings[0].message


def test_schema_file_with_a_doctype_is_refused(tmp_path):
    (tmp_path / "pacemaker-3.9.rng").write_text(
        '<!DOCTYPE grammar [<!ENTITY x SYSTEM "/etc/passwd">]>\n'
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="cib">'
        "<text/></element></start></grammar>\n")
    findings = lint(cib(), tmp_path)
    assert [f.severity for f in findings] == [Severity.INFO]
    assert "DOCTYPE" in findings[0].message


def test_schema_referring_to_a_missing_file_is_reported(tmp_path):
    findings = lint(cib(), _fake_schema_dir(tmp_path, "resources-3.9.rng"))
    assert "missing" in findings[0].message and findings[0].severity == Severity.INFO


def test_uncompilable_schema_is_reported(tmp_path):
    (tmp_path / "pacemaker-3.9.rng").write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"/>\n')
    findings = lint(cib(), tmp_path)
    assert "cannot compile" in findings[0].message and findings[0].severity == Severity.INFO


def test_local_includes_in_a_custom_directory_work(tmp_path):
    (tmp_path / "pacemaker-3.9.rng").write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><element name="cib">'
        '<attribute name="validate-with"/><externalRef href="rest.rng"/></element></start></grammar>\n')
    (tmp_path / "rest.rng").write_text(
        '<element name="configuration" xmlns="http://relaxng.org/ns/structure/1.0"><empty/></element>\n')
    assert lint('<cib validate-with="pacemaker-3.9"><configuration/></cib>', tmp_path) == []
    findings = lint('<cib validate-with="pacemaker-3.9"><configuration><x/></configuration></cib>', tmp_path)
    assert [f.rule for f in findings] == ["PCS903"]


def test_each_version_is_compiled_once(pacemaker_schema_dir):
    first = compiled_schema(str(pacemaker_schema_dir), "pacemaker-3.9")
    assert compiled_schema(str(pacemaker_schema_dir), "pacemaker-3.9") is first


def test_validation_is_safe_from_several_threads(pacemaker_schema_dir):
    good = cib(resources=web())
    bad = cib(resources=web(attrs=' foo="1"'))
    results = {}

    def work(n):
        results[n] = [len(lint(bad if n % 2 else good, pacemaker_schema_dir)) for _ in range(5)]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: [n % 2] * 5 for n in range(6)}


def test_the_schema_directory_lists_numbered_versions_in_numeric_order(tmp_path):
    for name in ("pacemaker-3.10", "pacemaker-3.9", "pacemaker-1.2", "pacemaker-256.0", "pacemaker-next",
                 "pacemaker-3.9.1", "constraints-3.9", "Pacemaker-4.0"):
        (tmp_path / f"{name}.rng").write_text("")
    directory = locate_schema_dir(str(tmp_path))
    assert directory.versions == ("pacemaker-1.2", "pacemaker-3.9", "pacemaker-3.10")
    assert directory.has_next and directory.newest == "pacemaker-3.10"
    assert directory.knows("pacemaker-next") and not directory.knows("pacemaker-256.0")


def test_an_element_with_too_many_children_is_not_validated_and_says_so(pacemaker_schema_dir):
    # The fuzzer's 50,000 <node> siblings kept libxml2's validation busy past the 10 s budget:
    # its RELAX NG validation is quadratic in the children of one element.
    from pcs_lint.rules.schema_invalid import MAX_VALIDATED_CHILDREN

    def nodes(count, bad=""):
        return "".join(f'        <node id="n{i}" uname="n{i}"{bad if i == 0 else ""}/>\n' for i in range(count))

    at_limit = cib(resources=web(), nodes=nodes(MAX_VALIDATED_CHILDREN, ' colour="red"'))
    [finding] = lint(at_limit, pacemaker_schema_dir)
    assert "colour" in finding.message  # validated: the error is found
    over = cib(resources=web(), nodes=nodes(MAX_VALIDATED_CHILDREN + 1, ' colour="red"'))
    [finding] = lint(over, pacemaker_schema_dir)
    assert codes_lines([finding]) == [("PCS903", line_of(over, "<nodes>"))]
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith(
        "the CIB was not validated against Pacemaker's schema: <nodes> has 20,001 children, more than "
        "the 20,000 pcs-lint validates")


def test_without_validate_with_the_limit_is_shared_by_every_schema_tried(pacemaker_schema_dir):
    # Found by the fuzzer: 20,000 siblings in a CIB without validate-with were validated against
    # each installed schema in turn (and each one's 130,000 errors collected): 15 s of CPU.
    from pcs_lint.rules._rng_schemas import locate_schema_dir
    from pcs_lint.rules.schema_invalid import validation_limit

    count = len(locate_schema_dir(str(pacemaker_schema_dir)).versions)
    limit = validation_limit(count)
    assert limit < 20_000 and validation_limit(1) == 20_000

    def undeclared(children):
        nodes = "".join(f'        <node id="n{i}" uname="n{i}"/>\n' for i in range(children))
        return re.sub(r' validate-with="[^"]*"', "", cib(resources=web(), nodes=nodes))

    assert lint(undeclared(limit), pacemaker_schema_dir) == []  # validated: valid under some schema
    xml = undeclared(limit + 1)
    [finding] = lint(xml, pacemaker_schema_dir)
    assert codes_lines([finding]) == [("PCS903", line_of(xml, "<nodes>"))]
    assert f"more than the {limit:,} pcs-lint validates (the CIB declares no validate-with, so each of the " \
           f"{count} installed schemas would be tried)" in finding.message
