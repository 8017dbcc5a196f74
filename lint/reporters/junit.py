"""``--format junit``: JUnit XML for GitLab, Jenkins and Azure Pipelines.

One <testsuite> per linted file. Each rule that ran is a <testcase> named after it: a passing
one when the rule found nothing in that file, otherwise one testcase per finding (a
testcase holds a single <failure> in the strict JUnit schema), named with the element and line.
A finding fails its testcase exactly when it counts for the exit code (at or above --fail-on);
one below that passes, with the finding as its <system-out>, so the job's verdict and the test
report's never disagree.
Every text goes through ``escape_control``: XML 1.0 cannot hold most C0 control characters at all,
and CI pages show the rest as they are.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from pcs_lint.findings import Finding
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import escape_control
from pcs_lint.reporters.text import location


def render(report: Report, options: RenderOptions) -> str:
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_file[finding.path].append(finding)
    paths = list(dict.fromkeys([*report.files, *by_file]))
    # Environment-scoped rules judge node files, not CIBs: they appear only where they found something.
    checks = [rule for rule in report.rules if rule.check is not None and rule.scope == "cib"]

    suites = etree.Element("testsuites", name="pcs-lint")
    total_tests = total_failures = 0
    for path in paths:
        suite = etree.SubElement(suites, "testsuite", name=escape_control(path))
        findings = by_file.get(path, [])
        linted = path in report.files
        ran = {rule.code for rule in checks if linted} | {f.rule for f in findings}
        names = {rule.code: rule.name for rule in report.rules} | {f.rule: f.name for f in findings}
        tests = failures = 0
        for code in sorted(ran):
            mine = [f for f in findings if f.rule == code]
            if not mine:
                etree.SubElement(suite, "testcase", classname=escape_control(path),
                                 name=escape_control(f"{code} {names[code]}"))
                tests += 1
                continue
            for finding in mine:
                where = finding.object_id or (f"line {finding.line}" if finding.line else path)
                case = etree.SubElement(suite, "testcase", classname=escape_control(path),
                                        name=escape_control(f"{code} {names[code]} ({where})"))
                tests += 1
                if finding.severity < report.fail_on:
                    # Below --fail-on: it does not fail the job, so it does not fail the test;
                    # it is still shown, as the test's output.
                    etree.SubElement(case, "system-out").text = _details(finding)
                    continue
                failure = etree.SubElement(case, "failure", type=finding.severity.label,
                                           message=escape_control(finding.message))
                failure.text = _details(finding)
                failures += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_tests += tests
        total_failures += failures
    suites.set("tests", str(total_tests))
    suites.set("failures", str(total_failures))
    suites.set("errors", "0")
    return etree.tostring(suites, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode("utf-8")


def _details(finding: Finding) -> str:
    lines = [f"{location(finding)}: {escape_control(finding.rule)} {escape_control(finding.message)} "
             f"[{escape_control(finding.name)}]"]
    if finding.xpath:
        lines.append(f"element: {escape_control(finding.xpath)}")
    if finding.hint:
        lines.append(f"fix: {escape_control(finding.hint)}")
    return "\n".join(lines)
