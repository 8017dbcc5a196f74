"""Generators of hostile mutants for fuzz_rules.py: the input classes that found issue 8's defects.

Each generator takes a random.Random and a base CIB (an lxml root, already a private copy) and
returns a Mutant. In-process classes carry the bytes to lint (and environment files); CLI classes
carry a Scenario: files to lay out in a fresh directory (odd names, FIFOs, symlinks to devices),
the pcs-lint arguments, and how stdin and stdout are connected. Nothing here runs pcs-lint.

Marker strings let the runner see a leak without knowing the defect: CANARY is the content of a
file that only an external entity or an escaping symlink can reach, FORGED starts a line that only
an unescaped newline in a name or id can create, SECRET is an environment variable's value.
"""

from __future__ import annotations

import base64
import codecs
import encodings.aliases
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

FIFO = "fuzz.fifo"  # made by the runner in each worker's directory: opening it blocks forever
CANARY_FILE = "fuzz-canary.txt"  # holds CANARY: only an external entity reaches it
CANARY_CIB = "fuzz-canary.xml"  # a CIB naming CANARY: only a symlink leaving the walked tree reaches it
CANARY = "FUZZCANARY7f3a"
FORGED = "FORGED"
SECRET = "FUZZSECRET91c4"
SECRET_VARIABLE = "FUZZ_CI_TOKEN"
FORMATS = ("text", "json", "sarif", "junit", "github", "gitlab")


@dataclass(frozen=True)
class Entry:
    """One thing to create in a CLI scenario's directory (name relative to it, raw bytes)."""

    name: bytes
    kind: str  # file, fifo, symlink, dir
    content: bytes = b""  # a file's bytes, or a symlink's target


@dataclass(frozen=True)
class Scenario:
    entries: tuple[Entry, ...]
    args: tuple[bytes, ...]
    stdin: str = "empty"  # empty, zero (endless), data
    stdin_data: bytes = b""
    stdout: str = "pipe"  # pipe, closed, full, early-close
    real_interpreter: bool = False  # exit-time flushing of stdout needs a real interpreter
    expect_error: bool = False  # a documented usage error: exit 2 expected


@dataclass(frozen=True)
class Mutant:
    number: int
    kind: str
    description: str
    data: bytes = b""
    env: dict[str, bytes] = field(default_factory=dict)
    codec: str | None = None  # encoding class: what the bytes are encoded in
    scenario: Scenario | None = None
    render: bool = False  # ids class: render the text-like formats and look for forged lines


# ---------------------------------------------------------------- encodings

# Always tried even when this libxml2 refuses them (another build may decode them).
_EXTRA_CODECS = {"cp037": ("IBM037", "EBCDIC-CP-US", "CP037"), "cp500": ("IBM500", "EBCDIC-CP-BE", "CP500"),
                 "cp1140": ("IBM01140",), "cp273": ("IBM273",), "utf_7": ("UTF-7", "UNICODE-1-1-UTF-7")}


def _spellings(codec: str) -> list[str]:
    names = {codec} | {alias for alias, target in encodings.aliases.aliases.items() if target == codec}
    spelled = set(_EXTRA_CODECS.get(codec, ()))
    for name in names:
        spelled |= {name, name.replace("_", "-"), name.upper(), name.upper().replace("_", "-")}
        number = re.fullmatch(r"cp(\d+)", name)
        if number:
            spelled |= {f"IBM{number.group(1)}", f"CP{number.group(1)}"}
    return sorted(spelled)


@functools.lru_cache(maxsize=1)
def shared_codecs() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(Python codec, names libxml2 accepts for it) for every text codec both decode.

    Worked out by trying: a one-attribute document encoded by Python under each spelling is
    parsed by this libxml2, and the spellings under which the attribute comes back are kept. The
    EBCDIC and UTF-7 codecs are kept with all their spellings even when refused here.
    """
    probe_parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    found = []
    for codec in sorted(set(encodings.aliases.aliases.values()) | set(_EXTRA_CODECS)):
        try:
            if not getattr(codecs.lookup(codec), "_is_text_encoding", True):
                continue
        except LookupError:
            continue
        accepted = []
        for name in _spellings(codec):
            try:
                document = f'<?xml version="1.0" encoding="{name}"?><cib a="xyz"/>'.encode(codec)
                if etree.fromstring(document, probe_parser).get("a") == "xyz":
                    accepted.append(name)
            except (etree.XMLSyntaxError, ValueError, UnicodeError, LookupError):
                continue
        if accepted:
            found.append((codec, tuple(accepted)))
        elif codec in _EXTRA_CODECS:
            found.append((codec, _EXTRA_CODECS[codec]))
    return tuple(found)


def utf7_markup_in_base64(text: str) -> bytes:
    """UTF-7 where every markup character is base64-encoded (+ADw- for '<'): an ASCII scan sees no tag."""
    out, run = [], []

    def flush() -> None:
        if run:
            encoded = base64.b64encode("".join(run).encode("utf-16-be")).rstrip(b"=")
            out.append(b"+" + encoded + b"-")
            run.clear()

    for char in text:
        if char in "<>!&%\"'=[]?" or ord(char) > 127 or char == "+":
            run.append(char)
        else:
            flush()
            out.append(char.encode("ascii"))
    flush()
    return b"".join(out)


def _doctype(rng) -> tuple[str, str]:
    """(DOCTYPE declaration, entity reference to put in the document or '')."""
    choice = rng.randrange(6)
    if choice == 0:  # the case: an external parameter entity read while the DTD is parsed
        return f'<!DOCTYPE cib [<!ENTITY % ext SYSTEM "{FIFO}"> %ext;]>', ""
    if choice == 1:
        return f'<!DOCTYPE cib SYSTEM "{FIFO}">', ""
    if choice == 2:
        return f'<!DOCTYPE cib PUBLIC "-//fuzz//x" "{FIFO}">', ""
    if choice == 3:  # an external general entity whose text would land in a finding
        return f'<!DOCTYPE cib [<!ENTITY leak SYSTEM "{CANARY_FILE}">]>', "&leak;"
    if choice == 4:  # a small billion-laughs
        levels = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 7))
        return f'<!DOCTYPE cib [<!ENTITY l0 "lol">{levels}]>', "&l6;"
    return f'<!DOCTYPE cib [<!ENTITY % ext SYSTEM "{CANARY_FILE}"> %ext; <!ENTITY e "{CANARY}">]>', "&e;"


def encoding(rng, root, number: int) -> Mutant:
    shared = dict(shared_codecs())
    family = rng.choices((("utf_7",), ("cp037", "cp500", "cp1140", "cp273"),
                          ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"), tuple(shared)),
                         (30, 15, 25, 30))[0]
    codec = rng.choice([c for c in family if c in shared] or list(shared))
    names = shared[codec]
    declared = rng.choice(names)
    doctype, reference = _doctype(rng)
    if reference:
        target = rng.choice([e for e in root.iter() if isinstance(e.tag, str)])
        target.set("description", "ENTITY-HERE")
    body = etree.tostring(root, encoding="unicode").replace("ENTITY-HERE", reference)
    prolog = rng.choice(("", "\n", "<!-- c -->\n", "<?pi x?>\n", " \n<!-- a --><?b?>\n"))
    text = f'<?xml version="1.0" encoding="{declared}"?>\n{prolog}{doctype}\n{body}'
    if codec == "utf_7" and rng.random() < 0.8:
        declaration = f'<?xml version="1.0" encoding="{declared}"?>'
        data = declaration.encode("ascii") + utf7_markup_in_base64(text[len(declaration):])
        how = "utf-7 with markup in base64"
    else:
        data = text.encode(codec, errors="xmlcharrefreplace")
        how = codec
        bom = {"utf_16_le": codecs.BOM_UTF16_LE, "utf_16_be": codecs.BOM_UTF16_BE,
               "utf_32_le": codecs.BOM_UTF32_LE, "utf_32_be": codecs.BOM_UTF32_BE}.get(codec)
        if bom and rng.random() < 0.5:
            data, how = bom + data, f"{codec} with BOM"
    return Mutant(number, "encoding", f"{how}, declared {declared!r}: {doctype[:60]}", data, codec=codec)


# ---------------------------------------------------------------- floods and twins


def _size(rng, small: int, large: int) -> int:
    """Mostly modest sizes (so a run stays fast once the code is linear), now and then the large one."""
    return rng.choice((small, small, 2 * small, 4 * small, large))


def _containers(root) -> list:
    return [e for e in root.iter() if isinstance(e.tag, str)
            and e.tag in ("configuration", "resources", "constraints", "crm_config", "nodes", "status",
                          "cluster_property_set", "meta_attributes", "instance_attributes")] or [root]


def _serialise_with(root, marker: str, replacement: str) -> bytes:
    return etree.tostring(root, encoding="UTF-8").replace(marker.encode(), replacement.encode())


def comments(rng, root, number: int) -> Mutant:
    count = _size(rng, 5_000, 40_000)
    parent = rng.choice(_containers(root))
    etree.SubElement(parent, "FLOODHERE")
    flavour = rng.choice(("<!--c-->", "<!-- pcs-lint: disable=PCS101 reason -->", "<!---->", "<!--x-->\n",
                          "<!--c-->t"))
    data = _serialise_with(root, "<FLOODHERE/>", flavour * count)
    if rng.random() < 0.3:  # after the root element too, where no text may be
        data += flavour.removesuffix("t").encode() * count
    return Mutant(number, "comments", f"{count} comments {flavour!r} in <{parent.tag}>", data)


def processing_instructions(rng, root, number: int) -> Mutant:
    count = _size(rng, 20_000, 200_000)
    parent = rng.choice(_containers(root))
    etree.SubElement(parent, "FLOODHERE")
    flavour = rng.choice(("<?p?>", "<?pcs x?>", "<?p?>\n", "<?p?>t"))  # text after each: tails to move
    tail = rng.choice(("t", "", "\n  "))
    data = _serialise_with(root, "<FLOODHERE/>", flavour * count + tail)
    return Mutant(number, "pis", f"{count} processing instructions {flavour!r} then {tail!r}", data)


TWIN_MARKUP = (
    '<primitive id="twin" class="ocf" provider="heartbeat" type="Dummy"/>',
    '<nvpair id="twin" name="n" value="v"/>',
    '<rsc_location id="twin" rsc="nothing" node="node1" score="INFINITY"/>',
    '<node id="twin" uname="twin"/>',
)


def twins(rng, root, number: int) -> Mutant:
    return _many_siblings(rng, root, number, shared_id=True)


def siblings(rng, root, number: int) -> Mutant:
    """Many siblings with distinct ids: super-linear work over a container's children (a RELAX NG
    validation quadratic in them was found this way)."""
    return _many_siblings(rng, root, number, shared_id=False)


def _many_siblings(rng, root, number: int, shared_id: bool) -> Mutant:
    # 50,000 at most: linear work over 100,000 constraints (8 MB) already takes ~10 s here
    count = _size(rng, 5_000, 50_000)
    markup = rng.choice(TWIN_MARKUP)
    parent_tag = {"primitive": "resources", "nvpair": "cluster_property_set", "rsc_location": "constraints",
                  "node": "nodes"}[markup.split()[0][1:]]
    parents = [e for e in root.iter() if e.tag == parent_tag]
    if parents:
        parent = rng.choice(parents)
    else:
        holders = [e for e in root.iter() if e.tag == "crm_config"] or [root]
        parent = etree.SubElement(rng.choice(holders) if parent_tag == "cluster_property_set" else root, parent_tag,
                                  id="fuzz-twin-holder")
    etree.SubElement(parent, "FLOODHERE")
    if shared_id:
        flood = markup * count
    else:
        flood = "".join(markup.replace('"twin"', f'"sibling-{index}"') for index in range(count))
    data = _serialise_with(root, "<FLOODHERE/>", flood)
    kind, what = ("twins", "sharing one id") if shared_id else ("siblings", "with distinct ids")
    return Mutant(number, kind, f"{count} siblings {markup[:40]!r} {what}", data)


# ---------------------------------------------------------------- huge numbers

NUMERIC_ATTRIBUTES = ("replicas", "replicas-per-host", "promoted-max", "masters", "control-port", "port",
                      "internal-port", "score", "interval", "timeout", "start-delay", "index", "priority",
                      "promoted-node-max", "clone-max", "clone-node-max", "interval-origin", "value",
                      "range", "ip-range-start", "host-netmask")
NUMERIC_OPTIONS = ("remote-port", "remote-connect-timeout", "reconnect_interval", "migration-threshold",
                   "resource-stickiness", "priority", "failure-timeout", "clone-max", "clone-node-max",
                   "promoted-max", "promoted-node-max", "target-role", "interval", "timeout", "port",
                   "stonith-timeout", "cluster-recheck-interval", "shutdown-lock-limit", "pcmk_delay_max",
                   "pcmk_delay_base", "pcmk_host_check", "pcmk_reboot_timeout", "multiple-active",
                   "batch-limit", "node-health-base", "stonith-watchdog-timeout", "priority-fencing-delay")


def huge_number(rng) -> str:
    digits = int(5_000 * (20 ** rng.random()))  # 5,000 to 100,000 digits, log-uniform
    number = rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in range(8)) * (digits // 8)
    return rng.choice(("", "", "-", "+")) + number + rng.choice(("", "", "s", "ms", "min", "-80"))


def huge_numbers(rng, root, number: int) -> Mutant:
    value = huge_number(rng)
    numeric = [(element, name) for element in root.iter() if isinstance(element.tag, str)
               for name in element.attrib
               if (name in NUMERIC_ATTRIBUTES or element.get(name, "").lstrip("-+").isdigit())
               and not (name == "value" and element.tag == "nvpair" and element.get("name") not in NUMERIC_OPTIONS)]
    changed = []
    # at most 40, so the mutant stays a few MB (2,000 of them made a 150 MB file: slow, not a bug)
    for element, name in rng.sample(numeric, min(len(numeric), 40)):
        element.set(name, value)
        changed.append(f"{element.tag}@{name}")
    if rng.random() < 0.6:  # numeric options a CIB may not have: add them to a resource's meta
        resources = [e for e in root.iter() if e.tag in ("primitive", "clone", "group", "bundle")]
        if resources:
            meta = etree.SubElement(rng.choice(resources), "meta_attributes", id="fuzz-huge-meta")
            for name in rng.sample(NUMERIC_OPTIONS, 5):
                etree.SubElement(meta, "nvpair", id=f"fuzz-huge-{name}", name=name, value=value)
                changed.append(name)
        ops = [e for e in root.iter() if e.tag == "op"]
        for op in rng.sample(ops, min(3, len(ops))):
            op.set(rng.choice(("interval", "timeout", "start-delay")), value)
    env = {node: f"PCMK_remote_port={value}\nPCMK_logfacility=daemon\n".encode()
           for node in ("node1", "node2", "remote1") if rng.random() < 0.5}
    what = f"{len(value)}-character number in {len(changed)} attributes"
    return Mutant(number, "numbers", what + (f" and PCMK_remote_port of {len(env)} env files" if env else ""),
                  etree.tostring(root, encoding="UTF-8"), env)


# ---------------------------------------------------------------- bundles


def bundles(rng, root, number: int) -> Mutant:
    count = rng.choice((50, 100, 300, 600))
    replicas = rng.choice((1000, 4096, 10000, 100000))
    with_network = rng.random() < 0.7
    per_host = rng.choice(("", "", "1", "64"))
    resources = [e for e in root.iter() if e.tag == "resources"]
    if not resources:
        configuration = [e for e in root.iter() if e.tag == "configuration"] or [root]
        resources = [etree.SubElement(configuration[0], "resources")]
    parent = resources[0]
    for index in range(count):
        bundle = etree.SubElement(parent, "bundle", id=f"fuzz-bundle-{index}")
        container = etree.SubElement(bundle, rng.choice(("docker", "podman")), image="img",
                                     replicas=str(replicas))
        if per_host:
            container.set("replicas-per-host", per_host)
        if with_network:
            network = etree.SubElement(bundle, "network", **{"ip-range-start": f"10.{index % 250}.0.1",
                                                              "control-port": "3121"})
            etree.SubElement(network, "port-mapping", id=f"fuzz-bundle-{index}-pm", port="80")
        etree.SubElement(bundle, "primitive", id=f"fuzz-bundle-{index}-rsc", type="Dummy",
                         provider="pacemaker", **{"class": "ocf"})
    what = f"{count} bundles, replicas={replicas}" + (" with networks" if with_network else "")
    return Mutant(number, "bundles", what,
                  etree.tostring(root, encoding="UTF-8"))


# ---------------------------------------------------------------- control characters in ids

ODD_IDS = (f"a\n{FORGED}: x", f"b\r\n{FORGED} y", "esc\x1b[31mred\x1b[0m", "\x1b]0;title\x07", "nel\x85z",
           "ls\u2028z", "ps\u2029z", "tab\tz", "del\x7fz", "bell\x07z", f"\n{FORGED}",
           "csi\x9b31mz", "osc\x9d0;t\x9c")  # C1 controls are XML characters: CSI reaches a terminal


def _in_attribute(rng, text: str) -> bytes:
    """Text for an attribute value. XML characters that attribute normalisation would change
    (tab, newline, CR) and all non-ASCII ones as character references, so they reach the id;
    other C0 controls (ESC, BEL) are not XML characters: raw or as a reference, a syntax error
    whose message must still be safe to print."""
    out = []
    for char in text:
        if char in "\t\n\r" or ord(char) >= 0x7F or (ord(char) < 32 and rng.random() < 0.5):
            out.append(f"&#{ord(char)};")
        else:
            out.append(char)
    return "".join(out).encode()


def control_ids(rng, root, number: int) -> Mutant:
    """Ids and names holding newlines, ESC and line separators, kept through serialisation."""
    placeholders = {}
    candidates = [e for e in root.iter() if isinstance(e.tag, str) and (e.get("id") or e.get("uname"))]
    for index, element in enumerate(rng.sample(candidates, min(len(candidates), rng.randint(1, 8)))):
        odd = rng.choice(ODD_IDS)
        key = f"ODDID{index}X"
        placeholders[key] = odd
        name = "uname" if element.get("uname") and rng.random() < 0.5 else "id"
        element.set(name, key)
        if rng.random() < 0.8:  # and a dangling reference that names it, so findings quote it
            ref_parent = [e for e in root.iter() if e.tag == "constraints"]
            if ref_parent:
                etree.SubElement(ref_parent[0], "rsc_order", id=f"fuzz-ref-{index}", first=key, then=f"{key}-missing")
    data = etree.tostring(root, encoding="UTF-8")
    for key, odd in placeholders.items():
        data = data.replace(key.encode(), _in_attribute(rng, odd))
    return Mutant(number, "ids", f"control characters in {len(placeholders)} ids/unames", data, render=True)


# ---------------------------------------------------------------- CLI scenarios


def _sample(name: str) -> bytes:
    return (Path(__file__).resolve().parent.parent / "samples" / name).read_bytes()


def _bad_cib() -> bytes:
    return _sample("bad/PCS101-guest-name-conflicts-id.xml")


def _clean_cib() -> bytes:
    clean = sorted((Path(__file__).resolve().parent.parent / "samples" / "clean").glob("*.xml"))
    return clean[0].read_bytes()


def special_files(rng, root, number: int) -> Mutant:
    """FIFOs, devices and escaping symlinks named *.xml, linted directly or through a directory walk."""
    choices = [
        Entry(b"fifo.xml", "fifo"),
        Entry(b"zero.xml", "symlink", b"/dev/zero"),
        Entry(b"urandom.xml", "symlink", b"/dev/urandom"),
        Entry(b"environ.xml", "symlink", b"/proc/self/environ"),
        Entry(b"outside.xml", "symlink", f"../{CANARY_CIB}".encode()),
        Entry(b"loop-a.xml", "symlink", b"loop-b.xml"), Entry(b"loop-b.xml", "symlink", b"loop-a.xml"),
        Entry(b"dangling.xml", "symlink", b"no-such-file"),
        Entry(b"dir.xml", "dir"),
        Entry(b"sub/deeper/fifo.xml", "fifo"),
        Entry(b"sub/up.xml", "symlink", f"../../{CANARY_CIB}".encode()),
        Entry(b"sub/self", "symlink", b"."),
    ]
    entries = [Entry(b"good.xml", "file", _bad_cib())]
    entries += rng.sample(choices, rng.randint(1, 4))
    if rng.random() < 0.5:
        args = [b"."]
        walked = True
    else:
        walked = False
        # a file named on the command line may be read wherever it points: not the escaping symlinks
        named = [e.name for e in entries if not e.content.startswith(b"..")]
        args = [rng.choice(named)]
    args += rng.choice(([], [b"--show-source"], [b"--format", b"json"], [b"--jobs", b"2"]))
    stdin = "empty"
    if rng.random() < 0.15:
        args, stdin = [b"-"], "zero"
    kinds = ", ".join(f"{e.name.decode()}:{e.kind}" for e in entries[1:])
    what = f"{'walk' if walked else 'name'} {kinds}" + (" with endless stdin" if stdin == "zero" else "")
    return Mutant(number, "files", what, scenario=Scenario(tuple(entries), tuple(args), stdin=stdin))


ODD_NAMES = (f"a\n{FORGED}: b.xml".encode(), b"esc\x1b[31m.xml", b"\xff\xfe-latin.xml", b"caf\xe9.xml",
             b"tab\tname.xml", b"cr\rname.xml", "ls\u2028name.xml".encode(), b"nel\xc2\x85.xml",
             b"-dash.xml", b" space .xml", b"quote\"'.xml", b"pct%s%n.xml", b"back\\slash.xml")


def odd_names(rng, root, number: int) -> Mutant:
    name = rng.choice(ODD_NAMES)
    if rng.random() < 0.3:
        name = b"sub\x1b/" + name
    entries = [Entry(name, "file", _bad_cib() if rng.random() < 0.8 else _clean_cib())]
    output_format = rng.choice(FORMATS)
    args = [b"--format", output_format.encode()]
    args += rng.choice(([], [b"--show-source"], [b"--statistics"], [b"-o", b"report.out"]))
    args += [b"--", name] if rng.random() < 0.5 else [b"."]
    return Mutant(number, "names", f"file {name!r}, --format {output_format}",
                  scenario=Scenario(tuple(entries), tuple(args)))


CONFIGS = (
    (b"pyproject.toml", b"tool = 1\n"), (b"pyproject.toml", b'tool = "x"\n'), (b"pyproject.toml", b"tool = [1]\n"),
    (b"pyproject.toml", b"[tool]\npcs-lint = 1\n"), (b"pyproject.toml", b"[tool.pcs-lint]\nselect = 1\n"),
    (b".pcs-lint.toml", b"select = 5\n"), (b".pcs-lint.toml", b"exclude = [1, 2]\n"),
    (b".pcs-lint.toml", b"ignore = \"ALL\"\n"), (b".pcs-lint.toml", b"\xff\xfe\x00"),
    (b".pcs-lint.toml", b"fail-on = 1" + b"0" * 5000 + b"\n"), (b"pyproject.toml", b"[[tool]]\n"),
)
BASELINES = (b'{"findings": 5}', b'{"findings": [{"a": [1]}]}', b"[" * 100_000 + b"]" * 100_000,
             b'{"findings": [], "version": 1' + b"0" * 5000 + b"}", b"not json", b'{"findings": [[[]]]}',
             b"\xff\xfe", b'{"findings": [{"rule": {}, "path": [], "message": 1}]}')


def configs(rng, root, number: int) -> Mutant:
    """Odd config files in the directory, corrupted baselines, empty selections, outputs onto inputs."""
    entries = [Entry(b"cib.xml", "file", _bad_cib())]
    args: list[bytes] = []
    what = []
    expect_error = False
    if rng.random() < 0.5:
        entries.append(Entry(*rng.choice(CONFIGS)))
        what.append(f"config {entries[-1].name.decode()}={entries[-1].content[:30]!r}")
    if rng.random() < 0.4:
        entries.append(Entry(b"baseline.json", "file", rng.choice(BASELINES)))
        args += [b"--baseline", b"baseline.json"]
        what.append(f"baseline {entries[-1].content[:30]!r}")
    if rng.random() < 0.3:
        args += [b"--select", rng.choice((b"", b",", b" , "))]
        expect_error = True
        what.append("empty --select")
    if rng.random() < 0.2:
        args += [rng.choice((b"-o", b"--write-baseline")), b"cib.xml"]
        what.append("output onto the input")
    args.append(b"cib.xml")
    return Mutant(number, "configs", "; ".join(what) or "plain", scenario=Scenario(tuple(entries), tuple(args),
                                                                                   expect_error=expect_error))


def closed_stdout(rng, root, number: int) -> Mutant:
    """stdout closed, a full device, or a reader that stops early: the exit code must still follow the findings."""
    cib = _bad_cib() if rng.random() < 0.5 else _clean_cib()
    args = [b"--format", rng.choice(FORMATS).encode()]
    if rng.random() < 0.3:
        args.append(b"--exit-zero")
    args.append(b"cib.xml")
    stdout = rng.choice(("closed", "full", "early-close"))
    return Mutant(number, "stdout", f"stdout {stdout}, {b' '.join(args).decode()}",
                  scenario=Scenario((Entry(b"cib.xml", "file", cib),), tuple(args), stdout=stdout,
                                    real_interpreter=True))


GENERATORS = {
    "encoding": encoding, "comments": comments, "pis": processing_instructions, "twins": twins, "siblings": siblings,
    "numbers": huge_numbers, "bundles": bundles, "ids": control_ids, "files": special_files,
    "names": odd_names, "configs": configs, "stdout": closed_stdout,
}
CLI_CLASSES = ("files", "names", "configs", "stdout")


