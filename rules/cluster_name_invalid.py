"""PCS510 cluster-name-invalid: a cluster_name GFS2 and DLM cannot use (longer than 32 characters
or outside [A-Za-z0-9_-]); an error when the CIB runs GFS2 or controld."""

import re
from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import key_at, where

MAX_NAME = 32  # GFS2's lock table name holds the cluster name in at most 32 characters
_NAME = re.compile(r"[A-Za-z0-9_-]+")


def check(ctx: Context) -> Iterator[Problem]:
    user = _gfs2_user(ctx.cib) if ctx.cib is not None else None
    for conf in ctx.corosync:
        key = conf.key("totem.cluster_name")
        if key is None:
            continue
        name = key.value
        faults = []
        if len(name) > MAX_NAME:
            faults.append(f"is {len(name)} characters long (at most {MAX_NAME})")
        if not _NAME.fullmatch(name):
            faults.append("has characters outside A-Z, a-z, 0-9, _ and -")
        if not faults:
            continue
        consequence = (f"the CIB has {user}, so GFS2 cannot mount (its lock table is CLUSTERNAME:FSNAME)"
                       if user else "GFS2 and DLM cannot use it, should the cluster ever need them")
        yield Problem(
            f"{where(conf)} line {key.line}: cluster_name {name!r} {' and '.join(faults)}: {consequence}",
            object_id="totem.cluster_name", location=key_at(conf, key),
            severity=Severity.ERROR if user else Severity.WARNING,
            hint="choose a name of at most 32 letters, digits, _ or -; with the cluster stopped, set it as "
                 "cluster_name on every node and as the CIB's cluster-name",
        )


def _gfs2_user(cib: Cib) -> str | None:
    """What in the CIB needs the cluster name for GFS2: a Filesystem with fstype gfs2, or controld."""
    for resource in cib.resources.values():
        if resource.kind != "primitive":
            continue
        agent = cib.effective_agent(resource)
        if agent.matches("ocf", "pacemaker", "controld"):
            return f"ocf:pacemaker:controld resource {resource.id!r}"
        if agent.matches("ocf", "heartbeat", "Filesystem"):
            fstype = cib.params(resource).get("fstype")
            if fstype is not None and (fstype.value or "").strip().lower() == "gfs2":
                return f"GFS2 Filesystem resource {resource.id!r}"
    return None


RULE = Rule(
    code="PCS510",
    name="cluster-name-invalid",
    severity=Severity.WARNING,
    summary="cluster_name longer than 32 characters or outside [A-Za-z0-9_-] (warning); error when the CIB has "
    "GFS2 or controld",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
