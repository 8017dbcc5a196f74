"""What the SBD and fencing rules need to know from corosync.conf: a small interface.

The corosync.conf reader (and the ``--corosync`` input) are written on another branch; this
module states only the facts that PCS602 (its warning part), PCS606 and PCS702 read, so that the
reader can hand them over without these rules knowing its parse tree. The engine passes them as
``Context.quorum`` (None: no corosync.conf was given, and these checks stay silent).

Effective token: corosync 3.1 uses token + (nodes - 2) x token_coefficient from three nodes on
(defaults: token 3000 ms, token_coefficient 650 ms); consensus defaults to 1.2 x that token
(corosync.conf(5) of corosync 3.1). The reader computes both and says where each came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Millis:
    """A corosync time in milliseconds and where it came from, in words fit for a finding
    ('token: 5000 at corosync.conf:12', 'the default 3000 ms + (3 - 2) x 650 ms')."""

    ms: int
    origin: str


@dataclass(frozen=True)
class QuorumFacts:
    """What votequorum makes of a corosync.conf: the facts the quorum and SBD rules need."""

    path: str  # the corosync.conf the facts come from (the first node's, when copies agree)
    nodes: int  # nodes in the nodelist
    two_node: bool  # quorum.two_node: 1
    qdevice: bool  # a quorum.device section
    auto_tie_breaker: bool  # quorum.auto_tie_breaker: 1
    token: Millis  # the effective token
    consensus: Millis
    # quorum.wait_for_all as votequorum reads it: set, else on exactly when two_node is set
    wait_for_all: bool = False
