#!/usr/bin/env python3
"""Fuzz pcs-lint: mutate real CIBs, generate hostile input, classify what each mutant does.

    .venv/bin/python benchmarks/fuzz_rules.py [--count 20000] [--seconds S] [--seed 1] [--jobs 2]
        [--limit 10] [--classes structure,encoding,...] [--corpus DIR]... [--out /tmp/fuzz-crashes]
    .venv/bin/python benchmarks/fuzz_rules.py --seed S --replay N     # run mutant N alone

A robustness script, not a test. Mutant N depends only on (seed, N): its class is drawn first
(CLASS_WEIGHTS), then its base CIB from the corpus and samples/. Classes:

- structure: one to six structural mutations of a real CIB (attributes set to odd values, elements
  duplicated, moved, removed, ids made to collide, deep nesting...), with environment files;
- encoding, comments, pis, twins, numbers, bundles, ids: the hostile documents of issue 8
  (fuzz_hostile.py), linted in-process like structure;
- files, names, configs, stdout: scenarios that need the command line (FIFOs and symlinks to
  devices named *.xml, odd file names, odd config and baseline files, a closed or full stdout),
  run in a child forked from the warm worker (stdout: a real interpreter, for exit-time flushing).

Each worker process runs under a 2 GiB address-space limit (as tests/hostile.py) and each mutant
under --limit seconds. A mutant is ok, crash (PCS000, a traceback, "internal error", an
undocumented exit code, or a report oracle: a forged line, a raw control character, a printed
secret, a file not given read, an input overwritten, invalid JSON/XML), hang (over the limit, or
an external-entity FIFO opened; the stack shows where) or memory (MemoryError, or killed). Each
distinct signature is saved once under --out with a repro.txt (a pcs-lint command and the
--replay line), and a summary line gives the counts.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import copy
import dataclasses
import faulthandler
import io
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

import fuzz_hostile as hostile
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
        for _ in range(rng.randrange(0, 4)):
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
                etree.SubElement(params, "nvpair", id=f"fuzz-remote-{key}", name=key,
                                 value=rng.choice(ODD_VALUES + (name,)))
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
    (set_attribute, 6), (set_nvpair_value, 5), (duplicate_element, 2), (multiply_element, 1), (move_element, 2),
    (remove_element, 2),
    (collide_id, 2), (empty_section, 1), (transform_primitive, 2), (add_id_ref, 2), (nest_deeply, 1),
    (add_resource_set, 2), (rename_tag, 2), (add_guest_or_remote, 2), (odd_everywhere, 2), (add_bundle, 1),
)


def mutate(rng: random.Random, root) -> list[str]:
    names = []
    functions, weights = zip(*MUTATIONS, strict=True)
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


# ---------------------------------------------------------------- mutants

# Share of each input class among the mutants. The structural mutations of real CIBs stay the bulk
# (cheap, in-process); the issue-8 classes are heavier, the CLI ones heaviest (a fork each, or a
# whole interpreter for the stdout class), so they get fewer.
CLASS_WEIGHTS = {
    "structure": 60, "encoding": 8, "numbers": 8, "ids": 6, "twins": 0.75, "siblings": 0.25, "comments": 0.5,
    "pis": 0.5, "bundles": 1, "files": 4, "names": 2.5, "configs": 2, "stdout": 0.5,
}
ADDRESS_SPACE_LIMIT = 2 * 1024**3  # as tests/hostile.py
DOCUMENTED_EXIT_CODES = (0, 1, 2)
VERDICTS = ("ok", "crash", "hang", "memory")


class Fuzzer:
    """Makes mutant N of a seed (it depends only on (seed, N)) and lints in-process ones."""

    def __init__(self, sources: list[Path], seed: int, classes: dict[str, float] | None = None) -> None:
        from pcs_lint.config import Config
        from pcs_lint.planning import CliOptions, build_plan
        from pcs_lint.plugins import load_registry

        self.sources = sources
        self.seed = seed
        self.classes = classes or CLASS_WEIGHTS
        # debug: the engine prints the traceback of each rule crash, which gives its signature
        self.plan = dataclasses.replace(build_plan(load_registry(autoload=False), Config(), CliOptions()), debug=True)
        self._parsed: dict[Path, object] = {}

    def base(self, path: Path):
        if path not in self._parsed:
            try:
                self._parsed[path] = etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False))
            except etree.XMLSyntaxError:
                self._parsed[path] = None
        return self._parsed[path]

    def mutant(self, number: int) -> hostile.Mutant:
        rng = random.Random(f"{self.seed}:{number}")
        names, weights = zip(*self.classes.items(), strict=True)
        kind = rng.choices(names, weights)[0]
        source = rng.choice(self.sources)
        base = self.base(source)
        if base is None:
            return hostile.Mutant(number, "structure", f"{source.name} as is", source.read_bytes())
        root = copy.deepcopy(base)
        if kind == "structure":
            done = mutate(rng, root)
            return hostile.Mutant(number, kind, f"{source.name}: {', '.join(done)}", serialise(rng, root),
                                  env_files(rng, root))
        made = hostile.GENERATORS[kind](rng, root, number)
        return dataclasses.replace(made, description=f"{source.name}: {made.description}")

    def lint(self, data: bytes, env: dict[str, bytes]):
        from pcs_lint.engine import lint_bytes, lint_environment
        from pcs_lint.rule import AuthKey
        from pcs_lint.sysconfig import parse_env_bytes

        files = {node: parse_env_bytes(blob, node=node, path=f"{node}.sysconfig") for node, blob in env.items()}
        keys = {node: AuthKey(node=node, path=f"{node}.authkey", digest=("a" if i % 3 else "b") * 64, mode=0o640)
                for i, node in enumerate(env)}
        plan = dataclasses.replace(self.plan, env_files=files, authkeys=keys)
        return lint_bytes(data, "mutant.xml", plan) + lint_environment(plan)


# ---------------------------------------------------------------- verdicts


@dataclasses.dataclass(frozen=True)
class Defect:
    verdict: str  # crash, hang, memory
    signature: str  # what deduplicates: the kind of failure and where
    detail: str = ""


@dataclasses.dataclass(frozen=True)
class Outcome:
    number: int
    kind: str
    seconds: float
    defects: tuple[Defect, ...] = ()

    @property
    def verdict(self) -> str:
        return max((d.verdict for d in self.defects), key=VERDICTS.index, default="ok")


_FRAME = re.compile(r"File \"([^\"]+)\", line (\d+|None),? in (\S+)")


def project_frame(traceback_text: str, line: bool = True) -> str:
    """The innermost frame of pcs-lint's own code in a printed traceback or faulthandler dump.

    Without its line number for hangs: where a loop is interrupted varies from run to run.
    """
    frames = [m for m in _FRAME.finditer(traceback_text)
              if "/lint/" in m.group(1) or "/rules/" in m.group(1) or "pcs_lint" in m.group(1)]
    if "most recent call first" in traceback_text:  # faulthandler lists the innermost first
        frames.reverse()
    if not frames:
        return "?"
    last = frames[-1]
    where = f"{Path(last.group(1)).parent.name}/{Path(last.group(1)).name}"
    return f"{where}:{last.group(2)} {last.group(3)}" if line else f"{where} {last.group(3)}"


def _tracebacks(text: str) -> list[tuple[str, str]]:
    """(exception type, innermost project frame) of each traceback printed in text."""
    found = []
    for block in text.split("Traceback (most recent call last):")[1:]:
        last = next((line for line in block.splitlines() if line and not line.startswith((" ", "Traceback"))), "")
        found.append((last.split(":")[0].strip() or "?", project_frame(block)))
    return found


def normalise(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text))[:150]


_TERMINAL_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def output_defects(output_format: str, text: str, where: str) -> list[Defect]:
    """What a report must never contain: forged lines, raw terminal controls, leaked markers, bad syntax."""
    defects = []
    if output_format in ("text", "github", "gitlab"):
        if any(line.startswith(hostile.FORGED) for line in text.splitlines()):
            defects.append(Defect("crash", f"a newline in a name or id forges a report line ({output_format})", where))
        control = _TERMINAL_CONTROL.search(text)  # colour is off, so every one comes from the input
        if control:
            defects.append(Defect("crash", f"raw control character U+{ord(control.group()):04X} reaches the "
                                  f"report ({output_format})", where))
    if hostile.SECRET in text:
        defects.append(Defect("crash", "an environment variable's value is printed", where))
    if hostile.CANARY in text:
        defects.append(Defect("crash", "a file that was not given was read (marker in the report)", where))
    if output_format in ("json", "sarif", "gitlab") and text.strip():
        try:
            json.loads(text)
        except ValueError as error:
            defects.append(Defect("crash", f"the {output_format} report is not JSON", f"{where}: {error}"))
    if output_format == "junit" and text.strip():
        try:
            etree.fromstring(text.encode("utf-8", "surrogateescape"))
        except (etree.XMLSyntaxError, ValueError) as error:
            defects.append(Defect("crash", "the junit report is not XML", f"{where}: {error}"))
    return defects


_LINE_NUMBER = re.compile(r":(\d+|None) ")


class TooSlow(BaseException):
    """Our alarm. Not an Exception, which the engine contains as PCS000; an engine that contains
    every BaseException of a rule reports it as a PCS000 too, which lint_in_process reads as a hang."""
    pass


def _alarm(signum, frame):
    raise TooSlow()


def lint_in_process(fuzzer: Fuzzer, mutant: hostile.Mutant, limit: float) -> list[Defect]:
    captured = io.StringIO()
    # Repeating: an engine that contains a rule's BaseException (as a PCS000) goes on to the next
    # rule, which is then interrupted too, so the mutant ends soon after the limit.
    signal.setitimer(signal.ITIMER_REAL, limit, 0.25)
    try:
        with contextlib.redirect_stderr(captured):
            findings = fuzzer.lint(mutant.data, mutant.env)
    except TooSlow as error:
        signal.setitimer(signal.ITIMER_REAL, 0)
        where = project_frame("".join(traceback.format_tb(error.__traceback__)), False)
        return [Defect("hang", f"over the limit in {where}")]
    except MemoryError as error:
        return [Defect("memory", f"MemoryError in {project_frame(''.join(traceback.format_tb(error.__traceback__)))}")]
    except Exception as error:  # lint_bytes itself must never raise
        where = project_frame("".join(traceback.format_tb(error.__traceback__)))
        return [Defect("crash", f"engine raised {type(error).__name__} in {where}", str(error)[:200])]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    defects = []
    crashes = [f for f in findings if f.rule == "PCS000"]
    printed = _tracebacks(captured.getvalue())
    for exception, frame in dict.fromkeys(printed):
        message = next((f.message for f in crashes if exception in f.message), crashes[0].message if crashes else "")
        if exception.rpartition(".")[2] == TooSlow.__name__:  # our alarm, contained as a rule crash
            function = _LINE_NUMBER.sub(" ", frame)  # hangs are signed by function
            defects.append(Defect("hang", f"over the limit in {function}", message[:300]))
            continue
        verdict = "memory" if exception == "MemoryError" else "crash"
        defects.append(Defect(verdict, f"PCS000 {exception} in {frame}", message[:300]))
    if crashes and not printed:  # the engine did not print them: fall back to the messages
        for message in dict.fromkeys(normalise(f.message) for f in crashes):
            verdict = "hang" if TooSlow.__name__ in message else "memory" if "MemoryError" in message else "crash"
            defects.append(Defect(verdict, f"PCS000 {message}"))
    if any(hostile.CANARY in f.message for f in findings):
        defects.append(Defect("crash", "an external entity's text reached a finding"))
    if mutant.render:
        defects.extend(_rendered_defects(fuzzer, findings))
    return defects


def _rendered_defects(fuzzer: Fuzzer, findings) -> list[Defect]:
    from pcs_lint.findings import Severity
    from pcs_lint.report import RenderOptions, Report
    from pcs_lint.reporters import render

    report = Report(version="fuzz", findings=tuple(findings), files=("mutant.xml",), rules=fuzzer.plan.rules,
                    fail_on=Severity.WARNING, exit_code=1)
    defects = []
    for output_format in hostile.FORMATS:
        try:
            defects.extend(output_defects(output_format, render(output_format, report, RenderOptions()), "in-process"))
        except Exception as error:
            where = project_frame("".join(traceback.format_tb(error.__traceback__)))
            defects.append(Defect("crash", f"--format {output_format} raised {type(error).__name__} in {where}"))
    return defects


# ---------------------------------------------------------------- CLI scenarios


def fifo_reader_caught(path: str) -> int | None:
    """If some process is opening or holds the FIFO for reading, a descriptor writing to it, else None.

    The caller keeps the descriptor open until it has killed that process: the reader's open()
    then returns but its read() blocks, so the stack dump still shows where the FIFO was opened.
    """
    try:
        return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return None


def lay_out(directory: Path, scenario: hostile.Scenario) -> list[str]:
    """Create the scenario's entries under directory; return the FIFOs made."""
    fifos = []
    base = os.fsencode(directory)
    for entry in scenario.entries:
        path = os.path.join(base, entry.name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if entry.kind == "file":
            with open(path, "wb") as handle:
                handle.write(entry.content)
        elif entry.kind == "fifo":
            os.mkfifo(path)
            fifos.append(os.fsdecode(path))
        elif entry.kind == "symlink":
            os.symlink(entry.content, path)
        elif entry.kind == "dir":
            os.makedirs(path, exist_ok=True)
    return fifos


def _snapshot(directory: Path) -> dict[str, bytes]:
    found = {}
    for folder, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(folder, name)
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    found[path] = handle.read()
    return found


def _child_environment() -> dict[str, str]:
    env = dict(os.environ)
    env.update({hostile.SECRET_VARIABLE: hostile.SECRET, "PCS_LINT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1"})
    return env


_CHILD_CODE = ("import faulthandler, signal, sys; faulthandler.register(signal.SIGUSR1); "
               "from pcs_lint.cli import main; sys.argv[0] = 'pcs-lint'; main()")


def _start_cli(scenario: hostile.Scenario, directory: Path, stdout_mode: str, out_path: str, err_path: str,
               real_interpreter: bool) -> int:
    """Start pcs-lint on the scenario; return the child's pid. Forks this (already warm) process
    and calls the CLI's main, unless a real interpreter is needed for exit-time behaviour."""
    args = [os.fsdecode(a) for a in scenario.args]
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: never returns
        limit_resources()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        os.chdir(directory)
        stdin = os.open("/dev/zero" if scenario.stdin == "zero" else "/dev/null", os.O_RDONLY)
        os.dup2(stdin, 0)
        err = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(err, 2)
        if stdout_mode == "closed":
            os.close(1)
        elif stdout_mode == "full":
            os.dup2(os.open("/dev/full", os.O_WRONLY), 1)
        elif stdout_mode == "early-close":
            reader, writer = os.pipe()
            os.close(reader)
            os.dup2(writer, 1)
        else:
            os.dup2(os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), 1)
        _rebind_standard_streams(stdout_mode)
        environment = _child_environment()
        if real_interpreter:
            environment.setdefault("PYTHONPYCACHEPREFIX", str(directory.parent / "pycache"))
            os.execve(sys.executable, [sys.executable, "-c", _CHILD_CODE, *args], environment)
        os.environ.clear()
        os.environ.update(environment)
        faulthandler.register(signal.SIGUSR1, file=sys.stderr)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as the interpreter sets it
        from pcs_lint.cli import main as cli_main

        code = 1
        try:
            cli_main(args)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except BaseException:
            traceback.print_exc()
        try:  # what the interpreter does at exit: a failed flush of stdout is exit 120
            if sys.stdout is not None:
                sys.stdout.flush()
        except Exception:
            traceback.print_exc()
            code = 120
        sys.stderr.flush()
        os._exit(code)
    except BaseException:
        traceback.print_exc()
        sys.stderr.flush()
    os._exit(99)


def _rebind_standard_streams(stdout_mode: str) -> None:
    """sys.stdin/stdout/stderr on the new descriptors 0-2, made as the interpreter makes them at
    start-up (a closed descriptor gives None), whatever the forking process had put there."""
    def text_stream(descriptor: int, mode: str, like):
        raw = io.FileIO(descriptor, mode, closefd=False)
        buffered = io.BufferedReader(raw) if mode == "r" else io.BufferedWriter(raw)
        return io.TextIOWrapper(buffered, encoding=like.encoding if like else "utf-8",
                                errors=like.errors if like else "strict", line_buffering=descriptor == 2)

    sys.stdin = text_stream(0, "r", sys.__stdin__)
    sys.stdout = None if stdout_mode == "closed" else text_stream(1, "w", sys.__stdout__)
    sys.stderr = text_stream(2, "w", sys.__stderr__)


@dataclasses.dataclass(frozen=True)
class CliRun:
    status: str  # exited, killed (by us, over time), signal
    code: int
    stdout: str
    stderr: str
    fifo: str | None = None  # the FIFO found opened


def run_cli(scenario: hostile.Scenario, directory: Path, limit: float, stdout_mode: str | None = None,
            extra_fifos: tuple[str, ...] = ()) -> CliRun:
    stdout_mode = stdout_mode or scenario.stdout
    fifos = lay_out(directory, scenario) if not directory.exists() else \
        [str(p) for p in directory.rglob("*") if p.is_fifo()]
    out_path, err_path = str(directory) + ".stdout", str(directory) + ".stderr"
    pid = _start_cli(scenario, directory, stdout_mode, out_path, err_path, scenario.real_interpreter)
    # a new interpreter first imports everything (seconds on a loaded machine): not the hang sought
    deadline = time.monotonic() + (3 * limit if scenario.real_interpreter else limit)
    opened = writer = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        for fifo in (*fifos, *extra_fifos):
            writer = fifo_reader_caught(fifo)
            if writer is not None:
                opened = fifo
                break
        if opened or time.monotonic() > deadline:
            os.kill(pid, signal.SIGUSR1)  # faulthandler: where it is stuck
            time.sleep(0.2)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = None
            if writer is not None:
                os.close(writer)
            break
        time.sleep(0.02)
    stdout = Path(out_path).read_bytes().decode("utf-8", "surrogateescape") if os.path.exists(out_path) else ""
    stderr = Path(err_path).read_bytes().decode("utf-8", "surrogateescape") if os.path.exists(err_path) else ""
    for path in (out_path, err_path):
        with contextlib.suppress(OSError):
            os.unlink(path)
    if status is None:
        return CliRun("killed", -9, stdout, stderr, opened and os.path.relpath(opened, directory))
    if os.WIFSIGNALED(status):
        return CliRun("signal", -os.WTERMSIG(status), stdout, stderr)
    return CliRun("exited", os.WEXITSTATUS(status), stdout, stderr)


def cli_defects(mutant: hostile.Mutant, workdir: Path, limit: float) -> list[Defect]:
    scenario = mutant.scenario
    assert scenario is not None
    directory = workdir / f"cli-{mutant.number}"
    shutil.rmtree(directory, ignore_errors=True)
    try:
        fifos = lay_out(directory, scenario)
        before = _snapshot(directory)
        run = run_cli(scenario, directory, limit, extra_fifos=(str(workdir / hostile.FIFO),))
        defects = classify_cli(mutant, run, directory)
        changed = [os.path.relpath(p, directory) for p, data in before.items()
                   if not os.path.exists(p) or Path(p).read_bytes() != data]
        if changed:
            defects.append(Defect("crash", "an input file was overwritten", ", ".join(changed)))
        if scenario.stdout != "pipe" and run.status == "exited":
            shutil.rmtree(directory, ignore_errors=True)
            lay_out(directory, scenario)
            reference = run_cli(scenario, directory, limit, stdout_mode="pipe")
            expected = 2 if scenario.stdout == "full" else reference.code
            if reference.status == "exited" and run.code != expected:
                defects.append(Defect("crash", f"exit code {run.code} with stdout {scenario.stdout}, "
                                      f"{expected} expected", f"reference run exited {reference.code}"))
            if scenario.stdout == "full" and len(run.stderr.strip().splitlines()) > 1:
                defects.append(Defect("crash", "a full stdout gives more than a one-line error", run.stderr[-300:]))
        del fifos
        return defects
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def _internal_error_findings(output_format: str, stdout: str) -> list[str]:
    """Messages of PCS000 findings in a text or JSON report (the other formats also list the
    rules' documentation, which names PCS000)."""
    if output_format == "text":
        return [line.split(": PCS000 ", 1)[1] for line in stdout.splitlines() if ": PCS000 " in line]
    if output_format == "json":
        with contextlib.suppress(ValueError, AttributeError, TypeError):
            return [f["message"] for f in json.loads(stdout)["findings"] if f.get("rule") == "PCS000"]
    return []


def classify_cli(mutant: hostile.Mutant, run: CliRun, directory: Path) -> list[Defect]:
    scenario = mutant.scenario
    both = run.stdout + run.stderr
    where = f"{mutant.kind}: {mutant.description}"
    if run.status == "killed":
        cause = f"opened FIFO {run.fifo}" if run.fifo else "over the limit"
        return [Defect("hang", f"CLI {cause} in {project_frame(run.stderr, False)}", where)]
    if run.status == "signal":
        return [Defect("memory", f"CLI killed by signal {signal.Signals(-run.code).name}", where)]
    if "MemoryError" in both:
        return [Defect("memory", f"CLI MemoryError in {project_frame(run.stderr)}", where)]
    defects = []
    for exception, frame in dict.fromkeys(_tracebacks(both)):
        defects.append(Defect("crash", f"CLI traceback {exception} in {frame}", where))
    internal = re.search(r"internal error: (\w+)", run.stderr)
    if internal:
        defects.append(Defect("crash", f"CLI internal error {internal.group(1)} ({mutant.kind})",
                              f"{where}: {run.stderr.strip()[:300]}"))
    if run.code not in DOCUMENTED_EXIT_CODES:
        defects.append(Defect("crash", f"CLI undocumented exit code {run.code} ({mutant.kind})",
                              f"{where}: {run.stderr.strip()[:300]}"))
    if scenario.expect_error and run.code == 0:
        defects.append(Defect("crash", "a usage error (empty --select) exits 0", where))
    args = [os.fsdecode(a) for a in scenario.args]
    output_format = args[args.index("--format") + 1] if "--format" in args else "text"
    for message in _internal_error_findings(output_format, run.stdout):
        defects.append(Defect("crash", f"CLI PCS000 {normalise(message)}", where))
    report = run.stdout
    if "-o" in args and args[args.index("-o") + 1] == "report.out" and (directory / "report.out").exists():
        report = (directory / "report.out").read_bytes().decode("utf-8", "surrogateescape")
    if run.code in DOCUMENTED_EXIT_CODES and scenario.stdout == "pipe":
        defects.extend(output_defects(output_format, report, where))
    if hostile.SECRET in run.stderr or hostile.CANARY in run.stderr:
        defects.extend(output_defects("stderr", run.stderr, where))
    return defects


# ---------------------------------------------------------------- workers


def prepare_workdir(workdir: Path) -> None:
    """The files hostile mutants point at: a FIFO (opening it blocks) and two canaries."""
    workdir.mkdir(parents=True, exist_ok=True)
    if not (workdir / hostile.FIFO).exists():
        os.mkfifo(workdir / hostile.FIFO)
    (workdir / hostile.CANARY_FILE).write_text(hostile.CANARY + "\n")
    cib = (ROOT / "samples" / "clean" / "cib.xml").read_text()
    canary = (f'<rsc_order id="{hostile.CANARY}" first="{hostile.CANARY}-missing" then="{hostile.CANARY}-x"/>'
              "</constraints>")
    (workdir / hostile.CANARY_CIB).write_text(cib.replace("</constraints>", canary))


def limit_resources() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_one(fuzzer: Fuzzer, number: int, limit: float, workdir: Path) -> Outcome:
    started = time.perf_counter()
    mutant = fuzzer.mutant(number)
    if mutant.scenario is not None:
        defects = cli_defects(mutant, workdir, limit)
    else:
        defects = lint_in_process(fuzzer, mutant, limit)
    return Outcome(number, mutant.kind, time.perf_counter() - started, tuple(defects))


RESTART_ABOVE = ADDRESS_SPACE_LIMIT // 2


def _address_space() -> int:
    """This process's mapped address space in bytes (VmSize), 0 when unknown."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmSize:"))
            return int(line.split()[1]) * 1024
    return 0


def warm_up_cli() -> None:
    """Run the CLI once per format in this process, so the forked runs start warm (0.1 s, not 0.6 s)."""
    from pcs_lint.cli import main as cli_main

    sample = str(ROOT / "samples" / "bad" / "PCS101-guest-name-conflicts-id.xml")
    for output_format in hostile.FORMATS:
        with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
            with contextlib.suppress(SystemExit):
                cli_main(["--isolated", "--format", output_format, sample])


def worker(connection, sources: list[Path], seed: int, classes: dict, limit: float, workdir: Path) -> None:
    limit_resources()
    prepare_workdir(workdir)
    os.chdir(workdir)  # relative entity names (fuzz.fifo) resolve here
    faulthandler.register(signal.SIGUSR1, file=open(workdir / "stack.txt", "a"))  # noqa: SIM115
    signal.signal(signal.SIGALRM, _alarm)
    fuzzer = Fuzzer(sources, seed, classes)
    if any(kind in hostile.CLI_CLASSES for kind in classes):
        warm_up_cli()
    while True:
        try:
            number = connection.recv()
        except EOFError:  # the parent is gone
            return
        if number is None:
            return
        try:
            outcome = run_one(fuzzer, number, limit, workdir)
        except TooSlow:  # the repeating alarm again, while the first was being handled
            signal.setitimer(signal.ITIMER_REAL, 0)
            outcome = Outcome(number, fuzzer_kind(fuzzer, number), limit,
                              (Defect("hang", "over the limit (the alarm repeated while stopping)"),))
        # a fresh worker after a large mutant: the heap stays mapped, and near the limit even a
        # lazy import fails (ImportError: failed to map segment), which a run never meets. Said
        # with the outcome: a worker that just left is not one that died on the next mutant.
        restarting = outcome.verdict == "memory" or _address_space() > RESTART_ABOVE
        connection.send((outcome, restarting))
        if restarting:
            return


class Worker:
    def __init__(self, index: int, options, sources: list[Path], classes: dict) -> None:
        import multiprocessing

        self.workdir = Path(options.workdir) / f"worker-{index}"
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.number: int | None = None
        self.deadline = 0.0
        self.started = 0.0
        self.connection, child = multiprocessing.get_context("fork").Pipe()
        self.process = multiprocessing.get_context("fork").Process(
            # not daemonic: pcs-lint --jobs N forked from it must be allowed children of its own
            target=worker, args=(child, sources, options.seed, classes, options.limit, self.workdir), daemon=False)
        self.process.start()
        child.close()

    def assign(self, number: int, limit: float) -> None:
        self.number = number
        self.started = time.monotonic()
        self.deadline = self.started + 3 * limit + 10  # CLI mutants may run pcs-lint twice
        self.connection.send(number)

    def stop(self, stack: bool = True) -> str:
        """Kill the worker (hung in C code or for good); return where it was stuck."""
        where = ""
        if stack and self.process.is_alive():
            (self.workdir / "stack.txt").write_text("")
            os.kill(self.process.pid, signal.SIGUSR1)
            time.sleep(0.3)
            where = project_frame((self.workdir / "stack.txt").read_text(), False)
        self.process.kill()
        self.process.join()
        return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", "--mutants", type=int, default=20000, help="number of mutants")
    parser.add_argument("--seconds", type=float, default=None, help="stop starting mutants after this long")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0, help="first mutant number (to re-run a range)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", action="append", type=Path, help="directory of CIBs (repeatable)")
    parser.add_argument("--out", default="/tmp/fuzz-crashes")
    parser.add_argument("--workdir", default=None, help="scratch directory (default: a new temporary one)")
    parser.add_argument("--limit", type=float, default=10, help="seconds before a mutant counts as a hang")
    parser.add_argument("--classes", default=None,
                        help=f"comma-separated classes to run (default all: {', '.join(CLASS_WEIGHTS)})")
    parser.add_argument("--replay", type=int, default=None, help="run mutant N alone and print its verdict")
    options = parser.parse_args()

    corpora = options.corpus or DEFAULT_CORPORA
    sources = sorted(p for d in corpora for p in d.glob("*.xml"))
    sources += sorted(p for p in (ROOT / "samples").rglob("*.xml"))
    if not sources:
        sys.exit("no CIBs found: give --corpus DIR")
    classes = CLASS_WEIGHTS
    if options.classes:
        unknown = set(options.classes.split(",")) - set(CLASS_WEIGHTS)
        if unknown:
            sys.exit(f"unknown classes: {', '.join(sorted(unknown))}")
        classes = {name: CLASS_WEIGHTS[name] for name in options.classes.split(",")}
    if os.environ.get(hostile.SECRET_VARIABLE) != hostile.SECRET:
        # /proc/self/environ shows the environment a process was started with, so the secret a
        # forked pcs-lint must never print has to be there from the start: start again with it
        os.execve(sys.executable, [sys.executable, *sys.argv],
                  {**os.environ, hostile.SECRET_VARIABLE: hostile.SECRET})
    temporary = options.workdir is None
    options.workdir = options.workdir or tempfile.mkdtemp(prefix="pcs-lint-fuzz-")
    try:
        if options.replay is not None:
            replay(options, sources, classes)
        else:
            fuzz(options, sources, classes)
    finally:
        if temporary:
            shutil.rmtree(options.workdir, ignore_errors=True)


def replay(options, sources: list[Path], classes: dict) -> None:
    workdir = Path(options.workdir) / "replay"
    limit_resources()
    prepare_workdir(workdir)
    os.chdir(workdir)
    signal.signal(signal.SIGALRM, _alarm)
    fuzzer = Fuzzer(sources, options.seed, classes)
    warm_up_cli()
    mutant = fuzzer.mutant(options.replay)
    print(f"mutant {options.replay} ({mutant.kind}): {mutant.description}")
    outcome = run_one(fuzzer, options.replay, options.limit, workdir)
    print(f"{outcome.verdict} in {outcome.seconds:.2f} s")
    for defect in outcome.defects:
        print(f"  {defect.verdict}: {defect.signature}\n      {defect.detail[:300]}")


def save(out: Path, fuzzer: Fuzzer, number: int, signature: str, options) -> str:
    """Write mutant N where a person can run it: the files, and how to run it (repro.txt)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", signature)[:60].strip("-")
    directory = out / f"{slug}-{number}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    mutant = fuzzer.mutant(number)
    replay_line = (f"{sys.executable} {Path(__file__).resolve()} --seed {options.seed} --replay {number}"
                   + (f" --classes {options.classes}" if options.classes else ""))
    if mutant.scenario is None:
        prepare_workdir(directory)
        (directory / "mutant.xml").write_bytes(mutant.data)
        sysconfig = ""
        for node, blob in mutant.env.items():
            (directory / f"{node}.sysconfig").write_bytes(blob)
            sysconfig += f" --sysconfig {shlex.quote(node)}={shlex.quote(node)}.sysconfig"
        output_format = re.search(r"\((text|json|sarif|junit|github|gitlab)\)$", signature)
        if output_format:
            sysconfig += f" --format {output_format.group(1)}"
        command = f"cd {directory} && pcs-lint mutant.xml{sysconfig}"
    else:
        prepare_workdir(directory)
        lay_out(directory / "run", mutant.scenario)
        args = " ".join(_shell_word(a) for a in mutant.scenario.args)
        redirects = {"closed": " >&-", "full": " >/dev/full", "early-close": " | head -c0"}
        redirect = redirects.get(mutant.scenario.stdout, "")
        stdin = " </dev/zero" if mutant.scenario.stdin == "zero" else ""
        command = f"cd {directory / 'run'} && pcs-lint {args}{stdin}{redirect}"
    (directory / "repro.txt").write_text(f"{mutant.kind}: {mutant.description}\n{signature}\n\n{command}\n"
                                         f"{replay_line}\n")
    return command


def _shell_word(word: bytes) -> str:
    if re.fullmatch(rb"[A-Za-z0-9_./=,+-]+", word):
        return word.decode()
    return "$'" + "".join(chr(b) if 32 <= b < 127 and b not in b"'\\" else f"\\x{b:02x}" for b in word) + "'"


def fuzz(options, sources: list[Path], classes: dict) -> None:
    import multiprocessing.connection

    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # stop the workers too
    fuzzer = Fuzzer(sources, options.seed, classes)  # to re-make and save the mutants that failed
    workers = [Worker(i, options, sources, classes) for i in range(options.jobs)]
    stop = options.start + options.count
    next_number = options.start
    started = time.monotonic()
    end = started + options.seconds if options.seconds else float("inf")
    counts: collections.Counter = collections.Counter()
    per_class: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    signatures: dict[str, dict] = {}
    slowest: list[tuple[float, int, str]] = []
    done = 0

    def record(outcome: Outcome) -> None:
        nonlocal done, slowest
        done += 1
        counts[outcome.verdict] += 1
        per_class[outcome.kind][0] += 1
        per_class[outcome.kind][1] += outcome.seconds
        slowest = sorted([*slowest, (outcome.seconds, outcome.number, outcome.kind)], reverse=True)[:10]
        for defect in outcome.defects:
            seen = signatures.get(defect.signature)
            if seen:
                seen["count"] += 1
                seen["classes"].add(outcome.kind)
                continue
            command = save(out, fuzzer, outcome.number, defect.signature, options)
            signatures[defect.signature] = {"verdict": defect.verdict, "count": 1, "number": outcome.number,
                                            "classes": {outcome.kind}, "detail": defect.detail, "command": command}
            print(f"new {defect.verdict}: {defect.signature} (mutant {outcome.number}, {outcome.kind})",
                  file=sys.stderr, flush=True)
        if done % 500 == 0:
            print(f"{done} mutants, {time.monotonic() - started:.0f} s: {dict(counts)}", file=sys.stderr, flush=True)

    try:
        while True:
            for current in workers:
                if current.number is None and next_number < stop and time.monotonic() < end:
                    current.assign(next_number, options.limit)
                    next_number += 1
            busy = [w for w in workers if w.number is not None]
            if not busy:
                break
            ready = multiprocessing.connection.wait([w.connection for w in busy] + [w.process.sentinel for w in busy],
                                                    timeout=0.1)
            for index, current in enumerate(workers):
                if current.number is None:
                    continue
                kind = fuzzer_kind(fuzzer, current.number)
                if current.connection in ready or current.connection.poll():
                    try:
                        outcome, restarting = current.connection.recv()
                    except (EOFError, OSError):
                        outcome, restarting = None, False
                    if outcome is not None:
                        current.number = None
                        record(outcome)
                        if restarting or not current.process.is_alive():
                            current.process.join()
                            workers[index] = Worker(index, options, sources, classes)
                        continue
                writer = fifo_reader_caught(str(current.workdir / hostile.FIFO))
                reader = writer is not None
                died = not current.process.is_alive()
                late = time.monotonic() > current.deadline
                if not (reader or died or late):
                    continue
                seconds = time.monotonic() - current.started
                if died:
                    code = current.process.exitcode
                    name = signal.Signals(-code).name if code and code < 0 else f"exit {code}"
                    defect = Defect("memory", f"worker died ({name})")
                else:
                    where = current.stop()
                    cause = "opened the external-entity FIFO" if reader else "over the limit (stuck in C code)"
                    defect = Defect("hang", f"{cause} in {where}")
                if writer is not None:
                    os.close(writer)
                record(Outcome(current.number, kind, seconds, (defect,)))
                workers[index] = Worker(index, options, sources, classes)
    finally:
        for current in workers:
            with contextlib.suppress(OSError, BrokenPipeError):
                current.connection.send(None)
        for current in workers:
            current.process.join(timeout=2)
            if current.process.is_alive():
                current.stop(stack=False)
    elapsed = time.monotonic() - started
    report(options, done, elapsed, counts, signatures, per_class, slowest)


def fuzzer_kind(fuzzer: Fuzzer, number: int) -> str:
    rng = random.Random(f"{fuzzer.seed}:{number}")
    names, weights = zip(*fuzzer.classes.items(), strict=True)
    return rng.choices(names, weights)[0]


def report(options, done, elapsed, counts, signatures, per_class, slowest) -> None:
    print(f"seed {options.seed}, mutants {options.start}-{options.start + done - 1}, {options.jobs} jobs, "
          f"limit {options.limit:g} s, saved to {options.out}")
    print("per class: " + ", ".join(f"{kind} {n} ({seconds / n * 1000:.0f} ms)"
                                    for kind, (n, seconds) in sorted(per_class.items())))
    for signature, seen in sorted(signatures.items(), key=lambda item: (item[1]["verdict"], item[0])):
        print(f"  {seen['verdict']:6} x{seen['count']:<5} {signature}  [{', '.join(sorted(seen['classes']))}]")
        if seen["detail"]:
            print(f"         {seen['detail'][:200]!r}")
        print(f"         mutant {seen['number']}: {seen['command']}")
    print("slowest: " + ", ".join(f"{seconds:.1f} s #{number} {kind}" for seconds, number, kind in slowest))
    used = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers and their pcs-lint children
    cpu = used.ru_utime + used.ru_stime
    print(f"mutants {done} ok {counts['ok']} crashes {counts['crash']} hangs {counts['hang']} "
          f"memory {counts['memory']} distinct signatures {len(signatures)} "
          f"({done / elapsed if elapsed else 0:.1f}/s, {elapsed:.0f} s, {cpu:.0f} CPU s, "
          f"{cpu / done * 1000 if done else 0:.0f} CPU ms each)")


if __name__ == "__main__":
    main()
