"""Suppressions in XML comments, environment files and the config file; PCS004 and PCS005."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.hookspecs import hookimpl
from pcs_lint.rule import Context, Rule
from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .conftest import ROOT as ROOT_DIR
from .conftest import SAMPLES as SAMPLES_DIR
from .hostile import run_hostile

DUPLICATE_WEB = """
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      {comment}
      <primitive id="web" class="ocf" provider="heartbeat" type="nginx"/>"""


def with_comment(comment: str) -> str:
    return cib(resources=DUPLICATE_WEB.format(comment=comment))


def test_comment_suppresses_the_following_element_by_code():
    xml = with_comment("<!-- pcs-lint: disable=PCS201 migration in progress -->")
    assert lint_text(xml, select=["PCS201", "PCS004", "PCS005"]) == []


def test_comment_suppresses_by_name_and_several_rules():
    xml = with_comment("<!-- pcs-lint: disable=xml-syntax, duplicate-id reason -->")
    assert lint_text(xml, select=["PCS201", "PCS004", "PCS005"]) == []


def test_comment_covers_the_subtree_but_not_siblings():
    xml = cib(resources="""
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
      <!-- pcs-lint: disable=PCS201 -->
      <group id="g">
        <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
      </group>
      <primitive id="g" class="ocf" provider="heartbeat" type="Dummy"/>""")
    # The duplicate inside the group is covered; the one after the group is not.
    assert codes_lines(lint_text(xml, select=["PCS201"])) == [("PCS201", line_of(xml, '<primitive id="g"'))]


def test_disable_file_covers_the_whole_document():
    xml = with_comment("").replace("<configuration>", "<!-- pcs-lint: disable-file=PCS201 legacy file -->\n  <configuration>", 1)
    assert lint_text(xml, select=["PCS201", "PCS005"]) == []


def test_unknown_rule_in_a_comment_is_reported_and_suppresses_nothing():
    xml = with_comment("<!-- pcs-lint: disable=PCS999 nope -->")
    findings = lint_text(xml, select=["PCS201", "PCS004"])
    assert codes_lines(findings) == [
        ("PCS004", line_of(xml, "PCS999")),
        ("PCS201", line_of(xml, 'type="nginx"')),
    ]
    assert "'PCS999'" in findings[0].message
    assert findings[0].severity is Severity.WARNING


def test_unreadable_directive_is_reported():
    xml = with_comment("<!-- pcs-lint: disabel PCS201 -->")
    findings = lint_text(xml, select=["PCS004"])
    assert codes_lines(findings) == [("PCS004", line_of(xml, "disabel"))]


def test_comment_with_nothing_after_it_is_reported():
    xml = cib(resources="""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <!-- pcs-lint: disable=PCS201 -->""")
    assert [f.rule for f in lint_text(xml, select=["PCS004", "PCS201"])] == ["PCS004"]


def test_unused_comment_is_reported_at_its_line():
    xml = cib(resources="""
      <!-- pcs-lint: disable=PCS201 stale -->
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>""")
    findings = lint_text(xml, select=["PCS201", "PCS005"])
    assert codes_lines(findings) == [("PCS005", line_of(xml, "stale"))]
    assert findings[0].object_id == "web"


def test_unused_is_not_reported_when_the_rule_did_not_run():
    xml = cib(resources="""
      <!-- pcs-lint: disable=PCS201 stale -->
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>""")
    assert lint_text(xml, select=["PCS005", "PCS003"]) == []


def test_ordinary_comments_are_ignored():
    xml = with_comment("<!-- the nginx variant, see ticket 42 -->")
    assert [f.rule for f in lint_text(xml, select=["PCS201", "PCS004", "PCS005"])] == ["PCS201"]


# --- environment files, through a test rule that reports every PCMK_remote_port assignment


def _port_lines(ctx: Context) -> Iterator[Problem]:
    for node, env_file in sorted(ctx.env_files.items()):
        var = env_file.get("PCMK_remote_port")
        if var is not None:
            yield Problem(f"{node} sets a port", object_id=node,
                          location=SourceLocation(env_file.path, var.line, var.column))


class PortPlugin:
    @hookimpl
    def pcs_lint_rules(self):
        return [Rule("TST001", "port-line", Severity.WARNING, "test", _port_lines, scope="environment")]


def env_lint(env: dict[str, str], **kwargs):
    return lint_text(cib(), select=["TST001", "PCS004", "PCS005"], env=env, extra_plugins=(PortPlugin(),), **kwargs)


def test_env_trailing_comment_suppresses_its_line():
    findings = env_lint({"node1": "PCMK_remote_port=3122  # pcs-lint: disable=TST001 lab setup\n",
                         "node2": "PCMK_remote_port=3122\n"})
    assert [(f.rule, f.path, f.line) for f in findings] == [("TST001", "node2.env", 1)]


def test_env_whole_line_comment_suppresses_the_next_assignment():
    findings = env_lint({"node1": "# pcs-lint: disable=port-line lab\n\nPCMK_remote_port=3122\n"})
    assert findings == []


def test_env_disable_file_and_unused_env_suppression():
    findings = env_lint({
        "node1": "# pcs-lint: disable-file=TST001 lab\nPCMK_remote_port=3122\n",
        "node2": "PCMK_logfacility=daemon  # pcs-lint: disable=TST001 stale\n",
    })
    assert [(f.rule, f.path, f.line) for f in findings] == [("PCS005", "node2.env", 1)]


# --- the config file, keyed by element id


def test_config_suppression_by_id_and_path_glob():
    xml = with_comment("")
    entry = {"rule": "duplicate-id", "id": "web", "reason": "known", "path": "*.xml"}
    assert lint_text(xml, select=["PCS201", "PCS005"], suppress=(entry,)) == []


def test_config_suppression_for_another_path_does_not_apply_and_is_unused():
    xml = with_comment("")
    entry = {"rule": "PCS201", "id": "web", "reason": "known", "path": "other/*.xml"}
    findings = lint_text(xml, select=["PCS201", "PCS005"], suppress=(entry,))
    assert [f.rule for f in findings] == ["PCS005", "PCS201"]


def test_config_suppression_naming_an_unknown_rule_is_reported():
    entry = {"rule": "PCS9999", "id": "web", "reason": "x"}
    findings = lint_text(with_comment(""), select=["PCS201", "PCS004"], suppress=(entry,))
    assert [f.rule for f in findings] == ["PCS004", "PCS201"]
    assert "PCS9999" in findings[0].message


def test_internal_errors_cannot_be_suppressed():
    def crash(ctx):
        raise RuntimeError("boom")
        yield  # pragma: no cover

    class Crashing:
        @hookimpl
        def pcs_lint_rules(self):
            return [Rule("TST002", "crash", Severity.ERROR, "test", crash)]

    xml = cib(resources="""
      <!-- pcs-lint: disable=PCS000,TST002 -->
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>""")
    findings = lint_text(xml, select=["TST002"], extra_plugins=(Crashing(),))
    assert [f.rule for f in findings] == ["PCS000"]


# ------------------------------------------------------------------ CIB findings that rely on an env file

PORT_CASE = SAMPLES_DIR / "bad" / "PCS113-remote-port-mismatch"


def readme_env_suppression() -> tuple[str, str]:
    """The README's environment-file suppression example, verbatim: (node, file text)."""
    readme = (ROOT_DIR / "README.md").read_text(encoding="utf-8")
    (block,) = [b for b in re.findall(r"^```sh\n(.*?)^```", readme, re.M | re.S) if "pcs-lint: disable=" in b]
    node = re.match(r"# /etc/sysconfig/pacemaker of (\S+)\n", block)
    assert node, block
    return node.group(1), block


def port_case_lint(**replacements: str):
    env = {node: (PORT_CASE / f"{node}.sysconfig").read_text() for node in ("node1", "node2", "remote1")}
    env.update(replacements)
    return lint_text((PORT_CASE / "cib.xml").read_text(), env=env)


def test_the_readme_example_suppresses_pcs113_where_the_remote_port_is_set():
    node, text = readme_env_suppression()
    assert "disable=PCS113" in text and node == "remote1"
    # without the suppression comment the same file gives PCS113, one finding naming both cluster nodes ...
    unsuppressed = "".join(line for line in text.splitlines(keepends=True) if "pcs-lint:" not in line)
    findings = port_case_lint(**{node: unsuppressed})
    assert [f.rule for f in findings] == ["PCS113"] and "cluster nodes node1, node2 " in findings[0].message
    # ... and with it, nothing: PCS113 is silenced and the suppression is not reported as unused
    assert port_case_lint(**{node: text}) == []


def test_the_readme_example_through_the_command_line(tmp_path):
    node, text = readme_env_suppression()
    (tmp_path / f"{node}.sysconfig").write_text(text)
    args = ["--isolated", f"--sysconfig={node}={tmp_path / f'{node}.sysconfig'}"]
    args += [f"--sysconfig={other}={PORT_CASE / f'{other}.sysconfig'}" for other in ("node1", "node2")]
    run = run_hostile([*args, str(PORT_CASE / "cib.xml")], expect=0)
    assert " PCS113 " not in run.stdout and " PCS005 " not in run.stdout


def test_a_suppression_on_another_line_does_not_cover_the_port_and_is_unused():
    text = ("# pcs-lint: disable=PCS113 wrong line\nPCMK_logfacility=daemon\nPCMK_remote_port=3122\n")
    findings = port_case_lint(remote1=text)
    assert sorted((f.rule, f.path.rsplit("/", 1)[-1] if f.rule == "PCS005" else "cib", f.line) for f in findings) == [
        ("PCS005", "remote1.env", 1),
        ("PCS113", "cib", line_of((PORT_CASE / "cib.xml").read_text(), '<primitive id="remote1"')),
    ]


@pytest.mark.parametrize("node", ["node1", "node2"])
def test_a_cluster_nodes_own_port_assignment_covers_only_its_own_finding(node):
    original = (PORT_CASE / f"{node}.sysconfig").read_text()
    suppressed = original.replace("PCMK_remote_port=", "# pcs-lint: disable=PCS113 tunnel\nPCMK_remote_port=")
    findings = port_case_lint(**{node: suppressed})
    assert [f.rule for f in findings] == ["PCS113"]
    assert f"cluster node {node} " not in findings[0].message


def test_disable_file_in_the_remote_hosts_file_covers_its_findings():
    text = "# pcs-lint: disable-file=remote-port-mismatch tunnelled\nPCMK_remote_port=3122\n"
    assert port_case_lint(remote1=text) == []
