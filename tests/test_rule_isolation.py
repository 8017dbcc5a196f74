"""Plugins that misbehave in ways ``except Exception`` does not catch, and rules that would change
what later rules see (issue 8, item 10), and rules that never finish (issue 8, "Also": the time
budget). Each plugin is installed for real (a package and its dist-info on PYTHONPATH) and run
through ``run_hostile``: every case is PCS000 naming the plugin and the rule, the other findings
are kept, the run exits 2, and ``--jobs 1`` and ``--jobs 2`` print the same report."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Rule
from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .conftest import SAMPLES
from .hostile import run_hostile
from .test_plugins import GOOD_PLUGIN, Plugin, install

# slow: every case runs pcs-lint in a child process (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

DUPLICATE_ID = SAMPLES / "bad" / "PCS201-duplicate-id.xml"  # PCS201 on 'web', and SITE001 (apache)
PORT_SAMPLE = SAMPLES / "bad" / "PCS115-sysconfig-port-invalid"


def rule_plugin(code: str, name: str, body: str, *, scope: str = "cib", prelude: str = "") -> str:
    """A plugin module with one rule whose check runs ``body`` (indented into ``def check(ctx)``)."""
    return (
        "from pcs_lint.findings import Problem, Severity, SourceLocation\n"
        "from pcs_lint.hookspecs import hookimpl\n"
        "from pcs_lint.rule import Rule\n"
        f"{textwrap.dedent(prelude)}\n"
        "def check(ctx):\n"
        f"{textwrap.indent(textwrap.dedent(body), '    ')}\n"
        "\n@hookimpl\ndef pcs_lint_rules():\n"
        f"    return [Rule({code!r}, {name!r}, Severity.WARNING, 'misbehaves', check, scope={scope!r})]\n"
    )


def plugin_env(site: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")]))
    env["PCS_LINT_DISABLE_PLUGIN_AUTOLOAD"] = ""  # run_hostile disables autoload unless told otherwise
    return env


def two_files(folder: Path, sample: Path) -> list[str]:
    """Two copies of one CIB, so that --jobs 2 really lints them in two worker processes."""
    copies = []
    for name in ("a.xml", "b.xml"):
        target = folder / "cibs" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(sample, target)
        copies.append(str(target))
    return copies


def lint_both_ways(site: Path, *args: str) -> list[dict]:
    """Run with --jobs 1 and --jobs 2; assert both print the same report and exit 2; the findings."""
    runs = [run_hostile(["--isolated", "--format", "json", "--jobs", jobs, *args], cwd=site, env=plugin_env(site),
                        expect=2)
            for jobs in ("1", "2")]
    assert runs[0].stdout == runs[1].stdout
    return json.loads(runs[0].stdout)["findings"]


def internal(findings: list[dict]) -> list[str]:
    return [f["message"] for f in findings if f["rule"] == "PCS000"]


def others(findings: list[dict]) -> list[tuple[str, str]]:
    return sorted({(f["rule"], Path(f["path"]).name) for f in findings if f["rule"] != "PCS000"})


# ------------------------------------------------------------------ BaseExceptions from plugins

LOAD_FAILURES = {
    "exit_at_import": ("raise SystemExit(0)\n", "cannot load entry point exit_at_import.plugin: SystemExit: 0"),
    "exit_in_hook": ("from pcs_lint.hookspecs import hookimpl\n\n@hookimpl\ndef pcs_lint_rules():\n"
                     "    raise SystemExit(0)\n", "pcs_lint_rules() raised SystemExit: 0"),
    "base_in_hook": ("from pcs_lint.hookspecs import hookimpl\n\nclass Stop(BaseException):\n    pass\n\n"
                     "@hookimpl\ndef pcs_lint_rules():\n    raise Stop('stop everything')\n",
                     "pcs_lint_rules() raised Stop: stop everything"),
    "bad_severity_record": ("from pcs_lint.hookspecs import hookimpl\nfrom pcs_lint.rule import Rule\n\n"
                            "@hookimpl\ndef pcs_lint_rules():\n"
                            "    return [Rule('SITE010', 'stringly', 'warning', 'severity as text', None)]\n",
                            "rule severity 'warning' is str, not Severity"),
}


def test_plugins_that_exit_or_raise_a_base_exception_while_loading(tmp_path):
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    for name, (source, _) in LOAD_FAILURES.items():
        install(tmp_path, name, source)
    findings = lint_both_ways(tmp_path, *two_files(tmp_path, DUPLICATE_ID))
    assert sorted(internal(findings)) == sorted(f"plugin {name!r} failed to load: {message}"
                                                for name, (_, message) in LOAD_FAILURES.items())
    assert others(findings) == [("PCS201", "a.xml"), ("PCS201", "b.xml"), ("SITE001", "a.xml"), ("SITE001", "b.xml")]


CHECK_FAILURES = {
    # name: (body of check(ctx), prelude, what the PCS000 message says after the rule's name)
    "exit_zero": ("raise SystemExit(0)\nyield", "", "crashed with SystemExit: 0"),
    "exit_in_generator": ("yield Problem('first')\nraise SystemExit(3)", "", "crashed with SystemExit: 3"),
    "generator_exit": ("raise GeneratorExit('odd')\nyield", "", "crashed with GeneratorExit: odd"),
    "own_base_exception": ("raise Stop('halt')\nyield", "class Stop(BaseException):\n    pass\n",
                           "crashed with Stop: halt"),
    "own_keyboard_interrupt": ("raise KeyboardInterrupt\nyield", "", "crashed with KeyboardInterrupt"),
    "bad_severity": ("yield Problem('x', severity='high')", "",
                     "yielded an invalid Problem: severity 'high' is not a pcs_lint.findings.Severity"),
    "bad_location_type": ("yield Problem('x', location='cib.xml:3')", "",
                          "yielded an invalid Problem: location is str, not a pcs_lint.findings.SourceLocation"),
    "bad_location_line": ("yield Problem('x', location=SourceLocation('cib.xml', line='3'))", "",
                          "yielded an invalid Problem: location line '3' is not a positive int"),
    "bad_location_path": ("yield Problem('x', location=SourceLocation(None, 3))", "",
                          "yielded an invalid Problem: location path is NoneType, not str"),
    "bad_message": ("yield Problem(['not', 'text'])", "", "yielded an invalid Problem: message is list, not str"),
    "not_a_problem": ("yield 'a string'", "", "yielded an invalid Problem: str is not a pcs_lint.findings.Problem"),
    "foreign_element": ("from lxml import etree\nyield Problem('x', element=etree.Element('made-up'))", "",
                        "yielded an invalid Problem: element <made-up> is not an element of the CIB"),
    "returns_none": ("return None", "", "crashed with TypeError"),
}


def test_checks_that_exit_raise_or_yield_nonsense_are_pcs000_naming_plugin_and_rule(tmp_path):
    # All at once: each is contained on its own, and none disturbs the others or the built-ins.
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    codes = {}
    for number, (name, (body, prelude, _)) in enumerate(sorted(CHECK_FAILURES.items()), start=1):
        codes[name] = f"AAA{number:03d}"
        install(tmp_path, name, rule_plugin(codes[name], f"misbehaving-rule-{number}", body, prelude=prelude))
    findings = lint_both_ways(tmp_path, *two_files(tmp_path, DUPLICATE_ID))
    messages = internal(findings)
    assert len(messages) == 2 * len(CHECK_FAILURES), messages  # once per file each
    for number, (name, (_, _, message)) in enumerate(sorted(CHECK_FAILURES.items()), start=1):
        prefix = f"rule {codes[name]} (misbehaving-rule-{number}) from plugin {name!r} "
        mine = [text for text in messages if text.startswith(prefix)]
        assert len(mine) == 2 and all(message in text for text in mine), (name, mine)
    assert others(findings) == [("PCS201", "a.xml"), ("PCS201", "b.xml"), ("SITE001", "a.xml"), ("SITE001", "b.xml")]


def test_text_output_keeps_the_report_when_a_check_exits(tmp_path):
    install(tmp_path, "exit_zero", rule_plugin("SITE002", "exits", "raise SystemExit(0)\nyield"))
    run = run_hostile(["--isolated", "--color", "never", str(DUPLICATE_ID)], cwd=tmp_path, env=plugin_env(tmp_path),
                      expect=2)
    assert f"{DUPLICATE_ID}: PCS000 rule SITE002 (exits) from plugin 'exit_zero' crashed with SystemExit: 0" in run.stdout
    assert " PCS201 " in run.stdout and run.stdout.rstrip().splitlines()[-1].startswith("Found 2 problems")


# ------------------------------------------------------------------ rules cannot change what others see

TREE_MUTATOR = """
for element in list(ctx.cib.elements("primitive")):
    element.getparent().remove(element)
ctx.cib.elements("resources")[0].set("changed", "yes")
yield Problem("removed every primitive", element=ctx.cib.elements("resources")[0])
"""


def test_a_rule_that_changes_the_tree_changes_nothing_for_other_rules(tmp_path):
    # AAA001 sorts before every built-in rule and SITE001: on main, they ran on the changed tree.
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    install(tmp_path, "tree_mutator", rule_plugin("AAA001", "tree-mutator", TREE_MUTATOR))
    # and one that changes the copy again, then crashes: the next rule must not see its change either
    install(tmp_path, "mutates_then_crashes", rule_plugin("AAA002", "mutates-then-crashes",
                                                          TREE_MUTATOR.replace("yield", "raise RuntimeError('late')\nyield")))
    findings = lint_both_ways(tmp_path, *two_files(tmp_path, DUPLICATE_ID))
    assert sorted(internal(findings)) == [
        "rule AAA001 (tree-mutator) from plugin 'tree_mutator' changed the CIB it was given (rules must only read "
        "it); its findings are dropped, and other rules saw the CIB unchanged"] * 2 + [
        "rule AAA002 (mutates-then-crashes) from plugin 'mutates_then_crashes' crashed with RuntimeError: late; "
        "other rules still ran (run with --debug for the traceback, and please report it)"] * 2
    assert others(findings) == [("PCS201", "a.xml"), ("PCS201", "b.xml"), ("SITE001", "a.xml"), ("SITE001", "b.xml")]
    # the SITE001 finding is placed in the original document, not in the rule's copy
    site = next(f for f in findings if f["rule"] == "SITE001")
    assert site["line"] == line_of(DUPLICATE_ID.read_text(), 'type="apache"') and site["object_id"] == "web"


def test_a_schema_finding_survives_a_rule_that_repairs_the_tree(tmp_path, pacemaker_schema_dir):
    # The case: a rule that made the document valid hid PCS903 (schema-invalid).
    invalid = tmp_path / "invalid.xml"
    invalid.write_text(cib(resources='      <primitive id="p1" class="ocf" provider="heartbeat" type="Dummy" '
                                     'bogus-attribute="1"/>'))
    repair = 'for element in ctx.cib.elements("primitive"):\n    element.attrib.pop("bogus-attribute", None)\nyield from ()'
    install(tmp_path, "repairs", rule_plugin("AAA001", "repairs-the-cib", repair))
    args = ["--isolated", "--format", "json", "--schema-dir", str(pacemaker_schema_dir), str(invalid)]
    run = run_hostile(args, cwd=tmp_path, env=plugin_env(tmp_path), expect=2)
    rules = [f["rule"] for f in json.loads(run.stdout)["findings"]]
    assert "PCS903" in rules and "PCS000" in rules


@pytest.mark.parametrize(
    "body",
    [
        "ctx.env_files.clear()\nyield from ()",
        "del ctx.env_files['node2']\nyield from ()",
        "ctx.env_files['node2'] = ctx.env_files['node1']\nyield from ()",
        "ctx.options['limit'] = 1\nyield from ()",
    ],
    ids=["clear", "delete", "replace", "options"],
)
def test_a_rule_cannot_change_the_environment_files_other_rules_read(tmp_path, body):
    # On main, clearing ctx.env_files in the first file hid PCS115, with --jobs 1 only.
    install(tmp_path, "env_mutator", rule_plugin("AAA001", "env-mutator", body))
    sysconfig = [f"--sysconfig={node}={PORT_SAMPLE / f'{node}.sysconfig'}" for node in ("node1", "node2")]
    findings = lint_both_ways(tmp_path, *sysconfig, *two_files(tmp_path, PORT_SAMPLE / "cib.xml"))
    messages = internal(findings)
    prefix = "rule AAA001 (env-mutator) from plugin 'env_mutator' crashed with "
    assert len(messages) == 2, messages
    assert all(m.startswith((prefix + "TypeError", prefix + "AttributeError")) for m in messages), messages
    assert ("PCS115", "node2.sysconfig") in others(findings)


def test_the_run_wide_mappings_are_read_only_in_process():
    seen = []

    def check(ctx):
        seen.append(ctx)
        yield from ()

    rule = Rule("SITE020", "looks", Severity.INFO, "looks", check)
    lint_text(cib(), select=["SITE020"], env={"node1": "PCMK_remote_port=3121\n"}, extra_plugins=(Plugin("p", [rule]),))
    (ctx,) = seen
    for mapping in (ctx.env_files, ctx.authkeys, ctx.options):
        with pytest.raises(TypeError):
            mapping["x"] = 1  # type: ignore[index]


# ------------------------------------------------------------------ the time budget

HANGS = {
    "busy_loop": "while True:\n    pass\nyield",
    "generator_never_yields": "yield Problem('before the loop')\nwhile True:\n    pass",
    "swallows_exception": "while True:\n    try:\n        while True:\n            pass\n    except Exception:\n"
                          "        pass\nyield",
    "sleeps": "import time\ntime.sleep(3600)\nyield",
    "hangs_in_finally": "try:\n    yield 'not a problem'\nfinally:\n    while True:\n        pass",
}


def test_rules_that_never_finish_are_stopped_within_their_budget(tmp_path):
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    for number, name in enumerate(sorted(HANGS), start=1):
        install(tmp_path, name, rule_plugin(f"AAA{number:03d}", f"never-finishes-{number}", HANGS[name]))
    # Only the rules of this test: the others' first call pays for lazy imports (jsonschema),
    # which a budget this small would count against them.
    findings = lint_both_ways(tmp_path, "--rule-timeout", "0.3", "--select", "PCS201,SITE,AAA",
                              *two_files(tmp_path, DUPLICATE_ID))
    messages = internal(findings)
    assert len(messages) == 2 * len(HANGS), messages
    for number, name in enumerate(sorted(HANGS), start=1):
        mine = [m for m in messages if m.startswith(f"rule AAA{number:03d} (never-finishes-{number}) from plugin {name!r} ")]
        assert len(mine) == 2, (name, messages)
        # hangs_in_finally: the invalid item ends the rule; closing its generator is what hangs
        assert all("did not finish within its time budget of 0.3 s and was stopped; its findings are dropped, "
                   "other rules still ran" in m for m in mine), mine
    assert others(findings) == [("PCS201", "a.xml"), ("PCS201", "b.xml"), ("SITE001", "a.xml"), ("SITE001", "b.xml")]


def test_plugins_that_hang_while_loading_are_stopped(tmp_path):
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    install(tmp_path, "hangs_at_import", "while True:\n    pass\n")
    install(tmp_path, "hangs_in_hook", "from pcs_lint.hookspecs import hookimpl\n\n@hookimpl\ndef pcs_lint_rules():\n"
                                       "    while True:\n        pass\n")
    run = run_hostile(["--isolated", "--format", "json", "--rule-timeout", "0.5", "--select", "PCS201,SITE",
                       str(DUPLICATE_ID)], cwd=tmp_path, env=plugin_env(tmp_path), expect=2)
    findings = json.loads(run.stdout)["findings"]
    assert sorted(internal(findings)) == [
        "plugin 'hangs_at_import' failed to load: cannot load entry point hangs_at_import.plugin: did not finish "
        "within 0.5 s and was stopped (the budget is --rule-timeout)",
        "plugin 'hangs_in_hook' failed to load: pcs_lint_rules() did not finish within 0.5 s and was stopped "
        "(the budget is --rule-timeout)",
    ]
    assert others(findings) == [("PCS201", DUPLICATE_ID.name), ("SITE001", DUPLICATE_ID.name)]


def test_the_budget_comes_from_the_config_file(tmp_path):
    install(tmp_path, "hangs", rule_plugin("AAA001", "never-finishes", HANGS["busy_loop"]))
    (tmp_path / ".pcs-lint.toml").write_text("rule-timeout = 0.2\n")
    run = run_hostile(["--format", "json", str(DUPLICATE_ID)], cwd=tmp_path, env=plugin_env(tmp_path), expect=2)
    assert any("time budget of 0.2 s" in m for m in internal(json.loads(run.stdout)["findings"]))


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_budget_that_is_not_a_positive_number_is_a_usage_error(tmp_path, value):
    run = run_hostile(["--isolated", "--rule-timeout", value, str(DUPLICATE_ID)], cwd=tmp_path, expect=2)
    assert "--rule-timeout" in run.stderr and run.stdout == ""


@pytest.mark.parametrize(("text", "expect"), [("inf", 0), ("1e300", 0), ("nan", 2), ("0", 2), ("-1", 2), ("'10'", 2)])
def test_budgets_in_the_config_file(tmp_path, text, expect):
    (tmp_path / ".pcs-lint.toml").write_text(f"rule-timeout = {text}\n")
    clean = tmp_path / "cib.xml"
    clean.write_text(cib())
    run = run_hostile([str(clean)], cwd=tmp_path, expect=expect)
    if expect == 2:
        assert run.stderr.startswith(f"pcs-lint: error: invalid config {tmp_path / '.pcs-lint.toml'}: rule-timeout: ")


def test_the_budget_in_process_stops_a_rule_and_keeps_the_others():
    def hang(ctx):
        while True:
            pass
        yield

    from pcs_lint.config import Config
    from pcs_lint.engine import lint_bytes
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry

    xml = cib(resources='      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>\n'
                        '      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>')
    rule = Rule("SITE030", "hangs", Severity.INFO, "hangs", hang)
    registry = load_registry(autoload=False, extra_plugins=(Plugin("hanging", [rule]),))
    plan = build_plan(registry, Config(), CliOptions(select=("SITE030", "PCS201"), rule_timeout=0.2))
    findings = lint_bytes(xml.encode(), "cib.xml", plan)
    assert sorted(f.rule for f in findings) == ["PCS000", "PCS201"]


def test_the_users_ctrl_c_still_stops_the_run(tmp_path):
    install(tmp_path, "hangs", rule_plugin("AAA001", "never-finishes", HANGS["busy_loop"]))
    child = subprocess.Popen([sys.executable, "-m", "pcs_lint", "--isolated", "--rule-timeout", "60",
                              str(DUPLICATE_ID)], cwd=tmp_path, env=plugin_env(tmp_path),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)  # loaded and inside the rule's loop
        child.send_signal(signal.SIGINT)
        stdout, stderr = child.communicate(timeout=20)
    finally:
        child.kill()
    assert child.returncode == 130, stderr  # the shell's code for SIGINT; no report, no PCS000
    assert "Traceback" not in stderr and stdout == ""


def test_built_in_rules_leave_every_sample_unchanged():
    """The built-in rules share one tree: they must be pure, which this checks on every sample."""
    from lxml import etree

    from pcs_lint.config import Config
    from pcs_lint.engine import _context
    from pcs_lint.model import build_index
    from pcs_lint.parse import XmlDocument, parse_xml
    from pcs_lint.planning import CliOptions, build_plan
    from pcs_lint.plugins import load_registry
    from pcs_lint.release import resolve

    plan = build_plan(load_registry(autoload=False), Config(), CliOptions())
    checked = 0
    for sample in sorted(SAMPLES.rglob("*.xml")):
        parsed = parse_xml(sample.read_bytes())
        if not isinstance(parsed, XmlDocument):
            continue
        before = etree.tostring(parsed.root)
        index = build_index(parsed.root)
        for rule in plan.rules:
            if rule.check is not None and rule.scope == "cib":
                list(rule.check(_context(rule, plan, index, str(sample), resolve(plan.release, index))))
                assert etree.tostring(parsed.root) == before, (rule.code, sample.name)
        checked += 1
    assert checked > 50


def test_problems_from_built_in_rules_are_checked_like_any_other():
    def check(ctx):
        yield Problem("fine", element=ctx.cib.elements("resources")[0], severity=Severity.ERROR)
        yield Problem("bad", severity=3)  # an int, not a Severity

    rule = Rule("SITE040", "mixed", Severity.INFO, "mixed", check)
    findings = lint_text(cib(), select=["SITE040"], extra_plugins=(Plugin("mixed", [rule]),))
    assert codes_lines(findings) == [("PCS000", None)]
    assert "severity 3 is not a pcs_lint.findings.Severity" in findings[0].message


def test_the_load_budget_applies_to_plugins_not_to_the_built_in_rules():
    from pcs_lint.plugins import load_registry

    registry = load_registry(autoload=False, timeout=1e-9)
    assert registry.errors == () and registry.find("PCS201") is not None
