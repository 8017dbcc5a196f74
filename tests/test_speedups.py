"""The shortcuts taken for speed give the same answers as the plain computations they replace.

No timings here: each test compares a fast path with a straightforward reference, or checks that
a cache notices what it must notice.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

from pcs_lint.locate import SiblingPositions, SourceLines, element_xpath
from pcs_lint.rules import _option_schemas as options
from pcs_lint.rules._rng_schemas import compiled_schema, locate_schema_dir
from pcs_lint.value_formats import SCHEMA_NAMES

# --- XPaths: positions counted once per parent


def reference_xpath(element) -> str:
    """element_xpath as it was written before SiblingPositions: siblings counted every time."""
    steps = []
    while element is not None:
        tag, element_id, parent = element.tag, element.get("id"), element.getparent()
        if element_id is not None and "'" not in element_id:
            step = f"{tag}[@id='{element_id}']"
            if parent is not None:
                twins = [c for c in parent.iterchildren(tag) if c.get("id") == element_id]
                step = step if len(twins) == 1 else f"{step}[{twins.index(element) + 1}]"
        elif parent is None:
            step = tag
        else:
            same = list(parent.iterchildren(tag))
            step = tag if len(same) == 1 else f"{tag}[{same.index(element) + 1}]"
        steps.append(step)
        element = element.getparent()
    return "/" + "/".join(reversed(steps))


DOCUMENT = b"""<cib><configuration><constraints>
  <rsc_location id="a"/><rsc_location id="dup"/><rsc_order id="o"/><rsc_location id="dup"/>
  <rsc_location/><rsc_location id="it's"/><rsc_location/>
</constraints><resources><primitive id="p"><operations><op id="m"/></operations></primitive></resources>
<!-- a comment is not an element --></configuration></cib>"""


def test_xpaths_with_shared_positions_match_the_reference():
    root = etree.fromstring(DOCUMENT)
    positions = SiblingPositions()
    elements = list(root.iter(etree.Element))
    for element in elements + elements:  # the second round answers from the counts
        assert element_xpath(element, positions) == reference_xpath(element) == element_xpath(element)
    constraints = root.find("configuration/constraints")
    assert element_xpath(constraints[3], positions) == (
        "/cib/configuration/constraints/rsc_location[@id='dup'][2]")
    assert element_xpath(constraints[6], positions) == "/cib/configuration/constraints/rsc_location[6]"
    assert element_xpath(root, positions) == "/cib"


# --- columns: one scan of a line per (line, tag), not one per finding


def reference_column(data: bytes, element) -> int | None:
    """column_of as it was before the cache: every start tag of the line found afresh."""
    text = data.decode().splitlines()[element.sourceline - 1]
    needle = "<" + element.tag
    found = [i for i in range(len(text)) if text.startswith(needle, i)
             and (i + len(needle) == len(text) or not (text[i + len(needle)].isalnum() or text[i + len(needle)] in "_-:."))]
    return found[0] + 1 if len(found) == 1 else None


def test_cached_columns_match_the_reference():
    # The fuzzer's minified CIBs put thousands of findings on one line.
    root = etree.fromstring(DOCUMENT)
    source = SourceLines(DOCUMENT)
    elements = list(root.iter(etree.Element))
    for element in elements + elements:  # the second round answers from the cache
        assert source.column_of(element) == reference_column(DOCUMENT, element)
    resources = root.find("configuration/resources")
    assert source.column_of(resources[0]) == DOCUMENT.decode().splitlines()[3].index("<primitive") + 1
    assert source.column_of(root.find("configuration/constraints")[0]) is None  # four on its line


# --- value verdicts are kept per (schema, name, value)


def test_judging_pairs_one_by_one_or_together_gives_the_same_issues():
    pairs = {"no-quorum-policy": ("suicid", "e1"), "stonith-enabled": ("maybe", "e2"),
             "cluster-delay": ("60s", "e3"), "stonith-enbled": ("true", "e4"), "default-resource-stickiness": ("1", "e5")}
    together = options.validate("cluster-options", pairs)
    one_by_one = tuple(issue for name, pair in pairs.items()
                       for issue in options.validate("cluster-options", {name: pair}))
    assert together == one_by_one
    # ... and the same reasons as the compiled validator run over the whole set at once
    whole = options._value_errors(options.option_set("cluster-options"), {n: v for n, (v, _) in pairs.items()})
    assert {i.name: i.message for i in together if i.kind == options.BAD_VALUE} == whole
    assert {(issue.name, issue.kind) for issue in together} >= {
        ("no-quorum-policy", options.BAD_VALUE), ("stonith-enabled", options.BAD_VALUE),
        ("stonith-enbled", options.UNKNOWN_NAME)}


# --- the schema directory is listed once, and again when it changes


def test_schema_directory_listing_follows_changes(tmp_path):
    assert locate_schema_dir(str(tmp_path)).versions == ()
    (tmp_path / "pacemaker-3.9.rng").write_text("<grammar/>")
    stamp = os.stat(tmp_path).st_mtime_ns + 1_000_000_000  # a new mtime, however coarse the clock
    os.utime(tmp_path, ns=(stamp, stamp))
    directory = locate_schema_dir(str(tmp_path))
    assert directory.versions == ("pacemaker-3.9",) and directory.configured
    assert locate_schema_dir(str(tmp_path / "missing")).versions == ()


def test_grammar_facts_are_read_on_first_use(pacemaker_schema_dir, tmp_path):
    # A copy of the grammar files: compiled afresh, whatever earlier tests compiled.
    for grammar in pacemaker_schema_dir.glob("*.rng"):
        shutil.copy(grammar, tmp_path)
    schema = compiled_schema(str(tmp_path), locate_schema_dir(str(tmp_path)).newest)
    assert "elements" not in vars(schema)
    assert "class" in schema.elements["primitive"].attributes
    assert schema.elements is schema.elements  # worked out once


# --- start-up: a serial run never imports multiprocessing


def test_the_runner_imports_multiprocessing_only_for_parallel_runs():
    code = "import sys, pcs_lint.runner; print('multiprocessing' in sys.modules, 'concurrent.futures' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


# --- option values: judged directly as the compiled validator judges them

ODD_VALUES = ("", " ", "0", "1", "-1", "+5", "true", "TRUE", "yes", "off", "10s", "10 s", "1m30s", "PT5M", "pt5m",
              "INFINITY", "-INFINITY", "+inf", "red", "Stop", "ignore", "fence", "0755", "abc", "3121",
              "99999999999999999999", "1.5", "\u00e9", "a,b", "/dev/sdb", "'quoted'")


def test_direct_verdicts_match_the_compiled_validator():
    judged = 0
    for schema_name in SCHEMA_NAMES:
        option_set = options.option_set(schema_name)
        for name, spec in option_set.schema.get("properties", {}).items():
            if not options._judged_directly(spec):
                continue
            judged += 1
            values = ODD_VALUES + tuple(spec.get(options.ENUM_KEYWORD, ())) + (str(spec.get("default", "")),)
            for value in values:
                expected = options._value_errors(option_set, {name: value}).get(name)
                assert options._direct_error(spec, value) == expected, (schema_name, name, value)
    assert judged > 150  # nearly every property


def test_a_small_run_imports_no_jsonschema(tmp_path):
    # The clean sample has cluster options, resource meta attributes and operations to judge.
    code = ("import sys\nfrom pcs_lint.cli import main\ntry:\n    main(['--isolated', sys.argv[1]])\n"
            "except SystemExit:\n    pass\nprint('jsonschema' in sys.modules, file=sys.stderr)")
    sample = Path(__file__).resolve().parent.parent / "samples" / "clean" / "cib.xml"
    result = subprocess.run([sys.executable, "-c", code, str(sample)], capture_output=True, text=True, check=True)
    assert result.stderr.split()[-1] == "False"
