"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

Every rule that ran is described in ``tool.driver.rules`` (so a viewer can show a rule's help
even for a clean run), ``results`` is always present, URIs are repository-relative with
forward slashes, and each result carries the element's XPath as a logical location.
Internal errors not tied to a file (a plugin that failed to load) are tool execution
notifications, where SARIF puts failures of the tool itself.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from pcs_lint.findings import Finding, Severity
from pcs_lint.report import RenderOptions, Report
from pcs_lint.reporters._common import fingerprint, repo_relative, repository_root

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/pcs-lint/pcs-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SRCROOT = "%SRCROOT%"


def render(report: Report, options: RenderOptions) -> str:
    rules = list(report.rules)
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    notifications = []
    for finding in report.findings:
        uri = repo_relative(finding.path)
        if uri is None and finding.path.startswith("<"):
            notifications.append({
                "level": "error",
                "message": {"text": f"{finding.rule} {finding.message}"},
                "descriptor": {"id": finding.rule},
            })
            continue
        results.append(_result(finding, uri, index))
    run = {
        "tool": {
            "driver": {
                "name": "pcs-lint",
                "version": report.version,
                "semanticVersion": report.version,
                "informationUri": INFORMATION_URI,
                "rules": [_descriptor(rule) for rule in rules],
            }
        },
        "invocations": [{
            "executionSuccessful": report.exit_code != 2,
            "toolExecutionNotifications": notifications,
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": repository_root().as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"


def _descriptor(rule) -> dict:
    doc = rule.doc.strip() if rule.documented else rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _what_it_does(doc) or rule.summary},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["pacemaker", rule.plugin]},
    }


def _what_it_does(doc: str) -> str:
    """The first paragraph of the doc's "What it does" section."""
    marker = "## What it does"
    if marker not in doc:
        return ""
    section = doc.split(marker, 1)[1].strip()
    return section.split("\n\n", 1)[0].replace("\n", " ").strip()


def _result(finding: Finding, uri: str | None, index: dict[str, int]) -> dict:
    text = finding.message + (f" Fix: {finding.hint}" if finding.hint else "")
    region = {"startLine": max(finding.line or 1, 1)}
    if finding.column:
        region["startColumn"] = finding.column
    if uri is not None:
        # A URI reference: spaces, "%" and "#" percent-encoded, and ":" too, which in a first
        # segment would read as a scheme (a tarball member is "report.tar.bz2:node1/cib.xml").
        artifact = {"uri": quote(uri, safe="/"), "uriBaseId": SRCROOT}
    else:
        artifact = {"uri": Path(finding.path).resolve().as_uri()}
    location: dict = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
    if finding.xpath or finding.object_id:
        logical = {"kind": "element"}
        if finding.xpath:
            logical["fullyQualifiedName"] = finding.xpath
        if finding.object_id:
            logical["name"] = finding.object_id
        location["logicalLocations"] = [logical]
    result = {
        "ruleId": finding.rule,
        "level": LEVELS[finding.severity],
        "message": {"text": text},
        "locations": [location],
        "partialFingerprints": {"pcsLintFinding/v1": fingerprint(finding)[:32]},
    }
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    if finding.fix is not None:
        # SARIF's own "fixes" are byte replacements in the artifact; pcs commands are not.
        result["properties"] = {"fix": finding.fix.to_dict()}
    return result

