"""The command line, the --jobs runner and the plugin authors' test helper go through one pipeline
(lint/pipeline.py): what one reports, the others report too."""

from __future__ import annotations

import json
import types
from pathlib import Path

from pcs_lint.config import Config
from pcs_lint.findings import Problem, Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.pipeline import CibInput, lint_inputs
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.rule import Rule
from pcs_lint.runner import run
from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .test_plugins import install, pcs_lint

# A plugin that takes a built-in rule's code: refused at load time, which must be a PCS000.
STEALING_PLUGIN = '''
from pcs_lint.findings import Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.rule import Rule


@hookimpl
def pcs_lint_rules():
    return [Rule("PCS104", "my-remote-check", Severity.ERROR, "mine", lambda ctx: ())]
'''
STOLEN = "rule PCS104 (my-remote-check) clashes with 'PCS104' already registered by builtin"


# The same plugin as a module object, for the in-process entry points.
Stealing = types.ModuleType("stealing")
exec(compile(STEALING_PLUGIN, "stealing", "exec"), Stealing.__dict__)


def _load_errors(findings) -> list[tuple[str, str, str | None]]:
    return [(f.path, f.rule, f.object_id) for f in findings if f.rule == "PCS000" and STOLEN in f.message]


def test_a_plugin_load_error_reaches_the_test_helper():
    findings = lint_text(cib(), select=["PCS201"], extra_plugins=(Stealing,))
    assert _load_errors(findings) == [("<plugins>", "PCS000", "stealing")]


def test_a_plugin_load_error_reaches_the_jobs_runner(tmp_path):
    files = []
    for number in range(3):
        file = tmp_path / f"cib{number}.xml"
        file.write_text(cib())
        files.append(str(file))
    registry = load_registry(autoload=False, extra_plugins=(Stealing,))
    plan = build_plan(registry, Config(), CliOptions(select=("PCS201",)))
    parallel = run(files, plan, jobs=2)
    assert _load_errors(parallel.findings) == [("<plugins>", "PCS000", "stealing")]
    assert parallel.findings == run(files, plan, jobs=1).findings
    assert parallel.files == tuple(files)


def test_a_plugin_load_error_reaches_the_command_line(tmp_path):
    install(tmp_path, "stealing", STEALING_PLUGIN)
    sample = tmp_path / "cib.xml"
    sample.write_text(cib())
    completed = pcs_lint(tmp_path, "--isolated", "--format", "json", "--select", "PCS201", str(sample))
    assert completed.returncode == 2, completed.stderr
    internal = [(f["path"], f["rule"], f["object_id"]) for f in json.loads(completed.stdout)["findings"]
                if f["rule"] == "PCS000" and STOLEN in f["message"]]
    assert internal == [("<plugins>", "PCS000", "stealing")]


def test_the_baseline_is_a_stage_of_the_pipeline(tmp_path):
    xml = cib(resources='      <primitive id="r1" class="ocf" provider="heartbeat" type="Dummy"/>\n'
                        '      <primitive id="r1" class="ocf" provider="pacemaker" type="Stateful"/>\n')
    registry = load_registry(autoload=False)
    plan = build_plan(registry, Config(), CliOptions(select=("PCS201",)))
    first = lint_inputs([CibInput("cib.xml", "cib.xml", xml.encode())], plan)
    assert codes_lines(first.findings) == [("PCS201", line_of(xml, 'type="Stateful"'))]
    from pcs_lint import baseline

    recorded = tmp_path / "baseline.json"
    baseline.write(first.findings, recorded)
    second = lint_inputs([CibInput("cib.xml", "cib.xml", xml.encode())], plan, baseline=recorded)
    assert second.findings == ()
    assert second.baseline == {"file": str(recorded), "matched": 1, "fixed": 0}


def test_documents_already_read_are_not_read_again(tmp_path):
    """The test helper's text is linted as given: no file of that name is opened."""
    registry = load_registry(autoload=False)
    plan = build_plan(registry, Config(), CliOptions(select=("PCS001",)))
    missing = str(tmp_path / "not-there.xml")
    result = lint_inputs([CibInput(missing, "given.xml", b"<cib")], plan)
    assert result.errors == () and result.files == ("given.xml",)
    assert [(f.path, f.rule) for f in result.findings] == [("given.xml", "PCS001")]
    assert not Path(missing).exists()


def test_a_problem_of_a_plugin_passed_to_the_helper_is_reported():
    class Site:

        @staticmethod
        @hookimpl
        def pcs_lint_rules():
            def check(ctx):
                yield Problem("site policy", element=ctx.cib.root)

            return [Rule("SITE001", "site-policy", Severity.WARNING, "policy", check)]

    assert codes_lines(lint_text(cib(), select=["SITE001"], extra_plugins=(Site,))) == [("SITE001", 1)]  # the <cib> element
