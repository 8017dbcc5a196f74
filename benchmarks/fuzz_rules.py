#!/usr/bin/env python3
"""Fuzz every rule: mutate real CIBs and environment files, lint each mutant, report crashes.

    .venv/bin/python benchmarks/fuzz_rules.py [--mutants 20000] [--seed 1] [--jobs 2]
                                              [--corpus DIR]... [--out /tmp/fuzz-crashes]

A robustness script, not a test. pcs-lint promises that no input makes a rule crash (a crash is
finding PCS000). Each mutant is a CIB from the corpus or samples/ with one to six random
structural mutations (attributes deleted or set to odd values, elements duplicated, moved,
removed, ids made to collide, sections emptied, primitives turned into templates or groups,
id-refs and resource_refs to random or unknown ids, deep group/clone nesting, raw control
characters), linted in-process with every rule, together with environment files for node1,
node2, remote1 and the CIB's own node names (some mutated: empty values, huge ports,
non-ASCII), so the environment-scoped and port rules run too.

Mutant N depends only on (seed, N), so any crash is reproducible on its own: every distinct
crash (rule, exception type, innermost project frame) is saved once to OUT as
<rule>-<n>.xml with its environment files beside it, and a summary is printed: crashes, the
slowest mutants (one file over a second is a bug), and mutants per second.
"""

from __future__ import annotations

import argparse
import collections
import copy
import dataclasses
import os
import random
import signal
import sys
import time
import traceback
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPORA = sorted((ROOT.parent / "shared" / "corpus").glob("*/"))
ODD_VALUES = ("", "99999999999999999999", "-1", "INFINITY", "-INFINITY", "+INFINITY", "ñ", "   ", "\t \n",
              "0", "1", "true", "no", "3121", "65536", "0x10", "1e3", "P1D", "PT", "10s5", "#{CTRL}",
              "ocf:pacemaker:remote", "stonith", "node1", "remote1", "ñ€🐧", "a" * 300)
CONTROL = "#{CTRL}"  # replaced by a raw control character after serialisation (not valid XML)
CONTAINERS = ("resources", "constraints", "nodes", "crm_config", "tags", "fencing-topology",
              "rsc_defaults", "op_defaults")
ENV_BASE = {
    "PCMK_logfacility": "daemon",
    "PCMK_logpriority": "notice",
    "PCMK_remote_port": "3121",
    "PCMK_authkey_location": "/etc/pacemaker/authkey",
    "PCMK_node_start_state": "default",
    "PCMK_remote_address": "192.0.2.1",
}
ENV_ODD = ("", "99999999999999999999", "-1", "0", "65535", "65536", " 3121", "3121 ", "ñ", "3121#x",
           "'3121'", "\"\"", "$(x)", "1e3", "0x0c31", "٣١٢١", "3121\\", "\"unterminated", "yes", "None")


# ---------------------------------------------------------------- mutations


def elements(root):
    return [e for e in root.iter() if isinstance(e.tag, str)]


def ids_of(root):
    return [e.get("id") for e in elements(root) if e.get("id")]


def set_attribute(rng, root):
    candidates = [e for e in elements(root) if e.attrib]
    if not candidates:
        return
    element = rng.choice(candidates)
    name = rng.choice(list(element.attrib))
    if rng.random() < 0.25:
        del element.attrib[name]
    else:
        element.set(name, rng.choice(ODD_VALUES))


def set_nvpair_value(rng, root):
    pairs = [e for e in elements(root) if e.tag == "nvpair"]
    if pairs:
        pair = rng.choice(pairs)
        if rng.random() < 0.2:
            pair.attrib.pop("value", None)
        else:
            pair.set("value", rng.choice(ODD_VALUES))


def duplicate_element(rng, root):
    candidates = [e for e in elements(root) if e.getparent() is not None]
    if candidates:
        element = rng.choice(candidates)
        element.addnext(copy.deepcopy(element))


def multiply_element(rng, root):
    """Many copies of one element (constraints, nodes, resources, ops...): finds quadratic work."""
    candidates = [e for e in elements(root) if e.getparent() is not None and e.getparent().getparent() is not None]
    if candidates:
        element = rng.choice(candidates)
        for number in range(rng.choice((50, 300, 1000))):
            twin = copy.deepcopy(element)
            if rng.random() < 0.8:
                for inner in twin.iter():
                    if isinstance(inner.tag, str) and inner.get("id"):
                        inner.set("id", f"{inner.get('id')}-x{number}")
            element.addnext(twin)


def move_element(rng, root):
    candidates = [e for e in elements(root) if e.getparent() is not None]
    if not candidates:
        return
    element = rng.choice(candidates)
    inside = set(element.iter())
    parents = [e for e in elements(root) if e not in inside]
    rng.choice(parents).append(element)


def remove_element(rng, root):
    candidates = [e for e in elements(root) if e.getparent() is not None]
    if candidates:
        element = rng.choice(candidates)
        element.getparent().remove(element)


def collide_id(rng, root):
    with_id = [e for e in elements(root) if e.get("id")]
    if len(with_id) >= 2:
        one, other = rng.sample(with_id, 2)
        one.set("id", other.get("id"))


def empty_section(rng, root):
    sections = [e for e in elements(root) if e.tag in CONTAINERS]
    if sections:
        section = rng.choice(sections)
        for child in list(section):
            section.remove(child)


def transform_primitive(rng, root):
    primitives = [e for e in elements(root) if e.tag == "primitive"]
    if not primitives:
        return
    primitive = rng.choice(primitives)
    choice = rng.randrange(4)
    if choice == 0:
        primitive.tag = "template"
    elif choice == 1:
        primitive.tag = "group"
    elif choice == 2:  # a primitive that uses a template that does not exist, or another primitive
        targets = ids_of(root) + ["no-such-template"]
        primitive.set("template", rng.choice(targets))
    else:
        primitive.tag = rng.choice(("clone", "master", "bundle"))


def add_id_ref(rng, root):
    candidates = [e for e in elements(root)
                  if e.tag in ("meta_attributes", "instance_attributes", "operations", "op", "nvpair",
                               "rule", "utilization", "expression", "rsc_location", "resource_ref", "obj_ref")]
    if not candidates:
        candidates = elements(root)
    targets = ids_of(root) + ["no-such-id", ""]
    element = rng.choice(candidates)
    element.set("id-ref", rng.choice(targets))
    if rng.random() < 0.5:
        element.attrib.pop("id", None)


def nest_deeply(rng, root):
    resources = [e for e in elements(root) if e.tag == "resources"]
    if not resources:
        return
    depth = rng.choice((3, 10, 40, 200))
    parent = rng.choice(resources)
    for level in range(depth):
        tag = rng.choice(("group", "clone", "master", "bundle", "group"))
        child = etree.SubElement(parent, tag, id=f"fuzz-nest-{level}")
        parent = child
    primitives = [e for e in elements(root) if e.tag == "primitive"]
    if primitives and rng.random() < 0.7:
        parent.append(copy.deepcopy(rng.choice(primitives)))
    else:
        etree.SubElement(parent, "primitive", id="fuzz-leaf", type="remote", provider="pacemaker", **{"class": "ocf"})


def add_resource_set(rng, root):
    constraints = [e for e in elements(root) if e.tag == "constraints"]
    if not constraints:
        return
    targets = [e.get("id", "") for e in elements(root) if e.tag in ("primitive", "group", "clone", "tag", "bundle")]
    targets += ["no-such-rsc", "", "ñ"]
    tag = rng.choice(("rsc_order", "rsc_colocation", "rsc_location", "rsc_ticket"))
    constraint = etree.SubElement(rng.choice(constraints), tag, id=f"fuzz-{tag}")
    if tag == "rsc_location":
        constraint.set("node", rng.choice(("node1", "", "remote1", "ñ")))
        constraint.set("score", rng.choice(ODD_VALUES))
    if tag == "rsc_ticket":
        constraint.set("ticket", "t")
    for set_number in range(rng.randrange(0, 4)):
        resource_set = etree.SubElement(constraint, "resource_set", id=f"fuzz-set-{set_number}")
        if rng.random() < 0.3:
            resource_set.set("role", rng.choice(("Promoted", "Master", "bogus", "")))
        for ref_number in range(rng.randrange(0, 4)):
            etree.SubElement(resource_set, "resource_ref", id=rng.choice(targets))
    if rng.random() < 0.5:
        for attribute in ("rsc", "with-rsc", "first", "then"):
            if rng.random() < 0.5:
                constraint.set(attribute, rng.choice(targets))


def rename_tag(rng, root):
    candidates = [e for e in elements(root) if e.getparent() is not None]
    if candidates:
        rng.choice(candidates).tag = rng.choice(("primitive", "group", "clone", "master", "bundle", "template",
                                                 "op", "nvpair", "meta_attributes", "node", "tag", "obj_ref",
                                                 "resource_set", "resource_ref", "rule", "docker", "network",
                                                 "port-mapping", "fencing-level", "cluster_property_set"))


def add_guest_or_remote(rng, root):
    resources = [e for e in elements(root) if e.tag in ("resources", "group", "clone", "bundle")]
    if not resources:
        return
    parent = rng.choice(resources)
    name = rng.choice(("remote1", "node1", "guest1", "", "ñ", "fuzz-r"))
    if rng.random() < 0.5:
        primitive = etree.SubElement(parent, "primitive", id=f"fuzz-remote-{rng.randrange(3)}",
                                     type=rng.choice(("remote", "Remote", "Dummy")),
                                     provider="pacemaker", **{"class": "ocf"})
        params = etree.SubElement(primitive, "instance_attributes", id="fuzz-remote-params")
        for key in ("server", "port", "reconnect_interval"):
            if rng.random() < 0.7:
                etree.SubElement(params, "nvpair", id=f"fuzz-remote-{key}", name=key, value=rng.choice(ODD_VALUES + (name,)))
    else:
        primitive = etree.SubElement(parent, "primitive", id=f"fuzz-vm-{rng.randrange(3)}", type="VirtualDomain",
                                     provider="heartbeat", **{"class": "ocf"})
        meta = etree.SubElement(primitive, "meta_attributes", id="fuzz-vm-meta")
        for key in ("remote-node", "remote-port", "remote-addr", "remote-connect-timeout", "remote-allow-migrate"):
            if rng.random() < 0.7:
                etree.SubElement(meta, "nvpair", id=f"fuzz-vm-{key}", name=key, value=rng.choice(ODD_VALUES + (name,)))


NUMERIC = {"replicas", "replicas-per-host", "promoted-max", "masters", "control-port", "ip-range-start", "port",
           "internal-port", "score", "interval", "timeout", "start-delay", "index", "value", "role", "kind",
           "rsc-role", "with-rsc-role", "first-action", "then-action", "symmetrical", "sequential",
           "require-all", "target", "devices", "validate-with", "node", "rsc-pattern", "boolean-op",
           "operation", "type", "class", "provider", "name", "uname", "id", "range-start", "host-netmask"}


def odd_everywhere(rng, root):
    """Many odd values at once: number-like and naming attributes across the document."""
    for element in elements(root):
        for name in list(element.attrib):
            if name in NUMERIC and rng.random() < 0.15:
                element.set(name, rng.choice(ODD_VALUES))


def add_bundle(rng, root):
    resources = [e for e in elements(root) if e.tag == "resources"]
    if not resources:
        return
    bundle = etree.SubElement(rng.choice(resources), "bundle", id=rng.choice(("fuzz-b", "node1", "remote1")))
    container = etree.SubElement(bundle, rng.choice(("docker", "podman", "rkt")), image="i")
    for name in ("replicas", "replicas-per-host", "promoted-max", "masters", "network", "run-command"):
        if rng.random() < 0.5:
            container.set(name, rng.choice(ODD_VALUES))
    if rng.random() < 0.7:
        network = etree.SubElement(bundle, "network")
        for name in ("ip-range-start", "control-port", "host-interface", "host-netmask", "add-host"):
            if rng.random() < 0.5:
                network.set(name, rng.choice(ODD_VALUES + ("192.168.1.250", "10.0.0.1", "::1", "1.2.3")))
        for number in range(rng.randrange(3)):
            mapping = etree.SubElement(network, "port-mapping", id=f"fuzz-pm-{number}")
            for name in ("port", "internal-port", "range"):
                if rng.random() < 0.5:
                    mapping.set(name, rng.choice(ODD_VALUES + ("3121", "80-90", "90-80", "1-65535", "0-99999999999")))
    if rng.random() < 0.3:
        etree.SubElement(bundle, "storage")
    if rng.random() < 0.7:
        primitives = [e for e in elements(root) if e.tag == "primitive"]
        if primitives and rng.random() < 0.5:
            bundle.append(copy.deepcopy(rng.choice(primitives)))
        else:
            etree.SubElement(bundle, "primitive", id="fuzz-b-rsc", type="apache", provider="heartbeat",
                             **{"class": "ocf"})


MUTATIONS = (
    (set_attribute, 6), (set_nvpair_value, 5), (duplicate_element, 2), (multiply_element, 1), (move_element, 2), (remove_element, 2),
    (collide_id, 2), (empty_section, 1), (transform_primitive, 2), (add_id_ref, 2), (nest_deeply, 1),
    (add_resource_set, 2), (rename_tag, 2), (add_guest_or_remote, 2), (odd_everywhere, 2), (add_bundle, 1),
)


def mutate(rng: random.Random, root) -> list[str]:
    names = []
    functions, weights = zip(*MUTATIONS)
    for _ in range(rng.randint(1, 6)):
        function = rng.choices(functions, weights)[0]
        function(rng, root)
        names.append(function.__name__)
    return names


def serialise(rng: random.Random, root) -> bytes:
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=rng.random() < 0.5)
    if CONTROL.encode() in data:
        data = data.replace(CONTROL.encode(), bytes([rng.choice((1, 7, 8, 11, 12, 27, 31))]))
    return data


def env_files(rng: random.Random, root) -> dict[str, bytes]:
    nodes = {"node1", "node2", "remote1"}
    nodes.update(e.get("uname") or e.get("id") or "" for e in elements(root) if e.tag == "node")
    nodes.discard("")
    files = {}
    for node in sorted(nodes):
        if rng.random() < 0.2:
            continue
        lines = [f"# /etc/sysconfig/pacemaker on {node}"]
        for name, value in ENV_BASE.items():
            if rng.random() < 0.3:
                continue
            if rng.random() < 0.3:
                value = rng.choice(ENV_ODD)
            lines.append(f"{name}={value}")
        if rng.random() < 0.1:
            lines.append(rng.choice(("PCMK_remote_port", "export PCMK_remote_port", "=3121", "PCMK_ñ=1",
                                     "PCMK_remote_port=3121 # comment", "PCMK_logpriorty=info")))
        files[node] = "\n".join(lines).encode() + (b"\n" if rng.random() < 0.9 else b"")
    return files


# ---------------------------------------------------------------- running


class Fuzzer:
    def __init__(self, sources: list[Path]) -> None:
        from pcs_lint.config import Config
        from pcs_lint.planning import CliOptions, build_plan
        from pcs_lint.plugins import load_registry

        self.sources = sources
        self.plan = build_plan(load_registry(autoload=False), Config(), CliOptions())
        self._parsed: dict[Path, object] = {}

    def base(self, path: Path):
        if path not in self._parsed:
            try:
                self._parsed[path] = etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False))
            except etree.XMLSyntaxError:
                self._parsed[path] = None
        return self._parsed[path]

    def mutant(self, seed: int, number: int):
        rng = random.Random(f"{seed}:{number}")
        source = rng.choice(self.sources)
        base = self.base(source)
        if base is None:
            return source, [], source.read_bytes(), {}
        root = copy.deepcopy(base)
        names = mutate(rng, root)
        return source, names, serialise(rng, root), env_files(rng, root)

    def lint(self, data: bytes, env: dict[str, bytes]):
        from pcs_lint.engine import lint_bytes, lint_environment
        from pcs_lint.rule import AuthKey
        from pcs_lint.sysconfig import parse_env_bytes

        files = {node: parse_env_bytes(blob, node=node, path=f"{node}.sysconfig") for node, blob in env.items()}
        keys = {node: AuthKey(node=node, path=f"{node}.authkey", digest=("a" if i % 3 else "b") * 64, mode=0o640)
                for i, node in enumerate(env)}
        plan = dataclasses.replace(self.plan, env_files=files, authkeys=keys)
        return lint_bytes(data, "mutant.xml", plan) + lint_environment(plan)

    def explain(self, data: bytes, env: dict[str, bytes], code: str) -> tuple[str, str]:
        """(exception, innermost project frame) of the crash, by running the rule bare."""
        from pcs_lint.engine import _context
        from pcs_lint.model import build_index
        from pcs_lint.parse import parse_xml
        from pcs_lint.sysconfig import parse_env_bytes

        files = {node: parse_env_bytes(blob, node=node, path=f"{node}.sysconfig") for node, blob in env.items()}
        plan = dataclasses.replace(self.plan, env_files=files)
        try:
            parsed = parse_xml(data)
            cib = build_index(parsed.root)
            rule = plan.rule(code)
            if rule is not None:
                list(rule.check(_context(rule, plan, cib if rule.scope == "cib" else None, "mutant.xml")))
        except Exception as error:  # the crash we are looking for
            frames = [f for f in traceback.extract_tb(error.__traceback__)
                      if ("/lint/" in f.filename or "/rules/" in f.filename or "pcs_lint" in f.filename)]
            where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
            return f"{type(error).__name__}: {str(error)[:120]}", where
        return "not reproduced bare", "?"


class TooSlow(BaseException):  # not Exception: the engine turns those into PCS000 and goes on
    pass


def _alarm(signum, frame):
    raise TooSlow()


def save(out: str, name: str, data: bytes, env: dict[str, bytes]) -> str:
    stem = Path(out) / name
    stem.parent.mkdir(parents=True, exist_ok=True)
    stem.with_suffix(".xml").write_bytes(data)
    for node, blob in env.items():
        Path(f"{stem}.{node}.sysconfig").write_bytes(blob)
    return f"{stem}.xml"


def run_range(args: tuple[list[Path], int, int, int, str, int]) -> dict:
    sources, seed, start, stop, out, limit = args
    fuzzer = Fuzzer(sources)
    crashes: dict[tuple, dict] = {}
    slowest: list[tuple[float, int, str]] = []
    signal.signal(signal.SIGALRM, _alarm)
    for number in range(start, stop):
        source, names, data, env = fuzzer.mutant(seed, number)
        started = time.perf_counter()
        signal.alarm(limit)  # a hang is a bug too: stop it, save the mutant, go on
        try:
            findings = fuzzer.lint(data, env)
        except TooSlow:
            findings = []
            where = save(out, f"SLOW-{number}", data, env)
            crashes[("SLOW", str(number), "")] = {"count": 1, "number": number, "source": str(source),
                                                   "mutations": names, "exception": f"over {limit} s",
                                                   "message": "", "saved": where}
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - started
        slowest.append((elapsed, number, source.name))
        if len(slowest) > 40:
            slowest = sorted(slowest, reverse=True)[:20]
        for finding in findings:
            if finding.rule != "PCS000":
                continue
            code = finding.message.split()[1] if finding.message.startswith("rule ") else "index"
            exception, where = fuzzer.explain(data, env, code)
            key = (code, exception.split(":")[0], where)
            if key in crashes:
                crashes[key]["count"] += 1
                continue
            crashes[key] = {"count": 1, "number": number, "source": str(source), "mutations": names,
                            "exception": exception, "message": finding.message,
                            "saved": save(out, f"{code}-{number}", data, env)}
    print(f"mutants {start}-{stop - 1} done", file=sys.stderr, flush=True)
    return {"crashes": crashes, "slowest": sorted(slowest, reverse=True)[:20], "count": stop - start}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mutants", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first mutant number (to re-run a range)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", action="append", type=Path, help="directory of CIBs (repeatable)")
    parser.add_argument("--out", default="/tmp/fuzz-crashes")
    parser.add_argument("--limit", type=int, default=20, help="seconds before a mutant counts as a hang")
    options = parser.parse_args()

    corpora = options.corpus or DEFAULT_CORPORA
    sources = sorted(p for d in corpora for p in d.glob("*.xml"))
    sources += sorted(p for p in (ROOT / "samples").rglob("*.xml"))
    if not sources:
        sys.exit("no CIBs found: give --corpus DIR")
    stop = options.start + options.mutants
    chunk = max(1, min(250, options.mutants // (options.jobs * 4) or 1))
    ranges = [(sources, options.seed, s, min(s + chunk, stop), options.out, options.limit) for s in range(options.start, stop, chunk)]

    started = time.perf_counter()
    if options.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(options.jobs) as pool:
            results = pool.map(run_range, ranges, chunksize=1)
    else:
        results = [run_range(r) for r in ranges]
    elapsed = time.perf_counter() - started

    crashes: dict[tuple, dict] = {}
    for result in results:
        for key, crash in result["crashes"].items():
            if key in crashes:
                crashes[key]["count"] += crash["count"]
            else:
                crashes[key] = crash
    slowest = sorted((s for r in results for s in r["slowest"]), reverse=True)[:10]
    total = sum(r["count"] for r in results)
    print(f"{total} mutants of {len(sources)} CIBs (seed {options.seed}) in {elapsed:.0f} s "
          f"({total / elapsed:.0f}/s, {options.jobs} jobs)")
    print(f"{len(crashes)} distinct crashes ({sum(c['count'] for c in crashes.values())} mutants):")
    for (code, kind, where), crash in sorted(crashes.items()):
        print(f"  {code} {crash['exception']} at {where} x{crash['count']}")
        print(f"      mutant {crash['number']} of {Path(crash['source']).name} ({', '.join(crash['mutations'])}): "
              f"{crash['saved']}")
    print("slowest mutants:")
    for seconds, number, name in slowest:
        print(f"  {seconds * 1000:7.0f} ms  mutant {number} of {name}")
    counts = collections.Counter(code for code, _, _ in crashes)
    if counts:
        print("crashing rules: " + ", ".join(f"{code} ({n})" for code, n in counts.most_common()))


if __name__ == "__main__":
    main()
