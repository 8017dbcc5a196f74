"""The pcs commands in the bad samples' hints really fix the finding.

For every finding a bad sample gives, the pcs (and cibadmin) commands its hint names are run on
a copy of the sample, offline (`pcs -f FILE ...`, `CIB_file=FILE cibadmin ...`), and the copy is
linted again: every command must succeed and the finding must be gone. Other rules may fire on
the result (a hint fixes one problem, not the whole file).

How a hint is read (the convention hints follow, see docs/writing-rules.md):
- a command starts with `pcs <area>` or `cibadmin --` and ends at "; ", ", ", " (", ")", two
  spaces or the end of the hint (quotes may hold any of these);
- a command introduced by "or" / "otherwise" is an alternative to the step before it (for
  example "pcs resource delete X, then pcs cluster node add-remote X HOST (or pcs resource
  create X ...)"): each alternative is verified on a fresh copy;
- a command introduced by "if" after an earlier step is an optional extra step that depends on
  what the user meant, and is not run;
- upper-case words such as NODE, HOST, NEW-NAME are placeholders the user fills in: the test
  fills them with values that exist in the sample;
- a command with "..." is an outline, not a command; read-only commands (pcs stonith list) are
  not fix steps. Both are skipped.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from pcs_lint.config import Config, load
from pcs_lint.findings import Finding
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.runner import run

from .conftest import SAMPLES

PCS = shutil.which("pcs")
CIBADMIN = shutil.which("cibadmin")
pytestmark = pytest.mark.skipif(PCS is None or CIBADMIN is None, reason="pcs is not installed (apt-get install pcs)")

REGISTRY = load_registry(autoload=False)

_PCS_AREAS = "resource|constraint|stonith|property|cluster|node|tag|alert|acl|quorum"
_COMMAND_START = re.compile(rf"\bpcs (?:{_PCS_AREAS})\b|\bcibadmin --")
# A command ends at one of these, unless it is inside quotes.
_TERMINATORS = ("; ", ", ", " (", ")", "  ")
_ALTERNATIVE = re.compile(r"\b(?:or|otherwise)\b")
_CONDITION = re.compile(r"\bif\b")
# Commands that only show something: named in hints as help, never a fix step.
_READ_ONLY = ("pcs stonith list", "pcs stonith level verify", "pcs constraint ref", "pcs resource describe")
# Commands pcs runs only on a live cluster (it refuses -f) or that open an editor.
_LIVE_ONLY = ("pcs cluster node clear", "pcs cluster edit")
OUTLINE = "an outline with '...', not a command"
# pcs 0.11 silently ignores stray words ("pcs resource update r1 port=3122 so that ..." works),
# so a hint whose prose runs on after a command would pass unnoticed: no pcs syntax uses these.
_PROSE = {"so", "that", "the", "and", "to", "if", "it", "its", "of", "is", "every", "instead", "or", "otherwise"}


@dataclass(frozen=True)
class Step:
    command: str
    runnable: bool  # False: an outline with "...", or a command pcs runs only on a live cluster
    why_not: str = ""


def commands_in(hint: str) -> list[tuple[str, str]]:
    """(text before the command since the previous one, the command) for each command in a hint."""
    found = []
    position = 0
    while (start := _COMMAND_START.search(hint, position)) is not None:
        end = _command_end(hint, start.start())
        found.append((hint[position:start.start()], hint[start.start():end].strip()))
        position = end
    return found


def _command_end(hint: str, start: int) -> int:
    quote = None
    for index in range(start, len(hint)):
        char = hint[index]
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif any(hint.startswith(t, index) for t in _TERMINATORS):
            return index
    return len(hint)


def plans_in(hint: str) -> list[list[Step]]:
    """The ways of fixing the problem a hint offers, each a list of steps run in order."""
    plans: list[list[Step]] = []
    for before, command in commands_in(hint):
        if command.startswith(_READ_ONLY):
            continue  # named as help ("pcs stonith list shows the agents"), not a fix step
        step = _step(command)
        if not plans:
            plans.append([step])
        elif _ALTERNATIVE.search(before):
            plans.append(plans[-1][:-1] + [step])
        elif _CONDITION.search(before):
            continue  # an optional extra step: it depends on what the user meant
        else:
            plans[-1].append(step)
    # A plan made only of outlines shows the shape of a fix, it is not one.
    return [plan for plan in plans if any(step.why_not != OUTLINE for step in plan)]


def _step(command: str) -> Step:
    if "..." in command:
        return Step(command, False, OUTLINE)
    if command.startswith(_LIVE_ONLY):
        return Step(command, False, "pcs runs it only on a live cluster")
    return Step(command, True)


def fill_placeholders(command: str, cib_file: Path) -> str:
    """Put values that exist in the sample where the hint has a placeholder."""
    root = etree.parse(str(cib_file)).getroot()
    nodes = [n.get("uname") for n in root.iter("node") if n.get("type") in (None, "member")]
    mentioned = set(re.findall(r"[\w.-]+", command))
    others = [p.get("id") for p in root.iter("primitive")
              if p.get("class") != "stonith" and p.get("id") not in mentioned]
    values = {
        "NEW-NAME": "guest-new", "HOST": "192.0.2.50", "ADDRESS": "192.0.2.60",
        "USER": "admin", "PASSWORD": "secret", "NODE": nodes[0] if nodes else "node1",
        "OTHER-RESOURCE": others[0] if others else "OTHER", "<first free IPv4 address>": "192.0.2.100",
    }
    for placeholder, value in values.items():
        command = re.sub(rf"(?<![\w<-]){re.escape(placeholder)}(?![\w>-])", value, command)
    return command


def lint_sample(sample: Path) -> tuple[Finding, ...]:
    """Lint a bad sample as a user would: a directory with its own config."""
    if sample.is_dir():
        config_file = sample / ".pcs-lint.toml"
        config = load(config_file) if config_file.exists() else Config()
        target = sample / "cib.xml"
    else:
        config, target = Config(), sample
    return run([str(target)], build_plan(REGISTRY, config, CliOptions())).findings


def installed_feature_set() -> str:
    empty = subprocess.run([CIBADMIN, "--empty"], capture_output=True, text=True, check=True).stdout
    return etree.fromstring(empty.encode()).get("crm_feature_set")


def copy_sample(sample: Path, into: Path) -> tuple[Path, Path]:
    """Copy a sample; give its CIB the crm_feature_set a live cluster always writes (pcs
    applies some changes, e.g. add-remote, as a patch that cibadmin refuses without it)."""
    copy = into / sample.name
    if sample.is_dir():
        shutil.copytree(sample, copy)
        cib_file = copy / "cib.xml"
    else:
        shutil.copy(sample, copy)
        cib_file = copy
    text = cib_file.read_text(encoding="utf-8")
    if "crm_feature_set=" not in text:
        text = text.replace("<cib ", f'<cib crm_feature_set="{installed_feature_set()}" ', 1)
        cib_file.write_text(text, encoding="utf-8")
    return copy, cib_file


def run_step(command: str, cib_file: Path) -> subprocess.CompletedProcess:
    argv = shlex.split(command)
    env = dict(os.environ, LC_ALL="C")
    if argv[0] == "pcs":
        argv = [PCS, "-f", str(cib_file), *argv[1:]]
    else:
        argv = [CIBADMIN, *argv[1:]]
        env["CIB_file"] = str(cib_file)
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)


def _bad_samples() -> list[Path]:
    return sorted(p for p in (SAMPLES / "bad").iterdir() if p.suffix == ".xml" or p.is_dir())


def _cases():
    for sample in _bad_samples():
        for index, finding in enumerate(lint_sample(sample), 1):
            for number, plan in enumerate(plans_in(finding.hint or ""), 1):
                yield pytest.param(sample, finding, plan, id=f"{sample.name.split('-')[0]}-{index}-{number}")


CASES = list(_cases())


def test_the_hint_reader():
    hint = ("define it: pcs resource delete r1, then pcs cluster node add-remote r1 HOST "
            "(or pcs resource create r1 ocf:pacemaker:remote server=HOST --force); "
            "if it was meant elsewhere: pcs constraint location r1 prefers NODE")
    assert [[s.command for s in plan] for plan in plans_in(hint)] == [
        ["pcs resource delete r1", "pcs cluster node add-remote r1 HOST"],
        ["pcs resource delete r1", "pcs resource create r1 ocf:pacemaker:remote server=HOST --force"],
    ]
    assert commands_in("pcs has no command: cibadmin --delete --xml-text '<node id=\"3\"/>' (x)") == [
        ("pcs has no command: ", "cibadmin --delete --xml-text '<node id=\"3\"/>'")]
    assert plans_in("create one (pcs stonith list shows the agents)") == []
    assert [s.runnable for s in plans_in("pcs stonith create NAME AGENT ..., then pcs property set a=b")[0]] == [False, True]


def test_some_hints_are_verified():
    # The samples name pcs commands in most hints: an empty list means the reader is broken.
    assert len(CASES) >= 40


# Findings about the file itself that any rewrite by pcs may change (pcs writes the schema it
# knows): not another rule's territory.
_FOLLOW_UPS = frozenset({"PCS902"})


@pytest.mark.parametrize(("sample", "finding", "plan"), CASES)
def test_hint_fixes_the_finding(sample, finding, plan, tmp_path):
    not_runnable = [s for s in plan if not s.runnable and s.why_not != OUTLINE]
    if not_runnable:
        pytest.skip(f"{not_runnable[0].command!r}: {not_runnable[0].why_not}")
    for step in plan:
        prose = _PROSE.intersection(shlex.split(step.command))
        assert not prose, f"{step.command!r} runs on into the hint's prose ({sorted(prose)}): end it with a comma"
    copy, cib_file = copy_sample(sample, tmp_path)
    before = {(f.rule, f.object_id, f.message) for f in lint_sample(copy)}
    for step in plan:
        if not step.runnable:
            continue
        command = fill_placeholders(step.command, cib_file)
        result = run_step(command, cib_file)
        assert result.returncode == 0, f"{command!r} failed: {result.stderr or result.stdout}"
    # One object can have several findings of one rule (PCS408: two meta attributes of one
    # resource): the message tells them apart.
    remaining = [(f.rule, f.object_id, f.message) for f in lint_sample(copy)]
    assert (finding.rule, finding.object_id, finding.message) not in remaining, (
        f"{finding.rule} on {finding.object_id} is still reported after {[s.command for s in plan]}")
    # Nor does the fix lead into another rule's territory unannounced: following one finding's
    # hint gives no finding that was not there before, unless the hint names that rule (PCS208's
    # old "colocate the group" for a remote connection gave a constraint PCS104's fix rules out).
    new = sorted({(rule, object_id) for rule, object_id, message in remaining
                  if (rule, object_id, message) not in before and rule not in _FOLLOW_UPS
                  and rule not in (finding.hint or "")})
    assert not new, f"{[s.command for s in plan]} for {finding.rule} leads to new findings {new}"
