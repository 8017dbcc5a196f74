#!/usr/bin/env python3
"""Extract what a Pacemaker release knows from its own binaries and schemas, as JSON.

Usage:
    tools/extract_release_data.py                 # the host's Pacemaker (Debian 12: 2.1.5)
    tools/extract_release_data.py --root ROOT     # the one in a chroot (tools/reference-root.sh)
    tools/extract_release_data.py --all           # both, into schemas/releases/
    tools/extract_release_data.py --check [--root ROOT]   # compare with the committed file

What is written, per release (see schemas/releases/README.md):
- ``cluster_options``: every option the daemons' ``metadata`` commands list (pacemaker-schedulerd,
  -controld, -based; on releases that have it, ``crm_attribute --list-options=cluster`` too), with
  type, default, allowed values and the deprecated / advanced markers the release prints;
- ``fence_device_parameters``: what ``pacemaker-fenced metadata`` lists (the pcmk_* parameters);
- ``schemas``: the pacemaker-*.rng versions shipped, and what ``cibadmin --empty`` writes
  (``validate-with`` and ``crm_feature_set`` of a new CIB);
- ``resource_meta_attributes``: from ``crm_resource --list-options=primitive`` where the release
  has it (3.0); the names no command of the release lists (2.1.5: all; 3.0.0: those of groups,
  clones and bundles) from this project's hand-kept option schema, each list with its source;
- ``operation_attributes``: the <op> attributes of the release's newest RELAX NG schema;
- ``environment_variables``: the PCMK_* names the release's /etc/default/pacemaker template
  mentions (a partial list: Pacemaker reads more than the template shows).

The output is deterministic (sorted keys and lists, no timestamps), so a regeneration that
changes nothing changes no byte. Needs root for --root (chroot).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from lxml import etree

PROJECT = Path(__file__).resolve().parent.parent
OUTPUT_DIR = PROJECT / "schemas" / "releases"
DEFAULT_ROOT = "/var/cache/pcs-lint/debian13-root"
DAEMON_DIRS = ("/usr/lib/pacemaker", "/usr/libexec/pacemaker")
OPTION_DAEMONS = ("pacemaker-schedulerd", "pacemaker-controld", "pacemaker-based")
FENCER = "pacemaker-fenced"
SCHEMA_DIR = "/usr/share/pacemaker"
ENV_TEMPLATE = "/etc/default/pacemaker"
HAND_KEPT_META = "schemas/options/resource-meta.schema.json"
DEPRECATED_MARK = "*** Deprecated ***"
ADVANCED_MARK = "*** Advanced Use Only ***"
_SCHEMA_FILE = re.compile(r"^pacemaker-([0-9]+)\.([0-9]+)\.rng$")
_ENV_NAME = re.compile(r"^#?\s*(PCMK_[A-Za-z0-9_]+)=", re.M)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class Release:
    """Runs the release's commands and reads its files: on the host, or inside a chroot."""

    def __init__(self, root: str | None = None) -> None:
        self.root = root

    def path(self, path: str) -> Path:
        return Path(self.root + path) if self.root else Path(path)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = ["chroot", self.root, *args] if self.root else list(args)
        return subprocess.run(command, capture_output=True, text=True, check=check, timeout=60,
                              env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL": "C"})

    def daemon(self, name: str) -> str:
        for directory in DAEMON_DIRS:
            if self.path(f"{directory}/{name}").exists():
                return f"{directory}/{name}"
        raise FileNotFoundError(f"{name} not found under {', '.join(DAEMON_DIRS)}")

    def version(self) -> str:
        first = self.run("crm_verify", "--version").stdout.splitlines()[0]
        match = re.match(r"Pacemaker (\d+\.\d+\.\d+)", first)
        if match is None:
            raise RuntimeError(f"cannot read a version from {first!r}")
        return match[1]


# ---------------------------------------------------------------- OCF metadata


def parse_parameters(xml_text: str, daemon: str) -> dict[str, dict]:
    """name -> facts of each <parameter> of an OCF-style metadata document."""
    root = etree.fromstring(xml_text.encode(), _PARSER)
    options: dict[str, dict] = {}
    for parameter in root.iter("parameter"):
        name = parameter.get("name")
        if not name:
            continue
        content = parameter.find("content")
        shortdesc = (parameter.findtext("shortdesc") or "").strip()
        facts: dict = {"daemon": daemon, "type": content.get("type") if content is not None else None}
        if content is not None and content.get("default") is not None:
            facts["default"] = content.get("default")
        values = [o.get("value") for o in content.iter("option")] if content is not None else []
        if values:
            facts["values"] = sorted(v for v in values if v is not None)
        # 2.x marks these in the short description; OCF 1.1 metadata (3.x) has a <deprecated>
        # element and an advanced="1" attribute.
        if shortdesc.startswith(DEPRECATED_MARK) or parameter.find("deprecated") is not None:
            facts["deprecated"] = True
            replaced = parameter.find("deprecated/replaced-with")
            if replaced is not None and replaced.get("name"):
                facts["replaced-by"] = replaced.get("name")
        if ADVANCED_MARK in shortdesc or parameter.get("advanced") == "1":
            facts["advanced"] = True
        if parameter.get("generated") == "1":
            facts["generated"] = True
        options[name] = facts
    return options


def daemon_options(release: Release, daemon: str) -> dict[str, dict]:
    result = release.run(release.daemon(daemon), "metadata")
    return parse_parameters(result.stdout, daemon.removeprefix("pacemaker-"))


def listed_options(release: Release, *args: str) -> str | None:
    """XML of ``crm_xxx --list-options=...``, or None when the release has no such option."""
    result = release.run(*args, "--all", "--output-as=xml", check=False)
    if result.returncode != 0 or "<" not in result.stdout:
        return None
    return result.stdout


def cluster_options(release: Release) -> tuple[dict[str, dict], list[str]]:
    options: dict[str, dict] = {}
    sources = []
    for daemon in OPTION_DAEMONS:
        options.update(daemon_options(release, daemon))
        sources.append(f"{daemon} metadata")
    listed = listed_options(release, "crm_attribute", "--list-options=cluster")
    if listed is not None:
        # Same options, one list: it adds nothing the daemons lack, but a name only it knows
        # (none in 3.0.0) would still count.
        for name, facts in parse_parameters(_metadata_part(listed), "crm_attribute").items():
            options.setdefault(name, facts)
        sources.append("crm_attribute --list-options=cluster")
    return options, sources


def _metadata_part(xml_text: str) -> str:
    """The <resource-agent> document inside crm_xxx's --output-as=xml wrapper."""
    root = etree.fromstring(xml_text.encode(), _PARSER)
    agent = root if root.tag == "resource-agent" else root.find(".//resource-agent")
    if agent is None:
        raise RuntimeError("--list-options output has no <resource-agent> element")
    return etree.tostring(agent, encoding="unicode")


# ---------------------------------------------------------------- schemas


def schema_versions(release: Release) -> list[str]:
    found = []
    for path in release.path(SCHEMA_DIR).glob("pacemaker-*.rng"):
        match = _SCHEMA_FILE.match(path.name)
        if match:
            found.append((int(match[1]), int(match[2])))
    names = [f"pacemaker-{major}.{minor}" for major, minor in sorted(found)]
    if release.path(f"{SCHEMA_DIR}/pacemaker-next.rng").exists():
        names.append("pacemaker-next")
    return names


def new_cib_attributes(release: Release) -> dict[str, str]:
    """validate-with and crm_feature_set of the CIB the release writes for a new cluster."""
    root = etree.fromstring(release.run("cibadmin", "--empty").stdout.encode(), _PARSER)
    return {"validate-with": root.get("validate-with"), "crm_feature_set": root.get("crm_feature_set")}


def operation_attributes_from_schema(release: Release, newest: str) -> list[str]:
    """The attributes <op> may carry in the release's newest schema (its resources-*.rng)."""
    grammar = etree.parse(str(release.path(f"{SCHEMA_DIR}/{newest}.rng")), _PARSER)
    ns = {"rng": "http://relaxng.org/ns/structure/1.0"}
    hrefs = grammar.xpath("//rng:externalRef/@href", namespaces=ns)
    resources = next((h for h in hrefs if h.startswith("resources-")), None)
    if resources is None:
        raise RuntimeError(f"{newest}.rng names no resources-*.rng")
    tree = etree.parse(str(release.path(f"{SCHEMA_DIR}/{resources}")), _PARSER)
    names: set[str] = set()
    for op in tree.xpath("//rng:element[@name='op']", namespaces=ns):
        names.update(op.xpath(".//rng:attribute/@name", namespaces=ns))
        # Attributes reached through a named pattern (<ref name="..."/>) count too.
        for ref in op.xpath(".//rng:ref/@name", namespaces=ns):
            for define in tree.xpath(f"//rng:define[@name='{ref}']", namespaces=ns):
                names.update(define.xpath("./rng:attribute/@name | ./*/rng:attribute/@name",
                                          namespaces=ns))
    return sorted(names)


# ---------------------------------------------------------------- resource and operation names


def resource_names(release: Release, newest: str) -> tuple[dict, dict]:
    """Resource meta-attribute names, each list with its source. No command of 2.1.5 lists any,
    and 3.0.0's crm_resource lists only a primitive's: the names of groups, clones and bundles
    (and, for 2.1.5, all of them) come from the project's hand-kept schema, said so."""
    hand = json.loads((PROJECT / HAND_KEPT_META).read_text(encoding="utf-8"))["properties"]
    lists = []
    listed = listed_options(release, "crm_resource", "--list-options=primitive")
    known: dict[str, bool] = {}
    if listed is not None:
        meta = parse_parameters(_metadata_part(listed), "crm_resource")
        lists.append({"source": "crm_resource --list-options=primitive", "names": sorted(meta)})
        known.update({name: bool(facts.get("deprecated")) for name, facts in meta.items()})
    rest = sorted(set(hand) - set(known))
    lists.append({"source": f"{HAND_KEPT_META} (Pacemaker Explained: no command of this release "
                  "lists these)", "names": rest})
    known.update({name: bool(hand[name].get("deprecated")) for name in rest})
    resource = {"lists": lists, "deprecated": sorted(n for n, d in known.items() if d)}
    operation = {"source": f"<op> attributes of {newest}'s RELAX NG schema",
                 "names": operation_attributes_from_schema(release, newest)}
    return resource, operation


def environment_variables(release: Release) -> dict:
    template = release.path(ENV_TEMPLATE)
    names = sorted(set(_ENV_NAME.findall(template.read_text(encoding="utf-8")))) if template.exists() else []
    return {"source": f"{ENV_TEMPLATE} as shipped (partial: Pacemaker reads more than it mentions)",
            "names": names}


# ---------------------------------------------------------------- the document


def extract(release: Release) -> dict:
    version = release.version()
    options, option_sources = cluster_options(release)
    new_cib = new_cib_attributes(release)
    schemas = schema_versions(release)
    resource, operation = resource_names(release, new_cib["validate-with"])
    fenced = daemon_options(release, FENCER)
    return {
        "release": version,
        "generated-by": "tools/extract_release_data.py",
        "cluster-options": {"sources": option_sources, "options": options},
        "fence-device-parameters": {"source": f"{FENCER} metadata", "parameters": fenced},
        "schemas": {"source": f"{SCHEMA_DIR}/pacemaker-*.rng", "versions": schemas},
        "new-cib": {"source": "cibadmin --empty", **new_cib},
        "resource-meta-attributes": resource,
        "operation-attributes": operation,
        "environment-variables": environment_variables(release),
    }


def render(document: dict) -> str:
    return json.dumps(document, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def output_path(version: str) -> Path:
    return OUTPUT_DIR / f"{version}.json"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", help="extract from the Pacemaker inside this chroot")
    parser.add_argument("--all", action="store_true",
                        help=f"the host and the reference root ($PCS_LINT_DEBIAN13_ROOT or {DEFAULT_ROOT})")
    parser.add_argument("--check", action="store_true", help="compare with the committed file; write nothing")
    args = parser.parse_args(argv)
    if args.all:
        import os
        roots = [None, os.environ.get("PCS_LINT_DEBIAN13_ROOT", DEFAULT_ROOT)]
    else:
        roots = [args.root]
    status = 0
    for root in roots:
        document = extract(Release(root))
        target = output_path(document["release"])
        text = render(document)
        if args.check:
            same = target.exists() and target.read_text(encoding="utf-8") == text
            print(f"{target.relative_to(PROJECT)}: {'up to date' if same else 'DIFFERS'}")
            status |= 0 if same else 1
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"wrote {target.relative_to(PROJECT)}")
    return status


if __name__ == "__main__":
    sys.exit(main())
