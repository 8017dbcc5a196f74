"""PCS116 authkey-inconsistent: nodes that cannot share one Pacemaker authentication key.

Keys are compared by digest only (pcs_lint.engine never keeps a key); nothing here prints one.
Key locations are compared by value but never printed either (a path is not a value known to be
harmless, see pcs_lint.sysconfig): findings say which nodes agree, and name only the default.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from pcs_lint.findings import Problem, Severity, SourceLocation
from pcs_lint.rule import Context, Rule, rule_doc

LOCATION_VARIABLE = "PCMK_authkey_location"
DEFAULT_LOCATION = "/etc/pacemaker/authkey"
GROUP_OR_OTHER_READ = 0o044


def _usual(values: Mapping[str, str], prefer: str | None = None) -> str:
    """The value most nodes have (ties: ``prefer``, then the first node's in name order)."""
    counts = Counter(values.values())
    first = {}
    for node in sorted(values):
        first.setdefault(values[node], node)
    return min(counts, key=lambda value: (-counts[value], value != prefer, first[value]))


def _key_problems(ctx: Context) -> Iterator[Problem]:
    keys = {node: key for node, key in ctx.authkeys.items() if key.digest is not None}
    digests = {node: key.digest for node, key in keys.items()}
    usual = _usual(digests) if len(set(digests.values())) > 1 else None
    for node, key in sorted(keys.items()):
        location = SourceLocation(key.path)
        if usual is not None and key.digest != usual:
            same = ", ".join(n for n in sorted(digests) if digests[n] == usual)
            yield Problem(
                f"the Pacemaker authentication key of {node} ({key.path}) differs from the key of {same} "
                "(compared by SHA-256 digest, never printed); a remote connection between nodes whose keys "
                "differ fails the TLS handshake, so the remote or guest node stays offline",
                object_id=node,
                location=location,
                hint=f"copy the key of {same.split(', ')[0]} to {key.path} on {node} (it must be identical on every "
                "cluster, remote and guest node) and restart pacemaker or pacemaker_remote there",
            )
        if key.mode is not None and key.mode & GROUP_OR_OTHER_READ:
            yield Problem(
                f"the Pacemaker authentication key of {node} ({key.path}) has mode {key.mode:04o}: readable "
                "by its group or by every user, who could then join remote connections as a cluster node",
                object_id=node,
                location=location,
                hint=f"chown hacluster:haclient {key.path} && chmod 0400 {key.path} on {node} "
                "(the owner and mode pcs gives it)",
            )


def _describe_location(location: str) -> str:
    return f"the default {DEFAULT_LOCATION}" if location == DEFAULT_LOCATION else "another file than the default"


def _location_problems(ctx: Context) -> Iterator[Problem]:
    locations = {}
    for node, env in ctx.env_files.items():
        var = env.get(LOCATION_VARIABLE)
        locations[node] = var.value if var is not None else DEFAULT_LOCATION
    usual = _usual(locations, DEFAULT_LOCATION) if locations else None
    bundles = sorted(b.id for b in ctx.cib.bundles.values() if b.primitive is not None)
    for node in sorted(locations):
        location = locations[node]
        reasons = []
        same = ", ".join(n for n in sorted(locations) if locations[n] == usual)
        if location != usual:
            shared = "" if usual == DEFAULT_LOCATION else ", the same one on each"
            reasons.append(f"{same} use{'s' if ',' not in same else ''} {_describe_location(usual or '')}"
                           f"{shared}, which makes it easy to replace the key on some nodes only")
        if bundles and location != DEFAULT_LOCATION:
            reasons.append(f"Pacemaker mounts {DEFAULT_LOCATION} of the host into the containers of bundle"
                           f"{'s' if len(bundles) > 1 else ''} {', '.join(bundles)}, not this file")
        if not reasons:
            continue
        yield Problem(
            f"{LOCATION_VARIABLE} of {node} is {_describe_location(location)}: " + "; and ".join(reasons),
            object_id=node,
            location=ctx.env_files[node].location(LOCATION_VARIABLE),
            hint=f"keep the key at {DEFAULT_LOCATION} on every node and remove {LOCATION_VARIABLE} from "
            f"{ctx.env_files[node].path}" if bundles or usual == DEFAULT_LOCATION
            else f"set {LOCATION_VARIABLE} in {ctx.env_files[node].path} to the file {same.split(', ')[0]} "
            "uses, like the other nodes",
        )


def check(ctx: Context) -> Iterator[Problem]:
    yield from _key_problems(ctx)
    yield from _location_problems(ctx)


RULE = Rule(
    code="PCS116",
    name="authkey-inconsistent",
    severity=Severity.WARNING,
    summary="authentication keys or PCMK_authkey_location differ between nodes, or a key is readable by others",
    check=check,
    doc=rule_doc(__name__),
)
