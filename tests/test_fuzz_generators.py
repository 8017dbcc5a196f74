"""The fuzzer (benchmarks/fuzz_rules.py, fuzz_hostile.py) kept from rotting: each generator makes
what it claims, and each verdict (ok, crash, hang, memory) is given when it should be.

Not a zero-crash check: that is the fuzzer's own run over the merged code. These tests pass on
code that still crashes on some mutants, and fail when a generator or the classification breaks.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from lxml import etree

from pcs_lint.findings import Severity
from pcs_lint.rule import Rule

from .conftest import ROOT, SAMPLES

sys.path.insert(0, str(ROOT / "benchmarks"))
import fuzz_hostile as hostile  # noqa: E402
import fuzz_rules  # noqa: E402

SOURCES = sorted(SAMPLES.rglob("*.xml"))
SEED = 20261128


@pytest.fixture(scope="module")
def fuzzer() -> fuzz_rules.Fuzzer:
    return fuzz_rules.Fuzzer(SOURCES, SEED)


def mutants_of(fuzzer: fuzz_rules.Fuzzer, kind: str, count: int = 4) -> list[hostile.Mutant]:
    only = fuzz_rules.Fuzzer.__new__(fuzz_rules.Fuzzer)  # the same sources and plan, one class
    only.__dict__.update(fuzzer.__dict__, classes={kind: 1})
    made = [only.mutant(number) for number in range(count)]
    assert {m.kind for m in made} == {kind}
    return made


def decoded(mutant: hostile.Mutant) -> str:
    data = mutant.data
    for bom in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if mutant.codec in ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be") and data.startswith(bom):
            data = data[len(bom):]
            break
    return data.decode(mutant.codec)


# ---------------------------------------------------------------- generators make what they claim


def test_shared_codecs_are_decoded_by_both_python_and_libxml2() -> None:
    shared = dict(hostile.shared_codecs())
    assert {"utf_7", "utf_16", "utf_16_le", "utf_32_be", "utf_8", "cp037", "cp500"} <= set(shared)
    declared = shared["utf_16_le"][0]
    document = f'<?xml version="1.0" encoding="{declared}"?><cib a="é"/>'.encode("utf_16_le")
    assert etree.fromstring(document).get("a") == "é"


def test_encoding_mutants_carry_a_doctype_under_the_declared_encoding(fuzzer) -> None:
    made = mutants_of(fuzzer, "encoding", 40)
    assert len({m.codec for m in made}) >= 5
    for mutant in made:
        text = decoded(mutant)
        assert text.startswith('<?xml version="1.0" encoding="'), mutant.description
        assert "<!DOCTYPE cib" in text, mutant.description
        assert re.search(r"fuzz\.fifo|fuzz-canary\.txt|<!ENTITY l0", text), mutant.description
    hidden = [m for m in made if "markup in base64" in m.description]
    assert hidden, "no UTF-7 mutant hides its markup from an ASCII scan"
    for mutant in hidden:
        assert b"<!DOCTYPE" not in mutant.data and b"+ADwAIQ-DOCTYPE" in mutant.data


def test_utf7_markup_in_base64_round_trips() -> None:
    text = '<!DOCTYPE cib [<!ENTITY % e SYSTEM "x">]><cib a="é+1"/>'
    encoded = hostile.utf7_markup_in_base64(text)
    assert b"<" not in encoded and b'"' not in encoded
    assert encoded.decode("utf-7") == text


def test_floods_and_twins_have_the_sizes_that_found_quadratic_work(fuzzer) -> None:
    for mutant in mutants_of(fuzzer, "comments", 3):
        assert mutant.data.count(b"<!--") >= 5_000
        assert etree.fromstring(mutant.data, etree.XMLParser(huge_tree=False)).tag == "cib"
    for mutant in mutants_of(fuzzer, "pis", 3):
        assert mutant.data.count(b"<?p") >= 20_000
        etree.fromstring(mutant.data)
    for mutant in mutants_of(fuzzer, "twins", 3):
        root = etree.fromstring(mutant.data)
        assert sum(1 for e in root.iter() if e.get("id") == "twin") >= 5_000, mutant.description
    for mutant in mutants_of(fuzzer, "siblings", 2):
        root = etree.fromstring(mutant.data)
        assert len({e.get("id") for e in root.iter() if (e.get("id") or "").startswith("sibling-")}) >= 5_000


def test_huge_numbers_reach_attributes_and_env_files(fuzzer) -> None:
    made = mutants_of(fuzzer, "numbers", 8)
    for mutant in made:
        root = etree.fromstring(mutant.data, etree.XMLParser(huge_tree=True))
        longest = max(len(value) for e in root.iter() if isinstance(e.tag, str) for value in e.attrib.values())
        assert 5_000 <= longest <= 100_010, mutant.description
    ports = [blob for m in made for blob in m.env.values()]
    assert ports, "no environment file got a huge PCMK_remote_port"
    for blob in ports:
        assert re.match(rb"PCMK_remote_port=[-+]?\d{5000,}", blob)


def test_bundles_are_many_with_large_replicas(fuzzer) -> None:
    for mutant in mutants_of(fuzzer, "bundles", 3):
        root = etree.fromstring(mutant.data, etree.XMLParser(huge_tree=True))
        added = [e for e in root.iter("bundle") if e.get("id", "").startswith("fuzz-bundle-")]
        assert len(added) >= 50
        assert all(int(e[0].get("replicas")) >= 1000 for e in added)


def test_control_ids_reach_the_parsed_ids_or_make_the_document_invalid(fuzzer) -> None:
    odd = 0
    for mutant in mutants_of(fuzzer, "ids", 12):
        assert mutant.render
        try:
            root = etree.fromstring(mutant.data)
        except etree.XMLSyntaxError:
            # C0 controls other than tab, newline and CR are not XML characters, raw or referenced
            assert re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|&#([1-8]|1[1-2]|1[4-9]|2[0-9]|3[01]);", mutant.data)
            continue
        ids = [v for e in root.iter() if isinstance(e.tag, str) for k, v in e.attrib.items() if k in ("id", "uname", "first")]
        odd += any(re.search("[\n\r\t\x7f-\x9f\u2028\u2029]", v) for v in ids)
    assert odd


def test_cli_scenarios_lay_out_special_files_and_odd_names(fuzzer, tmp_path) -> None:
    kinds: set[str] = set()
    for mutant in mutants_of(fuzzer, "files", 12):
        assert mutant.scenario is not None and mutant.scenario.args
        directory = tmp_path / f"files-{mutant.number}"
        fifos = fuzz_rules.lay_out(directory, mutant.scenario)
        for entry in mutant.scenario.entries:
            path = os.path.join(os.fsencode(directory), entry.name)
            kinds.add(entry.kind)
            assert os.path.lexists(path)
            if entry.kind == "symlink":
                assert os.readlink(path) == entry.content
        assert all(Path(f).is_fifo() for f in fifos)
    assert {"fifo", "symlink"} <= kinds
    for mutant in mutants_of(fuzzer, "names", 8):
        name = mutant.scenario.entries[0].name
        assert re.search(rb"[\x00-\x1f\x7f-\xff\"'%\\ -]", name), name
        assert name in mutant.scenario.args or b"." in mutant.scenario.args
        assert b"--format" in mutant.scenario.args
    assert any(m.scenario.stdout != "pipe" and m.scenario.real_interpreter for m in mutants_of(fuzzer, "stdout", 3))


def test_mutant_n_depends_only_on_seed_and_n(fuzzer) -> None:
    again = fuzz_rules.Fuzzer(SOURCES, SEED)
    for number in (0, 7, 33):
        assert fuzzer.mutant(number) == again.mutant(number)


# ---------------------------------------------------------------- verdicts


def _fuzzer_with_rule(fuzzer, check) -> fuzz_rules.Fuzzer:
    rule = Rule(code="FUZZ001", name="fuzz-probe", severity=Severity.ERROR, summary="probe", check=check)
    clone = fuzz_rules.Fuzzer.__new__(fuzz_rules.Fuzzer)
    clone.__dict__.update(fuzzer.__dict__, plan=dataclasses.replace(fuzzer.plan, rules=(rule,)))
    return clone


def _plain(fuzzer) -> hostile.Mutant:
    return hostile.Mutant(0, "structure", "sample", (SAMPLES / "clean" / "cib.xml").read_bytes())


def _raise(error):
    def check(ctx):
        raise error
        yield  # a generator, like a rule

    return check


def test_a_rule_that_raises_is_a_crash_signed_by_exception_and_frame(fuzzer) -> None:
    defects = fuzz_rules.lint_in_process(_fuzzer_with_rule(fuzzer, _raise(ValueError("boom"))), _plain(fuzzer), 10)
    assert [d.verdict for d in defects] == ["crash"]
    assert defects[0].signature.startswith("PCS000 ValueError in ")
    assert "test_fuzz_generators.py" not in defects[0].signature  # only pcs-lint's own frames sign it
    assert "FUZZ001" in defects[0].detail


def test_a_memory_error_is_memory(fuzzer) -> None:
    defects = fuzz_rules.lint_in_process(_fuzzer_with_rule(fuzzer, _raise(MemoryError())), _plain(fuzzer), 10)
    assert [d.verdict for d in defects] == ["memory"]


def test_over_the_limit_is_a_hang(fuzzer, monkeypatch) -> None:
    def endless(data, env):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(fuzzer, "lint", endless)
    previous = fuzz_rules.signal.signal(fuzz_rules.signal.SIGALRM, fuzz_rules._alarm)
    try:
        started = time.monotonic()
        defects = fuzz_rules.lint_in_process(fuzzer, _plain(fuzzer), 0.3)
    finally:
        fuzz_rules.signal.signal(fuzz_rules.signal.SIGALRM, previous)
    assert [d.verdict for d in defects] == ["hang"]
    assert time.monotonic() - started < 5


def test_a_rule_that_never_ends_is_a_hang(fuzzer) -> None:
    """Whether the engine lets the alarm through or contains it as a PCS000 of that rule."""
    def endless(ctx):
        while True:
            time.sleep(0.01)
        yield

    previous = fuzz_rules.signal.signal(fuzz_rules.signal.SIGALRM, fuzz_rules._alarm)
    try:
        started = time.monotonic()
        defects = fuzz_rules.lint_in_process(_fuzzer_with_rule(fuzzer, endless), _plain(fuzzer), 0.3)
    finally:
        fuzz_rules.signal.signal(fuzz_rules.signal.SIGALRM, previous)
    assert [d.verdict for d in defects] == ["hang"], defects
    assert "test_fuzz_generators" not in defects[0].signature
    assert time.monotonic() - started < 5


def test_a_clean_run_has_no_defect(fuzzer) -> None:
    assert fuzz_rules.lint_in_process(fuzzer, _plain(fuzzer), 10) == []


def test_report_oracles() -> None:
    forged = "x.xml:1:1: PCS201 id 'a\nFORGED: fake' [duplicate-id]\n"
    assert [d.signature for d in fuzz_rules.output_defects("text", forged, "")] == [
        "a newline in a name or id forges a report line (text)"]
    assert "U+001B" in fuzz_rules.output_defects("github", "::error file=\x1b[31m::x\n", "")[0].signature
    assert fuzz_rules.output_defects("json", '{"a": ', "")[0].signature == "the json report is not JSON"
    assert fuzz_rules.output_defects("text", f"token {hostile.SECRET}\n", "")[0].signature.startswith("an environment")
    assert fuzz_rules.output_defects("text", "x.xml:1:1: PCS201 fine\tline [duplicate-id]\n", "") == []


def test_cli_verdicts() -> None:
    mutant = hostile.Mutant(0, "names", "probe", scenario=hostile.Scenario((), (b"x.xml",)))
    here = Path(".")
    verdicts = {
        "hang": fuzz_rules.CliRun("killed", -9, "", "", "fifo.xml"),
        "memory": fuzz_rules.CliRun("signal", -9, "", ""),
    }
    for verdict, run in verdicts.items():
        assert [d.verdict for d in fuzz_rules.classify_cli(mutant, run, here)] == [verdict]
    crash = fuzz_rules.classify_cli(mutant, fuzz_rules.CliRun("exited", 120, "", "pcs-lint: internal error: OSError: x"), here)
    assert {d.signature for d in crash} == {"CLI internal error OSError (names)", "CLI undocumented exit code 120 (names)"}
    traceback_text = 'Traceback (most recent call last):\n  File "/x/lint/cli.py", line 3, in main\nKeyError: 1\n'
    assert fuzz_rules.classify_cli(mutant, fuzz_rules.CliRun("exited", 1, "", traceback_text), here)[0].signature == \
        "CLI traceback KeyError in lint/cli.py:3 main"
    assert fuzz_rules.classify_cli(mutant, fuzz_rules.CliRun("exited", 1, "x.xml:1:1: PCS201 m [d]\n", ""), here) == []


def test_a_fifo_opened_for_reading_is_caught(tmp_path) -> None:
    fifo = tmp_path / "f.fifo"
    os.mkfifo(fifo)
    assert fuzz_rules.fifo_reader_caught(str(fifo)) is None
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 5
        writer = None
        while writer is None and time.monotonic() < deadline:
            writer = fuzz_rules.fifo_reader_caught(str(fifo))
            time.sleep(0.01)
        assert writer is not None
        os.close(writer)
    finally:
        reader.wait(timeout=5)


def test_the_cli_is_run_under_the_limits_and_its_output_read(tmp_path) -> None:
    scenario = hostile.Scenario((hostile.Entry(b"a\nb.xml", "file", (SAMPLES / "clean" / "cib.xml").read_bytes()),),
                                (b"--format", b"json", b"--", b"a\nb.xml"))
    run = fuzz_rules.run_cli(scenario, tmp_path / "run", 10)
    assert (run.status, run.code) == ("exited", 0), run.stderr
    assert '"findings": []' in run.stdout.replace("\n", "").replace("  ", "") or '"findings":[]' in run.stdout


def test_the_fuzzer_runs_end_to_end_and_counts_what_it_saves(tmp_path) -> None:
    """A short run of the cheap classes in two workers: the summary adds up, every signature is saved."""
    out = tmp_path / "out"
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "fuzz_rules.py"), "--count", "24", "--jobs", "2",
         "--seed", str(SEED), "--limit", "10", "--out", str(out), "--workdir", str(tmp_path / "work"),
         "--corpus", str(SAMPLES / "bad"), "--classes", "structure,encoding,numbers,ids,names,configs"],
        capture_output=True, text=True, timeout=240,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    summary = completed.stdout.strip().splitlines()[-1]
    found = re.fullmatch(r"mutants (\d+) ok (\d+) crashes (\d+) hangs (\d+) memory (\d+) distinct signatures (\d+) .*",
                         summary)
    assert found, summary
    mutants, ok, crashes, hangs, memory, distinct = map(int, found.groups())
    assert mutants == 24 == ok + crashes + hangs + memory
    saved = sorted(out.glob("*/repro.txt"))
    assert len(saved) == distinct
    listed = [line for line in completed.stdout.splitlines() if re.match(r"  (crash|hang|memory) +x\d+ ", line)]
    assert len(listed) == distinct
    for repro in saved:
        assert "--replay" in repro.read_text() and "pcs-lint" in repro.read_text()
