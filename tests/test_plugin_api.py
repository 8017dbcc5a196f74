"""What a plugin author imports: everything from ``pcs_lint`` itself, loaded lazily; and a rule
whose doc was not shipped says so instead of explaining nothing."""

from __future__ import annotations

import subprocess
import sys

import pcs_lint
from pcs_lint import findings, hookspecs, rule
from pcs_lint.rule import NO_DOC, rule_doc

from .test_plugins import install
from .test_plugins import pcs_lint as run_pcs_lint

PLUGIN_WITH_DOC = '''
from pcs_lint import Context, Problem, Rule, Severity, hookimpl, rule_doc


def check(ctx: Context):
    yield Problem("site policy", element=ctx.cib.root)


RULE = Rule(code="SITE001", name="site-policy", severity=Severity.WARNING, summary="the site's policy",
            check=check, doc=rule_doc(__name__))


@hookimpl
def pcs_lint_rules():
    return [RULE]
'''


def test_one_import_gives_a_plugin_author_everything():
    from pcs_lint import Context, Problem, Rule, Severity, SourceLocation, hookimpl
    from pcs_lint import rule_doc as exported_rule_doc

    assert (Rule, Context, exported_rule_doc) == (rule.Rule, rule.Context, rule.rule_doc)
    assert (Problem, Severity, SourceLocation) == (findings.Problem, findings.Severity, findings.SourceLocation)
    assert hookimpl is hookspecs.hookimpl
    assert {"Rule", "Problem", "Severity", "Context", "hookimpl", "rule_doc"} <= set(pcs_lint.__all__)
    assert {"Rule", "hookimpl"} <= set(dir(pcs_lint))


def test_an_unknown_name_is_an_attribute_error():
    try:
        pcs_lint.NotAThing  # noqa: B018
    except AttributeError as error:
        assert "NotAThing" in str(error)
    else:
        raise AssertionError("pcs_lint.NotAThing did not raise")


def test_importing_pcs_lint_stays_light():
    code = ("import sys, pcs_lint; heavy = ('lxml', 'jsonschema', 'pluggy', 'typer');"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m.startswith('pcs_lint.')))")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert completed.stdout.strip() == "[]"


def test_a_missing_doc_is_a_visible_placeholder():
    doc = rule_doc("site_rules_without_docs.plugin")
    assert doc.startswith(NO_DOC) and "site_rules_without_docs/plugin.md" in doc and "package data" in doc
    assert not rule.Rule("SITE001", "site-policy", findings.Severity.WARNING, "s", None, doc=doc).documented
    assert rule.Rule("SITE001", "site-policy", findings.Severity.WARNING, "s", None, doc="# SITE001\n").documented


def test_explain_says_a_plugin_ships_no_doc(tmp_path):
    install(tmp_path, "site_rules", PLUGIN_WITH_DOC)
    completed = run_pcs_lint(tmp_path, "explain", "SITE001")
    assert completed.returncode == 0
    assert completed.stdout.startswith("SITE001 site-policy (warning): the site's policy\n\n")
    assert ("plugin 'site_rules' ships no documentation for SITE001: site_rules/plugin.md is not installed"
            in completed.stdout)


def test_explain_prints_a_plugin_doc_shipped_beside_its_module(tmp_path):
    install(tmp_path, "site_rules", PLUGIN_WITH_DOC)
    (tmp_path / "site_rules" / "plugin.md").write_text("# SITE001 site-policy\n\nWhy the site wants it.\n")
    completed = run_pcs_lint(tmp_path, "explain", "site-policy")
    assert completed.returncode == 0
    assert completed.stdout == "# SITE001 site-policy\n\nWhy the site wants it.\n"
