"""Helpers for testing rules (pcs-lint's own tests, and plugin authors' tests).

    from pcs_lint.testing import lint_text, codes_lines

    findings = lint_text(XML, select=["PCS113"], env={"node1": "PCMK_remote_port=3122\\n"})
    assert codes_lines(findings) == [("PCS113", 12)]
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pcs_lint.config import Config
from pcs_lint.findings import Finding
from pcs_lint.pipeline import CibInput, lint_inputs
from pcs_lint.planning import CliOptions, build_plan
from pcs_lint.plugins import load_registry


def lint_text(
    xml: str | bytes,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    env: Mapping[str, str] | None = None,
    authkeys: Mapping[str, bytes] | None = None,
    rules: Mapping[str, Mapping[str, Any]] | None = None,
    schema_dir: str | None = None,
    path: str = "cib.xml",
    extra_plugins: tuple[Any, ...] = (),
    suppress: tuple[Mapping[str, str], ...] = (),
    pacemaker_version: str | None = None,
    sbd: Mapping[str, str] | None = None,
    sbd_dumps: Mapping[str, str] | None = None,
    corosync: str | Mapping[str, str] | None = None,
) -> list[Finding]:
    """Lint one CIB given as text, with environment files given as text per node.

    The same pipeline as the command line (lint/pipeline.py): a plugin that fails to load is a
    PCS000 finding here too. Entry-point plugins are not loaded (tests see only built-in rules and
    ``extra_plugins``).
    Environment files are written to a temporary directory and reported as ``<node>.env``; SBD
    files (``sbd``: node -> text) as ``<node>.sbd``; sbd dumps (``sbd_dumps``: device -> text)
    as ``dump1.txt``, ``dump2.txt``... in the mapping's order. ``corosync`` is every node's
    corosync.conf as text (reported as ``corosync.conf``), or node -> text for each node's copy
    (``<node>.corosync.conf``).
    ``pacemaker_version`` is ``--pacemaker-version`` (default: the CIB's dc-version, else inferred).
    """
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    with tempfile.TemporaryDirectory() as tmp:
        sysconfig = _written(tmp, env, lambda node, _: f"{node}.env")
        keys = []
        for node, key in (authkeys or {}).items():
            file = Path(tmp, f"{node}.authkey")
            file.write_bytes(key)
            file.chmod(0o600)
            keys.append(f"{node}={file}")
        sbd_files = _written(tmp, sbd, lambda node, _: f"{node}.sbd")
        dumps = _written(tmp, sbd_dumps, lambda _, number: f"dump{number}.txt")
        if isinstance(corosync, str):
            Path(tmp, "corosync.conf").write_text(corosync, encoding="utf-8")
            corosync_files = [str(Path(tmp, "corosync.conf"))]
        else:
            corosync_files = _written(tmp, corosync, lambda node, _: f"{node}.corosync.conf")
        registry = load_registry(autoload=False, extra_plugins=extra_plugins)
        config = Config(rules=dict(rules or {}), suppress=tuple(suppress))
        cli = CliOptions(
            select=tuple(select) if select is not None else None,
            ignore=tuple(ignore),
            sysconfig=tuple(sysconfig),
            authkey=tuple(keys),
            sbd=tuple(sbd_files),
            sbd_dump=tuple(dumps),
            corosync=tuple(corosync_files),
            schema_dir=schema_dir,
            pacemaker_version=pacemaker_version,
        )
        plan = build_plan(registry, config, cli)
        findings = lint_inputs([CibInput(path, path, data)], plan).findings
    return [_relative(f, tmp) for f in findings]


def _written(tmp: str, texts: Mapping[str, str] | None, name: Callable[[str, int], str]) -> list[str]:
    """Write each KEY's text to ``tmp``/name(KEY, its 1-based position); the KEY=PATH options."""
    options = []
    for number, (key, text) in enumerate((texts or {}).items(), start=1):
        file = Path(tmp, name(key, number))
        file.write_text(text, encoding="utf-8")
        options.append(f"{key}={file}")
    return options


def _relative(finding: Finding, tmp: str) -> Finding:
    """Findings about the temporary environment files name them as ``<node>.env``, also in text."""
    from dataclasses import replace

    prefix = tmp.rstrip("/") + "/"
    return replace(
        finding,
        path=finding.path.removeprefix(prefix),
        message=finding.message.replace(prefix, ""),
        hint=finding.hint.replace(prefix, "") if finding.hint else finding.hint,
        related=tuple(replace(place, path=place.path.removeprefix(prefix)) for place in finding.related),
    )


def codes_lines(findings: Iterable[Finding]) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in findings]


def codes_ids(findings: Iterable[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule, f.object_id) for f in findings]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only occurrence of ``needle`` in ``text`` (tests assert exact lines)."""
    count = text.count(needle)
    if count != 1:
        raise AssertionError(f"{needle!r} occurs {count} times in the XML; make it unique")
    return text[: text.index(needle)].count("\n") + 1


DEFAULT_NODES = '<node id="1" uname="node1"/>\n      <node id="2" uname="node2"/>'
FENCING = (
    '      <primitive id="fence-all" class="stonith" type="fence_ipmilan">\n'
    '        <instance_attributes id="fence-all-ia">\n'
    '          <nvpair id="fence-all-ia-ip" name="ip" value="192.0.2.1"/>\n'
    "        </instance_attributes>\n"
    "      </primitive>\n"
)


def cib(resources: str = "", constraints: str = "", *, nodes: str = DEFAULT_NODES,
        crm_config: str = "", extra: str = "", validate_with: str = "pacemaker-3.9",
        fencing: bool = True) -> str:
    """A CIB around the given snippets, with two cluster nodes and (by default) a fence device.

    Use it with ``line_of`` to assert exact lines without counting them by hand::

        xml = cib(resources='<primitive id="r1" class="ocf" provider="pacemaker" type="remote"/>')
        assert codes_lines(lint_text(xml, select=["PCS104"])) == [("PCS104", line_of(xml, 'id="r1"'))]
    """
    return (
        f'<cib validate-with="{validate_with}" epoch="1" num_updates="0" admin_epoch="0">\n'
        "  <configuration>\n"
        f"    <crm_config>{crm_config}</crm_config>\n"
        f"    <nodes>\n      {nodes}\n    </nodes>\n"
        "    <resources>\n"
        f"{FENCING if fencing else ''}{resources}\n"
        "    </resources>\n"
        f"    <constraints>\n{constraints}\n    </constraints>\n"
        f"{extra}"
        "  </configuration>\n"
        "</cib>\n"
    )


def cluster_properties(*pairs: tuple[str, str], set_id: str = "cib-bootstrap-options",
                       score: str | None = None) -> str:
    """A cluster_property_set for ``cib(crm_config=...)``, one nvpair per (name, value) pair;
    each nvpair's id is ``<set_id>-<name>``::

        xml = cib(crm_config=cluster_properties(("stonith-enabled", "false")))
    """
    score_attr = f' score="{score}"' if score is not None else ""
    body = "".join(f'<nvpair id="{set_id}-{name}" name="{name}" value="{value}"/>' for name, value in pairs)
    return f'\n      <cluster_property_set id="{set_id}"{score_attr}>{body}</cluster_property_set>\n    '


def guest_vm(vm_id: str, name: str) -> str:
    """A VirtualDomain primitive made a guest node ``name`` by remote-node (nvpair id
    ``<vm_id>-meta-remote-node``), for ``cib(resources=...)``."""
    return (f'      <primitive id="{vm_id}" class="ocf" provider="heartbeat" type="VirtualDomain">\n'
            f'        <meta_attributes id="{vm_id}-meta">\n'
            f'          <nvpair id="{vm_id}-meta-remote-node" name="remote-node" value="{name}"/>\n'
            "        </meta_attributes>\n"
            "      </primitive>\n")
