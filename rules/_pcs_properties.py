"""Which cluster option pcs changes, and whether that changes what Pacemaker reads (not a rule).

Measured with pcs 0.11.5: `pcs property set NAME=VALUE` and `pcs property unset NAME` edit the
first cluster_property_set in the document (creating cib-bootstrap-options when there is none),
whatever its id. Pacemaker reads cib-bootstrap-options first, then the other sets by score,
the later in the document first, so a pcs command fixes an option only where nothing it does
not touch overrides it.
"""

from __future__ import annotations

from typing import Any

from pcs_lint.findings import Fix
from pcs_lint.model import Cib, NvPair

PACEMAKER_FIRST_SET = "cib-bootstrap-options"


def is_pcs_edited(property_set: Any) -> bool:
    """Whether pcs's property commands edit this cluster_property_set element."""
    parent = property_set.getparent()
    return parent is not None and parent.find("cluster_property_set") is property_set


def pcs_edited_set(cib: Cib) -> Any | None:
    """The cluster_property_set element pcs edits (None: pcs creates cib-bootstrap-options)."""
    crm_config = cib.configuration.find("crm_config") if cib.configuration is not None else None
    return crm_config.find("cluster_property_set") if crm_config is not None else None


def _sets_naming(cib: Cib, name: str) -> list[Any]:
    return [p.getparent() for p in cib.elements("nvpair")
            if p.get("name") == name and p.getparent() is not None and p.getparent().tag == "cluster_property_set"]


def set_property_fix(cib: Cib, name: str, value: str) -> Fix | None:
    """`pcs property set NAME=VALUE` when Pacemaker then reads that value, else None."""
    edited = pcs_edited_set(cib)
    if edited is None or edited.get("id") == PACEMAKER_FIRST_SET:
        return Fix.of(f"pcs property set {name}={value}")
    if any(s is not edited for s in _sets_naming(cib, name)):
        return None  # cib-bootstrap-options or a later set keeps its own value
    return Fix.of(f"pcs property set {name}={value}")


def unset_property_command(cib: Cib, pair: NvPair) -> str | None:
    """`pcs property unset NAME` when it removes this very nvpair, else None."""
    holder = pair.element.getparent()
    return f"pcs property unset {pair.name}" if holder is not None and is_pcs_edited(holder) else None
