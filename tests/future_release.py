"""A target release whose data knows fencing-enabled, as Pacemaker's development branch does.

No reference release knows the name (2.1.5 and 3.0.0 were measured), so rules can only be shown
to apply the newer reading with made-up data: 3.0.0's, plus fencing-enabled.
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

from pcs_lint.findings import Problem
from pcs_lint.model import build_index
from pcs_lint.parse import parse_xml
from pcs_lint.release import OPTION, TargetRelease, reference_data
from pcs_lint.rule import Context, Rule


def future_release() -> TargetRelease:
    data = reference_data("3.0.0")
    options = dict(data.cluster_options)
    options["fencing-enabled"] = MappingProxyType({"daemon": "schedulerd", "type": "boolean", "default": "true"})
    return TargetRelease("3.1.0", OPTION, replace(data, release="3.1.0", cluster_options=MappingProxyType(options)))


def check_for(rule: Rule, xml: str, release: TargetRelease) -> list[Problem]:
    cib = build_index(parse_xml(xml.encode()).root)
    return list(rule.check(Context(cib=cib, path="cib.xml", release=release)))


def ids_lines(problems: list[Problem]) -> list[tuple[str | None, int | None]]:
    return [(p.object_id or (p.element.get("id") if p.element is not None else None),
             p.element.sourceline if p.element is not None else None) for p in problems]
