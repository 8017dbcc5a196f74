"""Third-party plugins installed for real (a package and its *.dist-info on PYTHONPATH, found
through the ``pcs_lint`` entry-point group), and every way a plugin can fail: each becomes PCS000
naming it, the other findings are still reported, and the run exits 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pcs_lint.findings import Problem, Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.plugins import load_registry
from pcs_lint.rule import Rule
from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .conftest import SAMPLES

BAD_SAMPLE = SAMPLES / "bad" / "PCS201-duplicate-id.xml"

GOOD_PLUGIN = '''
from pcs_lint.findings import Problem, Severity
from pcs_lint.hookspecs import hookimpl
from pcs_lint.rule import Rule


def check(ctx):
    for resource in ctx.cib.resources.values():
        if resource.kind == "primitive" and resource.agent and resource.agent.type == "apache":
            yield Problem(f"site policy: use nginx, not apache, for {resource.id!r}",
                          element=resource.element, hint="pcs resource delete " + resource.id)


RULE = Rule(code="SITE001", name="no-apache", severity=Severity.WARNING,
            summary="the site uses nginx", check=check)


@hookimpl
def pcs_lint_rules():
    return [RULE]
'''

BROKEN_PLUGINS = {
    # name: (module source, what the PCS000 message says)
    "broken_import": ("import site_module_that_does_not_exist\n",
                      "cannot load entry point broken_import.plugin: ModuleNotFoundError"),
    "hook_raises": ("from pcs_lint.hookspecs import hookimpl\n\n@hookimpl\ndef pcs_lint_rules():\n"
                    "    raise RuntimeError('boom in the hook')\n",
                    "pcs_lint_rules() raised RuntimeError: boom in the hook"),
    "not_a_rule": ("from pcs_lint.hookspecs import hookimpl\n\n@hookimpl\ndef pcs_lint_rules():\n"
                   "    return ['SITE009']\n",
                   "returned str, not a pcs_lint.rule.Rule"),
    "clashing": ("from pcs_lint.findings import Severity\nfrom pcs_lint.hookspecs import hookimpl\n"
                 "from pcs_lint.rule import Rule\n\n@hookimpl\ndef pcs_lint_rules():\n"
                 "    return [Rule('PCS201', 'my-duplicate-id', Severity.ERROR, 'mine', None)]\n",
                 "rule PCS201 (my-duplicate-id) clashes with 'PCS201' already registered by builtin"),
    "check_raises": ("from pcs_lint.findings import Severity\nfrom pcs_lint.hookspecs import hookimpl\n"
                     "from pcs_lint.rule import Rule\n\ndef check(ctx):\n    raise KeyError('oops')\n    yield\n\n"
                     "@hookimpl\ndef pcs_lint_rules():\n"
                     "    return [Rule('SITE002', 'always-crashes', Severity.ERROR, 'crashes', check)]\n",
                     "rule SITE002 (always-crashes) from plugin 'check_raises' crashed with KeyError: 'oops'"),
}


def install(site: Path, name: str, source: str, version: str = "1.2.3") -> None:
    """Install a one-module distribution the way pip would: the package and its dist-info."""
    package = site / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "plugin.py").write_text(textwrap.dedent(source))
    dist_info = site / f"{name}-{version}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")
    (dist_info / "entry_points.txt").write_text(f"[pcs_lint]\n{name} = {name}.plugin\n")


def pcs_lint(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    env.pop("NO_COLOR", None)
    completed = subprocess.run([sys.executable, "-m", "pcs_lint", *args], capture_output=True, text=True,
                               env=env, timeout=120, cwd=site)
    assert "Traceback" not in completed.stdout + completed.stderr, completed.stderr
    return completed


@pytest.fixture(scope="module")
def good_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    install(site, "site_rules", GOOD_PLUGIN)
    return site


# ------------------------------------------------------------------ a working plugin


def test_listed_by_rules_and_version(good_site):
    listed = pcs_lint(good_site, "rules")
    assert listed.returncode == 0, listed.stderr
    line = next(line for line in listed.stdout.splitlines() if line.startswith("SITE001"))
    assert "no-apache" in line and "warning" in line and line.endswith("(plugin site_rules)")
    as_json = json.loads(pcs_lint(good_site, "rules", "--format", "json").stdout)
    assert {"code": "SITE001", "name": "no-apache", "severity": "warning", "summary": "the site uses nginx",
            "plugin": "site_rules"} in as_json
    version = pcs_lint(good_site, "--version")
    assert version.returncode == 0
    assert "  plugin site_rules 1.2.3: 1 rules" in version.stdout.splitlines()


@pytest.mark.parametrize("selector", ["SITE001", "no-apache", "SITE"])
def test_selected_by_code_name_or_prefix_and_reported_in_text(good_site, selector):
    completed = pcs_lint(good_site, "--isolated", "--select", selector, str(BAD_SAMPLE))
    assert completed.returncode == 1
    findings = [line for line in completed.stdout.splitlines() if ": SITE001 " in line]
    line = line_of(BAD_SAMPLE.read_text(), 'type="apache"')
    assert findings == [f"{BAD_SAMPLE}:{line}:7: SITE001 site policy: use nginx, not apache, for 'web' [no-apache]"]
    assert " PCS201 " not in completed.stdout


def test_reported_in_json_with_every_other_rule(good_site):
    completed = pcs_lint(good_site, "--isolated", "--format", "json", str(BAD_SAMPLE))
    assert completed.returncode == 1
    findings = json.loads(completed.stdout)["findings"]
    assert [(f["rule"], f["object_id"]) for f in findings] == [("SITE001", "web"), ("PCS201", "web")]
    assert findings[0]["hint"] == "pcs resource delete web" and findings[0]["severity"] == "warning"


def test_ignored_like_any_rule(good_site):
    completed = pcs_lint(good_site, "--isolated", "--ignore", "no-apache", "--format", "json", str(BAD_SAMPLE))
    assert [f["rule"] for f in json.loads(completed.stdout)["findings"]] == ["PCS201"]


def test_autoload_can_be_switched_off(good_site):
    env = {**os.environ, "PYTHONPATH": str(good_site), "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    completed = subprocess.run([sys.executable, "-m", "pcs_lint", "rules"], capture_output=True, text=True,
                               env=env, timeout=120)
    assert completed.returncode == 0 and "SITE001" not in completed.stdout


# ------------------------------------------------------------------ broken plugins


@pytest.mark.parametrize("name", sorted(BROKEN_PLUGINS))
def test_each_broken_plugin_is_pcs000_naming_it_and_exit_2(tmp_path, name):
    source, message = BROKEN_PLUGINS[name]
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    install(tmp_path, name, source)
    completed = pcs_lint(tmp_path, "--isolated", "--format", "json", str(BAD_SAMPLE))
    assert completed.returncode == 2, completed.stderr
    findings = json.loads(completed.stdout)["findings"]
    internal = [f for f in findings if f["rule"] == "PCS000"]
    assert len(internal) == 1 and message in internal[0]["message"], internal
    assert name in internal[0]["message"]
    assert internal[0]["severity"] == "error" and internal[0]["name"] == "internal-error"
    # every other rule still ran, the plugin's good neighbour included
    assert sorted(f["rule"] for f in findings if f["rule"] != "PCS000") == ["PCS201", "SITE001"]


def test_all_broken_plugins_at_once_in_text(tmp_path):
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    for name, (source, _) in BROKEN_PLUGINS.items():
        install(tmp_path, name, source)
    completed = pcs_lint(tmp_path, "--isolated", "--color", "never", str(BAD_SAMPLE))
    assert completed.returncode == 2
    lines = completed.stdout.splitlines()
    internal = [line for line in lines if " PCS000 " in line]
    assert len(internal) == len(BROKEN_PLUGINS)
    for name, (_, message) in BROKEN_PLUGINS.items():
        assert any(message in line for line in internal), name
    # load failures are reported against <plugins>, the crash against the file it happened on
    assert sum(line.startswith("<plugins>: PCS000 ") for line in internal) == len(BROKEN_PLUGINS) - 1
    assert sum(line.startswith(f"{BAD_SAMPLE}: PCS000 ") for line in internal) == 1
    assert any(" PCS201 " in line for line in lines) and any(" SITE001 " in line for line in lines)


def test_broken_plugins_in_rules_and_version(tmp_path):
    install(tmp_path, "site_rules", GOOD_PLUGIN)
    install(tmp_path, "hook_raises", BROKEN_PLUGINS["hook_raises"][0])
    listed = pcs_lint(tmp_path, "rules")
    assert listed.returncode == 2 and "SITE001" in listed.stdout
    assert listed.stderr == ("pcs-lint: error: plugin 'hook_raises' failed to load: "
                             "pcs_lint_rules() raised RuntimeError: boom in the hook\n")
    version = pcs_lint(tmp_path, "--version")
    assert "  plugin hook_raises: failed to load (pcs_lint_rules() raised RuntimeError: boom in the hook)" in version.stdout


def test_debug_shows_the_traceback_of_a_crashing_check(tmp_path):
    install(tmp_path, "check_raises", BROKEN_PLUGINS["check_raises"][0])
    env = {k: v for k, v in os.environ.items() if k != "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD"}
    env["PYTHONPATH"] = str(tmp_path)
    completed = subprocess.run([sys.executable, "-m", "pcs_lint", "--isolated", "--debug", str(BAD_SAMPLE)],
                               capture_output=True, text=True, env=env, timeout=120)
    assert completed.returncode == 2
    assert "Traceback" in completed.stderr and "KeyError: 'oops'" in completed.stderr


# ------------------------------------------------------------------ in process, no install


class Plugin:
    """A plugin object for lint_text(extra_plugins=...): how plugin authors test their rules."""

    def __init__(self, name: str, rules) -> None:
        self.__name__ = name
        self._rules = rules

    @hookimpl
    def pcs_lint_rules(self):
        return self._rules() if callable(self._rules) else self._rules


def test_plugin_rules_run_in_lint_text():
    def check(ctx):
        for primitive in ctx.cib.elements("primitive"):
            if primitive.get("type") == "Dummy":
                yield Problem(f"resource {primitive.get('id')!r} is a Dummy", element=primitive)

    xml = cib(resources='      <primitive id="d1" class="ocf" provider="pacemaker" type="Dummy"/>')
    rule = Rule("SITE003", "no-dummy", Severity.INFO, "no Dummy", check)
    findings = lint_text(xml, select=["SITE003"], extra_plugins=(Plugin("mine", [rule]),))
    assert codes_lines(findings) == [("SITE003", line_of(xml, 'id="d1"'))]
    assert findings[0].object_id == "d1" and findings[0].severity is Severity.INFO


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([Rule("site001", "x", Severity.INFO, "s", None)], "rule code 'site001' is not letters followed by three digits"),
        ([Rule("SITE004", "Not_Kebab", Severity.INFO, "s", None)], "rule name 'Not_Kebab' of SITE004 is not kebab-case"),
        ([Rule("SITE005", "duplicate-id", Severity.INFO, "s", None)], "clashes with 'duplicate-id' already registered by builtin"),
        (lambda: 42, "pcs_lint_rules() raised TypeError"),
    ],
    ids=["bad-code", "bad-name", "clashing-name", "not-iterable"],
)
def test_invalid_rule_records_are_load_errors(rules, message):
    registry = load_registry(autoload=False, extra_plugins=(Plugin("odd", rules),))
    assert [e.plugin for e in registry.errors] == ["odd"]
    assert message in registry.errors[0].message
    assert registry.find("PCS201") is not None  # the built-ins are untouched


def test_a_misspelt_hook_is_reported():
    class Misspelt:
        __name__ = "misspelt"

        @hookimpl
        def pcs_lint_rule(self):  # not a hook pcs-lint has
            return []

    registry = load_registry(autoload=False, extra_plugins=(Misspelt(),))
    assert len(registry.errors) == 1 and "pcs_lint_rule" in registry.errors[0].message


def test_a_plugin_registered_twice_is_a_load_error():
    plugin = Plugin("twice", [])
    registry = load_registry(autoload=False, extra_plugins=(plugin, plugin))
    assert [e.plugin for e in registry.errors] == ["twice"]


def test_a_trylast_plugin_cannot_displace_a_built_in_rule():
    class Pushy:
        __name__ = "pushy"

        @hookimpl(trylast=True)
        def pcs_lint_rules(self):
            return [Rule("PCS201", "my-duplicate-id", Severity.INFO, "mine", None)]

    registry = load_registry(autoload=False, extra_plugins=(Pushy(),))
    assert registry.find("PCS201").plugin == "builtin" and registry.find("PCS201").name == "duplicate-id"
    assert [e.plugin for e in registry.errors] == ["pushy"]
