"""Running real corosync nodes offline and splitting them, for the quorum claims of PCS606.

Each node is a ``corosync -f`` in its own network, mount and UTS namespace (its own host name,
/etc/corosync, /var/lib/corosync and /run, so the nodes' IPC does not meet), all inside one
private network namespace where a bridge joins them through veth pairs. Nothing of the host's
network or files is touched. Once every node sees all the others, the second half's links move
to another bridge: the cluster splits in two, and each node's ``corosync-quorumtool -s`` says
what votequorum decided.

With ``sbd=True`` each node also runs sbd as diskless SBD does (no device), watching corosync
only: no Pacemaker runs here, so sbd's Pacemaker watcher (which follows Pacemaker's quorum) is off,
and there is no watchdog device; in sbd's debug mode 2 a node it would reset logs "Would have
fenced" instead.

Needs root, unshare, ip (iproute2) and corosync (Debian 12: corosync 3.1.7); sbd (1.5.2) for the
sbd runs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

COROSYNC = shutil.which("corosync")
QUORUMTOOL = shutil.which("corosync-quorumtool")
UNSHARE = shutil.which("unshare")
IP = shutil.which("ip")
SBD = shutil.which("sbd")
SUBNET = "10.99.0"  # inside the private namespace only
WAIT_SECONDS = 40  # for the membership to settle, before and after the split

NODE_SCRIPT = r"""
set -e
i=$1; dir=$2; half=$3; all=$4; sbd=$5
while ! ip link show c$i >/dev/null 2>&1; do sleep 0.05; done
ip link set lo up
ip addr add {subnet}.$i/24 dev c$i
ip link set c$i up
mount --bind "$dir/etc$i" /etc/corosync
mount -t tmpfs tmpfs /var/lib/corosync
mount -t tmpfs tmpfs /run
if [ "$sbd" = 1 ]; then
    # sbd logs only to syslog: a private /dev with the few devices corosync needs and a /dev/log
    # that writes to a file.
    mount -t tmpfs tmpfs /dev
    mknod -m 666 /dev/null c 1 3; mknod -m 666 /dev/zero c 1 5
    mknod -m 666 /dev/random c 1 8; mknod -m 666 /dev/urandom c 1 9
    mkdir /dev/shm; mount -t tmpfs tmpfs /dev/shm
    "{python}" -c "$SYSLOG" "$dir/syslog$i" &
fi
hostname node$i
corosync -f > "$dir/log$i" 2>&1 &
pid=$!
wait_for() {{
    n=0
    # corosync-quorumtool -s exits 2 when the node is not quorate: only its output counts.
    until corosync-quorumtool -s > "$dir/$2-$i" 2>&1; grep -q "^Nodes: *$1\$" "$dir/$2-$i"; do
        n=$((n + 1)); [ $n -lt {tries} ] || break; sleep 0.2
    done
    touch "$dir/$2-$i.done"
}}
wait_for "$all" before
if [ "$sbd" = 1 ]; then
    # Watchdog-only sbd watching the cluster (no Pacemaker, no watchdog device), in debug mode 2:
    # where it would reset the node it logs "Would have fenced" instead.
    SBD_PACEMAKER=no SBD_SYNC_RESOURCE_STARTUP=no SBD_WATCHDOG_TIMEOUT=5 \
        sbd -W -W -c -Z -Z -R -v -p /run/sbd.pid watch > "$dir/sbd$i" 2>&1
    sleep 3
fi
touch "$dir/ready-$i"
while [ ! -e "$dir/split" ]; do sleep 0.1; done
wait_for "$half" after
# sbd's default watchdog timeout (5 s) and some: a node it resets has logged so by then.
if [ "$sbd" = 1 ]; then sleep 9; cp "$dir/syslog$i" "$dir/sbd-after-$i"; fi
while [ ! -e "$dir/stop" ]; do sleep 0.1; done
kill $pid; wait $pid || true
"""

CLUSTER_SCRIPT = r"""
set -e
dir=$1; shift
ip link set lo up
ip link add br0 type bridge; ip link set br0 up
ip link add br1 type bridge; ip link set br1 up
self=$(readlink /proc/self/ns/net)
pids=""
sbd=$1; shift
for spec in "$@"; do
    i=${{spec%%:*}}; rest=${{spec#*:}}; half=${{rest%%:*}}; all=${{rest#*:}}
    unshare -n -m -u -p --mount-proc --fork sh "$dir/node.sh" $i "$dir" $half $all $sbd &
    pid=$!; pids="$pids $pid"
    while [ "$(readlink /proc/$pid/ns/net)" = "$self" ]; do sleep 0.02; done
    ip link add h$i type veth peer name c$i
    ip link set c$i netns $pid
    ip link set h$i master br0
    ip link set h$i up
done
for spec in "$@"; do i=${{spec%%:*}}; while [ ! -e "$dir/ready-$i" ]; do sleep 0.1; done; done
for i in {second}; do ip link set h$i nomaster; ip link set h$i master br1; done
touch "$dir/split"
# Every node stays up until all have answered: a node that stops early would shrink the others' view.
for spec in "$@"; do i=${{spec%%:*}}; while [ ! -e "$dir/after-$i.done" ]; do sleep 0.1; done; done
touch "$dir/stop"
for pid in $pids; do wait $pid || true; done
"""


def sbd_available() -> str | None:
    """Why sbd cannot run beside the nodes here, or None."""
    return available() or (None if SBD is not None else "sbd is not installed (apt install sbd)")


def available() -> str | None:
    """Why the nodes cannot run here, or None."""
    missing = [name for name, path in (("corosync", COROSYNC), ("corosync-quorumtool", QUORUMTOOL),
                                       ("unshare", UNSHARE), ("ip", IP)) if path is None]
    if missing:
        return f"{', '.join(missing)} not installed (apt install corosync iproute2 util-linux)"
    if os.geteuid() != 0:
        return "running corosync nodes in private namespaces needs root"
    return None


@dataclass(frozen=True)
class QuorumStatus:
    """One node's view, from corosync-quorumtool -s."""

    nodes: int | None  # members it sees
    quorate: bool
    expected_votes: int | None
    total_votes: int | None
    quorum: int | None
    flags: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> QuorumStatus:
        def number(label: str) -> int | None:
            match = re.search(rf"^{label}:\s*(\d+)", text, re.M)
            return int(match.group(1)) if match else None
        flags = re.search(r"^Flags:[ \t]*(.*)$", text, re.M)
        quorate = re.search(r"^Quorate:\s*(\w+)", text, re.M)
        return cls(number("Nodes"), bool(quorate and quorate.group(1) == "Yes"), number("Expected votes"),
                   number("Total votes"), number("Quorum"), tuple(flags.group(1).split()) if flags else ())


SYSLOG = ("import socket, sys\n"
          "s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)\n"
          "s.bind('/dev/log')\n"
          "out = open(sys.argv[1], 'ab', buffering=0)\n"
          "while True:\n"
          "    out.write(s.recv(65536).replace(b'\\0', b'') + b'\\n')\n")


@dataclass(frozen=True)
class SbdView:
    """What one node's sbd logged in the seconds after the split."""

    log: str

    @property
    def would_reset(self) -> bool:
        """sbd stopped feeding the watchdog: with a watchdog device the node resets."""
        return "Would have fenced" in self.log

    @property
    def wants_both_nodes(self) -> bool:
        return "requires both nodes present" in self.log


@dataclass(frozen=True)
class SplitResult:
    before: dict[int, QuorumStatus]  # node id -> view with every node joined
    after: dict[int, QuorumStatus]  # node id -> view after the split
    sbd: dict[int, SbdView]  # node id -> sbd's log after the split (empty without sbd)


def corosync_conf(node_ids: list[int], quorum_options: str = "") -> str:
    """A corosync.conf with these node ids (node<N> at 10.99.0.<N>) and quorum options; a short
    token, so the split is noticed within seconds (it changes no vote)."""
    nodes = "".join(f"    node {{\n        ring0_addr: {SUBNET}.{n}\n        name: node{n}\n        nodeid: {n}\n    }}\n"
                    for n in node_ids)
    return (f"totem {{\n    version: 2\n    cluster_name: split\n    transport: knet\n    token: 1000\n"
            f"    crypto_cipher: none\n    crypto_hash: none\n}}\nnodelist {{\n{nodes}}}\n"
            f"quorum {{\n    provider: corosync_votequorum\n{quorum_options}}}\n"
            "logging {\n    to_stderr: yes\n    to_syslog: no\n}\n")


def split(conf: str, running: list[int], second_half: list[int], *, sbd: bool = False) -> SplitResult:
    """Start a node for each id in ``running`` (all of them named in ``conf``), let them join,
    then cut ``second_half`` off from the others; every node's quorum view before and after, and
    with ``sbd`` what a watchdog-only sbd (sbd 1.5.2 on Debian 12) on each node did after it."""
    first_half = [n for n in running if n not in second_half]
    with tempfile.TemporaryDirectory(prefix="pcs-lint-votequorum-") as scratch:
        root = Path(scratch)
        for n in running:
            (root / f"etc{n}").mkdir()
            (root / f"etc{n}" / "corosync.conf").write_text(conf)
        tries = WAIT_SECONDS * 5
        (root / "node.sh").write_text(NODE_SCRIPT.format(subnet=SUBNET, tries=tries, python=sys.executable))
        (root / "cluster.sh").write_text(CLUSTER_SCRIPT.format(second=" ".join(map(str, second_half))))
        specs = [f"{n}:{len(second_half) if n in second_half else len(first_half)}:{len(running)}" for n in running]
        subprocess.run([UNSHARE, "-n", "--fork", "sh", str(root / "cluster.sh"), str(root), "1" if sbd else "0",
                        *specs], capture_output=True, text=True, timeout=4 * WAIT_SECONDS + 60, check=True,
                       env={**os.environ, "SYSLOG": SYSLOG})
        read = {phase: {n: QuorumStatus.parse((root / f"{phase}-{n}").read_text(errors="replace")) for n in running}
                for phase in ("before", "after")}
        logs = {n: SbdView((root / f"sbd-after-{n}").read_text(errors="replace")) for n in running} if sbd else {}
    return SplitResult(read["before"], read["after"], logs)
