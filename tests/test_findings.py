"""Findings sort by Finding.sort_key, which is also how they compare: no two different findings
tie, and a finding without a line (a whole file, a plugin) sorts before the file's lines."""

from __future__ import annotations

import itertools

from pcs_lint.engine import sort_findings
from pcs_lint.findings import Finding, Severity, SourceLocation


def finding(line=None, column=None, *, path="cib.xml", rule="PCS201", message="m", **fields) -> Finding:
    return Finding(path, line, column, rule, "duplicate-id", Severity.ERROR, message, **fields)


def test_findings_with_and_without_a_line_sort_without_crashing():
    whole_file, first, second = finding(), finding(3, 1), finding(12)
    for order in itertools.permutations([second, whole_file, first]):
        assert sorted(order) == [whole_file, first, second]
        assert sort_findings(order) == [whole_file, first, second]


def test_no_two_different_findings_tie():
    by_xpath = [finding(5, xpath="/cib/b"), finding(5, xpath="/cib/a"), finding(5)]
    by_hint = [finding(5, hint="z"), finding(5, hint="a")]
    by_id = [finding(5, object_id="r2"), finding(5, object_id=None), finding(5, object_id="")]
    for group in (by_xpath, by_hint, by_id):
        keys = [f.sort_key() for f in group]
        assert len(set(keys)) == len(group)
        assert sorted(group) == sorted(reversed(group))
    assert sorted(by_xpath) == [finding(5), finding(5, xpath="/cib/a"), finding(5, xpath="/cib/b")]


def test_path_comes_first_then_line_column_and_rule():
    unsorted = [finding(1, path="d.xml"), finding(2, 7, rule="PCS101"), finding(2, 7), finding(2, None),
                finding(1, 9)]
    assert sorted(unsorted) == [finding(1, 9), finding(2, None), finding(2, 7, rule="PCS101"), finding(2, 7),
                                finding(1, path="d.xml")]


def test_related_places_are_not_part_of_a_findings_identity():
    plain, related = finding(4), finding(4, related=(SourceLocation("node1.env", 2),))
    assert plain == related and not plain < related and not related < plain
    assert sort_findings([plain, related]) == [plain]


def test_findings_that_differ_only_in_their_fix_do_not_tie():
    from pcs_lint.findings import Fix

    plain = finding(4)
    fixed = finding(4, fix=Fix.of("pcs resource delete web"))
    other = finding(4, fix=Fix.of("pcs resource delete db"))
    assert len({plain.sort_key(), fixed.sort_key(), other.sort_key()}) == 3
    assert sorted([fixed, other, plain]) == [plain, other, fixed]
