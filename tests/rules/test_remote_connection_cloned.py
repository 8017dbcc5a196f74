import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


@pytest.mark.parametrize(("wrapper", "words"), [
    ('<clone id="remote1-clone">', "clone 'remote1-clone'"),
    ('<master id="remote1-clone">', "master/slave resource 'remote1-clone'"),
    ('<clone id="remote1-clone"><meta_attributes id="m"><nvpair id="m-p" name="promotable" value="true"/>'
     "</meta_attributes>", "promotable clone 'remote1-clone'"),
])
def test_cloned_connection(wrapper, words):
    end = "</master>" if wrapper.startswith("<master") else "</clone>"
    xml = cib(resources=f"""
      {wrapper}
        <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      {end}""")
    findings = lint_text(xml, select=["PCS105"])
    assert codes_lines(findings) == [("PCS105", line_of(xml, 'id="remote1"'))]
    assert codes_ids(findings) == [("PCS105", "remote1")]
    assert words in findings[0].message
    assert findings[0].hint == "pcs resource unclone remote1-clone"


def test_cloned_group_names_the_group():
    xml = cib(resources="""
      <clone id="grp-clone"><group id="grp">
        <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      </group></clone>""")
    findings = lint_text(xml, select=["remote-connection-cloned"])
    assert codes_ids(findings) == [("PCS105", "remote1")]
    assert "clone 'grp-clone' through group 'grp'" in findings[0].message
    assert findings[0].hint == "pcs resource unclone grp-clone"


def test_silent_near_misses():
    xml = cib(resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <clone id="d-clone"><primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/></clone>
      <template id="tpl" class="ocf" provider="pacemaker" type="remote"/>
      <clone id="r2-clone"><primitive id="remote2" template="tpl"/></clone>""")
    assert lint_text(xml, select=["PCS105"]) == []
