"""Shared facts about remote and guest nodes for the PCS1xx naming and placement rules.

Everything here is a pure function of the CIB index. The rules that use it report different
things about the same objects; keeping the shared judgements (is this guest really created?
is this a real remote connection?) in one place keeps them from disagreeing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pcs_lint.bundle_names import GeneratedNames
from pcs_lint.findings import Fix, Problem
from pcs_lint.model import Cib, GuestNode, Node, RemoteConnection, Resource

def placement_creates_guest(cib: Cib, primitive: Resource) -> bool:
    """Whether Pacemaker makes a guest node of this primitive when it has remote-node.

    Pacemaker looks for remote-node only on top-level primitives and on primitives directly
    inside a top-level group. It reads the nvpairs of every meta_attributes written inside the
    primitive without evaluating rules (2.1.5 creates the guest even when the set's rule can
    never match), so a rule-bound set still creates the node. ``GuestNode.creates_node`` gives
    the same answer for primitives that carry remote-node; this works for any primitive.
    """
    parent = cib.parent(primitive)
    if parent is None:
        return True
    return parent.kind == "group" and parent.parent is None


def created_guests(cib: Cib) -> Iterator[GuestNode]:
    """The guests Pacemaker really creates, in document order."""
    return (g for g in cib.guest_nodes if g.creates_node)


def direct_connections(cib: Cib) -> Iterator[RemoteConnection]:
    """ocf:pacemaker:remote primitives written with the agent on the primitive itself.

    A connection that takes its agent from a <template> is broken in its own way (PCS123), so
    the placement rules leave it to that rule instead of piling findings on one resource.
    """
    return (c for c in cib.remote_connections if not c.via_template)


@dataclass(frozen=True)
class NodeNames:
    """Node names for ``in`` tests: names listed, plus the bundle replicas' node names, which are
    tested arithmetically and never listed (a bundle may have INT_MAX replicas). With ``fold``
    (str.lower, str.casefold) names compare after folding."""

    listed: frozenset[str]  # folded when fold is given
    generated: GeneratedNames
    fold: Callable[[str], str] | None = None

    @classmethod
    def of(cls, cib: Cib, names: Iterable[str], fold: Callable[[str], str] | None = None) -> NodeNames:
        return cls(frozenset(fold(n) if fold else n for n in names), cib.generated_names, fold)

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        if (self.fold(name) if self.fold else name) in self.listed:
            return True
        return self.generated.replica_node(name, self.fold) is not None

    def __bool__(self) -> bool:
        return bool(self.listed) or self.generated.has_replica_nodes


def connected_node_names(cib: Cib) -> NodeNames:
    """Node names some resource stands for: remote connections, guests, bundle replicas
    (wherever they are placed, created or not)."""
    names = {connection.node_name for connection in cib.remote_connections}
    names.update(guest.name for guest in cib.guest_nodes if guest.name)
    return NodeNames.of(cib, names)


def listed_names(names: Iterable[str], total: int, limit: int = 20) -> str:
    """'a, b, c' for messages; past ``limit`` names, the first ones and 'and N more' (a bundle
    alone may have INT_MAX replica nodes)."""
    shown = list(names)[:limit]
    more = f", and {total - len(shown)} more" if total > len(shown) else ""
    return ", ".join(shown) + more


def non_remote_nodes(cib: Cib) -> Iterator[Node]:
    """<node> entries of cluster nodes: every type except remote.

    A type="remote" entry belongs to a remote or guest node (Pacemaker writes one when a node
    attribute is set on it), so a guest's own entry is not a conflict.
    """
    return (n for n in cib.nodes if n.type != "remote")


def element_label(element: Any) -> str:
    """'<primitive> on line 12' for messages that point at another element."""
    return f"<{element.tag}> on line {element.sourceline}"


def describe_guest(name: str, resource_id: str) -> str:
    """"guest node 'g1' (resource 'vm1')": a guest as settings findings name it."""
    return f"guest node {name!r} (resource {resource_id!r})"


def guest_name_label(guest: GuestNode) -> str:
    """"guest node name 'g1' (remote-node of 'vm1')": the start of findings about a guest's name."""
    return f"guest node name {guest.name!r} (remote-node of {guest.resource.id!r})"


def invalid_setting(name: str, value: str | None, owner: str, expected: str, effect: str, *,
                    element: Any, object_id: str | None, hint: str | None = None,
                    fix: Fix | None = None) -> Problem:
    """The finding for a remote setting whose value Pacemaker cannot use as written, worded
    alike for every such setting: 'NAME="VALUE" of OWNER is not EXPECTED: EFFECT'."""
    return Problem(
        f'{name}="{value or ""}" of {owner} is not {expected}: {effect}',
        element=element,
        object_id=object_id,
        hint=hint,
        fix=fix,
    )
