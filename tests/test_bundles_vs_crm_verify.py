"""PCS130, PCS131, PCS134 and PCS135 against Pacemaker's own checker.

1. The corpus: per file, the bundles crm_verify 2.1.5 called uncontrollable ("Cannot control B
   inside P ...") and the bundled primitives it refused in constraints must be exactly the ones
   pcs-lint reports. Justified differences, skipped per file:
   - crm_verify stopped at schema validation ("CIB did not pass schema validation") and never
     unpacked the resources; pcs-lint still judges them (the schema-upgrade test inputs);
   - crm_verify's output was cut at 40 lines in the manifest.
   For pacemaker-3.10 files the manifest's retry with pacemaker-3.9 is crm_verify's verdict.
2. Live: inline configurations run through the installed crm_verify, when it is there.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from pcs_lint.testing import cib, lint_text

# slow: runs crm_verify for many cases (the inner loop skips it: -m "not slow")
pytestmark = pytest.mark.slow

CODES = ["PCS130", "PCS134"]
CANNOT_CONTROL = re.compile(r"Cannot control (\S+) inside \S+ without either ip-range-start or control-port")
# 2.1.5 refuses a bundled primitive as an unknown resource, in one of these words.
NOT_A_RESOURCE = [
    re.compile(r"because '([^']+)' is not a valid resource or tag"),
    re.compile(r": No resource found for (\S+)"),
]


def crm_verify_verdict(record: dict) -> list[str] | None:
    """crm_verify's lines for the file, or None when they cannot be compared."""
    verdict = record.get("crm_verify_retry_newest_schema") or record
    lines = verdict.get("crm_verify") or []
    if verdict.get("crm_verify_lines_total", len(lines)) > len(lines):
        return None
    if any("did not pass schema validation" in line for line in lines):
        return None
    return lines


def corpus_records(corpus: Path):
    for manifest in sorted(corpus.glob("*.manifest.jsonl")):
        folder = corpus / manifest.name.removesuffix(".manifest.jsonl")
        for line in manifest.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("bundles"):
                yield folder / record["file"], record


NAMED = re.compile(r"names '([^']+)'")


def bundled_primitives(path: Path) -> set[str]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    return {p.get("id") for p in root.iterfind("configuration/resources/bundle/primitive")}


def test_corpus_agrees_with_crm_verify(corpus_dir):
    compared = []
    disagreements = []
    for path, record in corpus_records(corpus_dir):
        lines = crm_verify_verdict(record)
        if lines is None:
            continue
        compared.append(path.name)
        findings = lint_text(path.read_bytes(), select=CODES)
        ours_130 = {f.object_id for f in findings if f.rule == "PCS130"}
        theirs_130 = {m.group(1) for line in lines for m in [CANNOT_CONTROL.search(line)] if m}
        ours_134 = {NAMED.search(f.message).group(1) for f in findings if f.rule == "PCS134"}
        # crm_verify also refuses names that exist nowhere (PCS206's business): keep the bundled ones.
        refused = {m.group(1) for line in lines for pattern in NOT_A_RESOURCE for m in [pattern.search(line)] if m}
        theirs_134 = refused & bundled_primitives(path)
        if (ours_130, ours_134) != (theirs_130, theirs_134):
            disagreements.append((path.name, ours_130, theirs_130, ours_134, theirs_134))
    # Most bundle files of the corpus are comparable; none may disagree.
    assert len(compared) > 40
    assert disagreements == []


# ---- live comparisons with the installed crm_verify

BUNDLE = """
      <bundle id="web">
        <podman image="localhost/httpd" {container}/>
        {network}
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache">{meta}</primitive>
      </bundle>
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql">{db_meta}</primitive>"""
CAT = '<meta_attributes id="{0}-m"><nvpair id="{0}-m-cat" name="container-attribute-target" value="host"/></meta_attributes>'
SCORE_RULE = """
      <rsc_location id="loc" rsc="{0}"><rule id="loc-r" score-attribute="pingd">
        <expression id="loc-r-e" attribute="pingd" operation="defined"/></rule></rsc_location>"""


def run_crm_verify(crm_verify: str, xml: str, tmp_path: Path) -> subprocess.CompletedProcess:
    path = tmp_path / "cib.xml"
    path.write_text(xml, encoding="utf-8")
    return subprocess.run([crm_verify, "-VV", "-x", str(path)], capture_output=True, text=True, timeout=60,
                          env={"LC_ALL": "C", "PATH": "/usr/bin:/bin:/usr/sbin:/sbin"})


CASES = {
    "unreachable": dict(container='replicas="2"', network="<network/>"),
    "reachable": dict(container='replicas="2"', network='<network control-port="3121"/>'),
    "port-two-per-host": dict(container='replicas="4" replicas-per-host="2"', network='<network control-port="3121"/>'),
    "address-two-per-host": dict(container='replicas="4" replicas-per-host="2"',
                                 network='<network ip-range-start="192.0.2.131" control-port="3121"/>'),
    "location-on-primitive": dict(constraints='<rsc_location id="l1" rsc="httpd" node="node1" score="10"/>'),
    "order-on-primitive": dict(constraints='<rsc_order id="o1" first="db" then="httpd"/>'),
    "location-on-bundle": dict(constraints='<rsc_location id="l1" rsc="web" node="node1" score="10"/>'),
    "score-attribute-host-primitive": dict(db_meta=CAT.format("db"), constraints=SCORE_RULE.format("db")),
    "score-attribute-host-bundle": dict(meta=CAT.format("httpd"), constraints=SCORE_RULE.format("web")),
    "score-attribute-no-host": dict(constraints=SCORE_RULE.format("db")),
    "host-without-score-attribute": dict(db_meta=CAT.format("db"),
                                         constraints='<rsc_location id="l1" rsc="db" node="node1" score="10"/>'),
}


def case_xml(container='replicas="2"', network='<network control-port="3121"/>', meta="", db_meta="", constraints=""):
    return cib(resources=BUNDLE.format(container=container, network=network, meta=meta, db_meta=db_meta),
               constraints=constraints)


@pytest.mark.parametrize("name", sorted(CASES))
def test_live_crm_verify_agrees(name, crm_verify, tmp_path):
    xml = case_xml(**CASES[name])
    result = run_crm_verify(crm_verify, xml, tmp_path)
    output = result.stdout + result.stderr
    ours = {f.rule for f in lint_text(xml, select=["PCS130", "PCS131", "PCS134", "PCS135"])}
    assert ("PCS130" in ours) == ("Cannot control web inside httpd" in output)
    assert ("PCS131" in ours) == ("requires 'replicas-per-host=1'" in output)
    assert ("PCS134" in ours) == ("'httpd' is not a valid resource or tag" in output)
    assert ("PCS135" in ours) == (result.returncode < 0 or result.returncode == 134)
