#!/usr/bin/env python3
"""Lint every corpus CIB together with a corosync.conf made to match its <nodes>.

The corpus (../shared/corpus, GPL: read in place, never copied into the project) has no
corosync.conf files. For each CIB this writes, in a temporary directory, the corosync.conf that
``pcs cluster setup`` would write for its cluster nodes (``<node>`` entries of type member/normal:
name = uname, nodeid = the node id when it is a positive number unique in the file, else the
next free one; knet with crypto; ``two_node: 1`` for exactly two nodes; cluster_name = the CIB's
cluster-name, else "corpus"), lints the CIB with it and without it, and prints:

- per rule, how many files and findings it has with corosync.conf, and the change against the
  run without it (the cross-file and node rules especially: PCS5xx, PCS6xx, PCS7xx, PCS1xx,
  PCS204, PCS308);
- surprising results: internal errors (PCS000), findings of corosync.conf rules on a generated
  file (which should be clean), and the files behind the cross-file findings.

Usage:
    tools/corpus_with_corosync.py [--corpus ../shared/corpus] [--examples 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from pcs_lint.config import Config
from pcs_lint.engine import lint_document
from pcs_lint.model import build_index
from pcs_lint.nodes import NodeKind
from pcs_lint.parse import XmlRejection, parse_xml
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry
from pcs_lint.values import unsigned_decimal

SETS = ("pacemaker-cts", "pcs-tests", "crmsh-tests")
# Rules this report is about: what corosync.conf and the node model add.
FOCUS_PREFIXES = ("PCS5", "PCS6", "PCS7", "PCS1")
FOCUS_CODES = {"PCS204", "PCS211", "PCS308", "PCS301"}
# Rules of the whole-cluster issue: listed even when they find nothing.
ALWAYS = ("PCS137", "PCS138", "PCS139", "PCS211", "PCS308", "PCS701", "PCS703", "PCS704", "PCS706")
COROSYNC_CODES = {f"PCS5{n:02d}" for n in range(11)}


def cluster_nodes(data: bytes) -> list[tuple[str | None, str]] | None:
    """(id, name) of the CIB's cluster nodes, None when the file is no CIB."""
    parsed = parse_xml(data)
    if isinstance(parsed, XmlRejection):
        return None
    model = build_index(parsed.root).node_model
    return [(record.entry.id, record.name) for record in model.nodes(NodeKind.CLUSTER)
            if record.entry is not None]


def address(number: int) -> str:
    """A distinct documentation-style address per node (10.x.y.z past 254 nodes)."""
    if number <= 254:
        return f"192.0.2.{number}"
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256 or 1}"


def corosync_conf(nodes: list[tuple[str | None, str]], cluster_name: str) -> str:
    """corosync.conf as pcs cluster setup writes it for these nodes."""
    wanted = [unsigned_decimal(node_id) if node_id else None for node_id, _ in nodes]
    counts = Counter(n for n in wanted if n)
    taken = {n for n in wanted if n and counts[n] == 1}
    free = (n for n in range(1, 1 << 31) if n not in taken)
    lines = ["totem {", "    version: 2", f"    cluster_name: {cluster_name}", "    transport: knet",
             "    crypto_cipher: aes256", "    crypto_hash: sha256", "}", "", "nodelist {"]
    for index, ((_, name), number) in enumerate(zip(nodes, wanted, strict=True), start=1):
        nodeid = number if number and number in taken else next(free)
        lines += ["    node {", f"        ring0_addr: {address(index)}", f"        name: {name}",
                  f"        nodeid: {nodeid}", "    }"]
    lines += ["}", "", "quorum {", "    provider: corosync_votequorum"]
    if len(nodes) == 2:
        lines.append("    two_node: 1")
    lines += ["}", ""]
    return "\n".join(lines)


def plain_name(text: str | None) -> str:
    """A cluster_name pcs would accept, from the CIB's cluster-name (else "corpus")."""
    if text and all(c.isascii() and (c.isalnum() or c in "-_") for c in text) and len(text) <= 32:
        return text
    return "corpus"


def focused(code: str) -> bool:
    return code.startswith(FOCUS_PREFIXES) or code in FOCUS_CODES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=str(Path(__file__).resolve().parents[2] / "shared" / "corpus"))
    parser.add_argument("--examples", type=int, default=3, help="files named per surprising result")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    files = [path for name in SETS for path in sorted((corpus / name).glob("*.xml"))]
    if not files:
        print(f"no corpus CIBs under {corpus}", file=sys.stderr)
        return 2
    registry = load_registry(autoload=False)
    plain_plan = build_plan(registry, Config(), CliOptions())
    with_conf: dict[str, Counter] = defaultdict(Counter)  # rule -> {"files", "findings"}
    without: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    node_counts: Counter = Counter()
    skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        conf_path = Path(tmp, "corosync.conf")
        for path in files:
            data = path.read_bytes()
            nodes = cluster_nodes(data)
            if nodes is None:
                skipped += 1
                continue
            node_counts[min(len(nodes), 5)] += 1
            parsed = parse_xml(data)
            cib = build_index(parsed.root)
            name = cib.cluster_options.get("cluster-name")
            conf_path.write_text(corosync_conf(nodes, plain_name(name.value if name else None)), encoding="utf-8")
            plan = build_plan(registry, Config(), CliOptions(corosync=(str(conf_path),)))
            label = f"{path.parent.name}/{path.name}"
            for table, run_plan in ((with_conf, plan), (without, plain_plan)):
                findings = lint_document(data, label, run_plan).findings
                per_rule = Counter(f.rule for f in findings)
                for rule, count in per_rule.items():
                    table[rule]["files"] += 1
                    table[rule]["findings"] += count
                if table is with_conf:
                    for finding in findings:
                        surprising = (finding.rule == "PCS000" or finding.rule in COROSYNC_CODES
                                      or finding.rule.startswith("PCS7") or finding.rule == "PCS138")
                        if surprising and len(examples[finding.rule]) < args.examples:
                            examples[finding.rule].append(f"{label}:{finding.line}: {finding.message[:160]}")
    print(f"corpus: {len(files)} files, {skipped} not CIBs (PCS001/PCS002, no corosync.conf made)")
    print("cluster nodes per CIB: " + ", ".join(
        f"{'5+' if n == 5 else n}: {count}" for n, count in sorted(node_counts.items())))
    print()
    print(f"{'rule':8} {'files':>6} {'findings':>9} {'Δfiles':>7} {'Δfindings':>10}"
          "   (with corosync.conf; Δ against without)")
    for rule in sorted(set(with_conf) | set(without) | set(ALWAYS)):
        if not focused(rule):
            continue
        now, before = with_conf[rule], without[rule]
        print(f"{rule:8} {now['files']:6} {now['findings']:9} {now['files'] - before['files']:+7} "
              f"{now['findings'] - before['findings']:+10}")
    print()
    print("surprising results and cross-file findings (examples):")
    for rule in sorted(examples):
        print(f"  {rule}: {with_conf[rule]['findings']} findings in {with_conf[rule]['files']} files")
        for line in examples[rule]:
            print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
