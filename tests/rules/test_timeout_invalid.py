import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def web(op: str, extra: str = "") -> str:
    return cib(resources=f"""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <operations>
          {op}
        </operations>
      </primitive>""", extra=extra)


@pytest.mark.parametrize(
    ("timeout", "said", "suggested"),
    [
        ("PT5M", "ISO 8601", "5min"),
        ("PT30S", "ISO 8601", "30s"),
        ("30d", "unknown unit", None),
        ("-5s", "20 s default", None),
        ("bad", "20 s default", None),
        ("0", "no timeout", None),
        ("30days", "unknown unit", None),
        ("2147484s", "32-bit", None),
    ],
)
def test_unusable_op_timeout(timeout, said, suggested):
    xml = web(f'<op id="web-start" name="start" interval="0s" timeout="{timeout}"/>')
    findings = lint_text(xml, select=["PCS403"])
    assert codes_lines(findings) == [("PCS403", line_of(xml, 'id="web-start"'))]
    assert codes_ids(findings) == [("PCS403", "web-start")]
    assert said in findings[0].message
    command = f"pcs resource update web op start interval=0s timeout={suggested or 'SECONDS'}"
    if suggested is None:
        # Advice: the user chooses the value; Pacemaker's 20 s fallback is never proposed.
        assert findings[0].fix is None and findings[0].hint.startswith(command + "  (SECONDS: ")
        assert "20s" not in findings[0].hint
    else:
        assert findings[0].fix.commands == (command,) and findings[0].hint == command


@pytest.mark.parametrize("timeout", ["20s", "20", "1.5m", "300 seconds", "2147483s", "1min"])
def test_usable_timeouts_are_silent(timeout):
    assert lint_text(web(f'<op id="web-start" name="start" interval="0s" timeout="{timeout}"/>'), select=["PCS403"]) == []


def test_timeout_in_op_meta_attributes_is_read_and_reported_at_the_nvpair():
    xml = web("""<op id="web-start" name="start" interval="0s">
            <meta_attributes id="web-start-meta">
              <nvpair id="web-start-meta-timeout" name="timeout" value="PT1M"/>
            </meta_attributes>
          </op>""")
    findings = lint_text(xml, select=["PCS403"])
    assert codes_lines(findings) == [("PCS403", line_of(xml, 'id="web-start-meta-timeout"'))]
    assert codes_ids(findings) == [("PCS403", "web-start")]


def test_op_defaults_timeout():
    extra = """    <op_defaults>
      <meta_attributes id="op-options">
        <nvpair id="op-options-timeout" name="timeout" value="PT60S"/>
      </meta_attributes>
    </op_defaults>
"""
    xml = web('<op id="web-mon" name="monitor" interval="10s"/>', extra=extra)
    findings = lint_text(xml, select=["PCS403"])
    assert codes_lines(findings) == [("PCS403", line_of(xml, 'id="op-options-timeout"'))]
    assert codes_ids(findings) == [("PCS403", "op-options-timeout")]
    assert findings[0].hint == "pcs resource op defaults update timeout=1min"
    assert findings[0].fix.commands == ("pcs resource op defaults update timeout=1min",)


def test_op_defaults_unreadable_timeout_is_advice_without_a_command():
    extra = ('    <op_defaults><meta_attributes id="op-options"><nvpair id="op-options-timeout" '
             'name="timeout" value="forever"/></meta_attributes></op_defaults>\n')
    [finding] = lint_text(web('<op id="web-mon" name="monitor" interval="10s"/>', extra=extra), select=["PCS403"])
    assert finding.fix is None and "timeout=SECONDS" in finding.hint and "20s" not in finding.hint


def test_the_agents_advised_timeout_from_its_metadata(tmp_path):
    agent = tmp_path / "heartbeat" / "apache"
    agent.parent.mkdir()
    agent.write_text('<actions>\n<action name="start" timeout="40s" />\n<action name="monitor" timeout="25s" '
                     'interval="10s" />\n</actions>\n', encoding="utf-8")
    xml = web('<op id="web-start" name="start" interval="0s" timeout="soon"/>')
    [finding] = lint_text(xml, select=["PCS403"], rules={"PCS403": {"metadata_dirs": [str(tmp_path)]}})
    assert finding.fix.commands == ("pcs resource update web op start interval=0s timeout=40s",)


def test_op_defaults_good_timeout_and_op_without_timeout_are_silent():
    extra = ('    <op_defaults><meta_attributes id="op-options"><nvpair id="op-options-timeout" '
             'name="timeout" value="60s"/></meta_attributes></op_defaults>\n')
    assert lint_text(web('<op id="web-mon" name="monitor" interval="10s"/>', extra=extra), select=["PCS403"]) == []
