"""The rule record and the context a rule's check receives.

A rule is data: the engine can list, select, document and configure it without running it.
Its check is a pure function of the context that yields ``Problem`` records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pcs_lint import package_data
from pcs_lint.findings import Problem, Severity

if TYPE_CHECKING:
    from pcs_lint.corosync import CorosyncConf
    from pcs_lint.model import Cib
    from pcs_lint.quorum_facts import QuorumFacts
    from pcs_lint.release import TargetRelease
    from pcs_lint.report_bundles import NodeFiles, ReportCibs
    from pcs_lint.sbd_dump import SbdDump
    from pcs_lint.sysconfig import EnvFile

CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SCOPES = ("cib", "environment", "corosync")


@dataclass(frozen=True)
class Settings:
    """Run-wide settings that some rules read (not per-rule options)."""

    schema_dir: str | None = None


@dataclass(frozen=True)
class AuthKey:
    """What pcs-lint knows of a node's Pacemaker authentication key: never the key itself."""

    node: str
    path: str
    digest: str | None
    mode: int | None
    error: str | None = None


def read_only(value: Any) -> Any:
    """A read-only view of mappings, lists and sets, all the way down (other values as they are):
    what one rule is given, no rule can change for the next one or the next file."""
    if isinstance(value, Mapping):
        return MappingProxyType({key: read_only(item) for key, item in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(read_only(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(value)
    return value


@dataclass(frozen=True)
class Context:
    """Everything a check may read. Immutable: rules never change what others see. The engine
    passes read-only views (``read_only``) of the mappings, and third-party rules get their own
    copy of the CIB (see engine.py)."""

    cib: Cib | None
    path: str
    env_files: Mapping[str, EnvFile] = field(default_factory=dict)
    authkeys: Mapping[str, AuthKey] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)
    sbd_files: Mapping[str, EnvFile] = field(default_factory=dict)  # node -> its SBD file
    sbd_dumps: Mapping[str, SbdDump] = field(default_factory=dict)  # device -> its sbd dump
    # corosync.conf's facts for the SBD and fencing rules (lint/quorum_facts.py); None: not given.
    # Nothing sets it yet: the corosync.conf reader (another branch) is to fill it in.
    quorum: QuorumFacts | None = None
    # The Pacemaker release this file is judged for (pcs_lint.release); None only where no
    # release applies (an environment-scope check when the run chose none).
    release: TargetRelease | None = None
    # The corosync.conf copies of the run (each one's ``node`` is None for every node's copy).
    corosync: tuple[CorosyncConf, ...] = ()
    # The CIBs of the report bundles given (sosreports, crm_reports); None without bundles.
    report_cibs: ReportCibs | None = None
    # Each node's files found in the report bundles (what each bundle holds and lacks).
    report_nodes: tuple[NodeFiles, ...] = ()


Check = Callable[[Context], Iterable[Problem]]


@dataclass(frozen=True)
class Rule:
    """A rule record. ``check`` is None for findings the engine itself emits (PCS000-PCS002,
    PCS004, PCS005: lint/rule_codes.py).

    ``scope`` says what the check reads: "cib" checks run once per CIB document (``ctx.cib`` is
    set); "environment" checks read only the nodes' environment and key files and run once per
    invocation (``ctx.cib`` is None), so their findings are not repeated for every CIB.
    "corosync" checks read ``ctx.corosync`` and run only when the run has a corosync.conf: with
    each CIB linted (``ctx.cib`` set, for rules whose verdict depends on it), or once with
    ``ctx.cib`` None when no CIB could be read; identical findings are reported once.
    """

    code: str
    name: str
    severity: Severity
    summary: str
    check: Check | None
    doc: str = ""
    options_schema: Mapping[str, Any] | None = None
    plugin: str = "builtin"
    scope: str = "cib"

    @property
    def documented(self) -> bool:
        """The rule has a doc of its own (not empty, not ``rule_doc``'s placeholder)."""
        return bool(self.doc.strip()) and not self.doc.startswith(NO_DOC)

    def default_options(self) -> dict[str, Any]:
        properties = (self.options_schema or {}).get("properties", {})
        return {key: spec["default"] for key, spec in properties.items() if "default" in spec}


# How rule_doc's placeholder begins (Rule.documented tells it from a doc).
NO_DOC = "No documentation shipped: "


def rule_doc(module_name: str) -> str:
    """The Markdown doc stored beside a rule module (``rules/foo.py`` -> ``rules/foo.md``); a
    placeholder saying so when the file is not installed (a plugin built without its ``.md``
    files as package data), so that the gap shows in ``pcs-lint explain`` instead of nothing."""
    package, _, stem = module_name.rpartition(".")
    try:
        return package_data.read_text(package, f"{stem}.md")
    except (OSError, ModuleNotFoundError, UnicodeDecodeError):
        where = f"{package.replace('.', '/')}/{stem}.md" if package else f"{stem}.md"
        return (f"{NO_DOC}{where} is not installed beside the rule's module; a plugin must ship its "
                "rules' .md files as package data (pcs-lint's docs/writing-rules.md says how)\n")
