"""The names Pacemaker derives from bundles, answered without listing them.

A bundle B with replicas="N" makes N containers ``B-docker-0`` … (``rkt``/``podman`` likewise),
with a primitive also N guest nodes ``B-0`` … and the implicit clone ``B-clone`` (``B-master``
when promotable), and with ip-range-start one IPaddr2 ``B-ip-ADDR`` per replica address. N may
be INT_MAX, so the names are never listed: each family is a prefix and a range of numbers (or
of addresses), and whether a name belongs to one is arithmetic. Work and memory per bundle stay
constant whatever ``replicas`` says; only a caller that lists names pays for what it lists.

Pacemaker writes the numbers with "%d"/"%u" (no sign, no leading zero), so only that spelling is
a generated name: "web-01" is no replica of bundle "web".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass

from pcs_lint.values import UINT_MAX, scan_c_unsigned, unsigned_decimal

# What a generated name stands for (Generated.what).
CLONE = "clone"
CONTAINER = "container"
REPLICA_NODE = "replica node"
ADDRESS = "address"

# Pacemaker's next_ip(): the last octet runs 1..254, then carries into the third.
_OCTET_VALUES = 254


def printed_number(text: str) -> int | None:
    """The value of ``text`` when it is exactly how C's "%u" prints a number, else None."""
    value = unsigned_decimal(text)
    if value is None or (len(text) > 1 and text[0] == "0"):
        return None
    return value


@dataclass(frozen=True)
class Numbered:
    """The names ``prefix + "0"`` … ``prefix + str(count - 1)``."""

    prefix: str
    count: int
    what: str  # CONTAINER | REPLICA_NODE

    def index(self, name: str) -> int | None:
        if not name.startswith(self.prefix):
            return None
        number = printed_number(name[len(self.prefix):])
        return number if number is not None and number < self.count else None

    def names(self, limit: int) -> Iterator[str]:
        return (f"{self.prefix}{n}" for n in range(min(self.count, limit)))


@dataclass(frozen=True)
class Addresses:
    """``prefix + ADDR`` for the addresses of the replicas, as Pacemaker names its IPaddr2s.

    Replica 0 gets ``ip-range-start`` verbatim (":" and "#" made "."); each next one comes from
    next_ip(), which reads the previous address with sscanf("%u.%u.%u.%u"): IPv4 only, the last
    octet runs to 254 and then carries into the third as .1, and the sequence stops past
    x.x.254.1 or for anything that is not a dotted quad, such as IPv6. Replica k > 0 therefore
    sits at position k - 1 of a run of consecutive (third, last) octet pairs.
    """

    prefix: str
    first: str  # replica 0's address as written into the name
    octets: tuple[int, int, int, int] | None  # ip-range-start as next_ip() reads it
    count: int  # replicas

    def _run(self) -> tuple[int, int] | None:
        """(first, last) position of the generated addresses (replicas 1…), None when none."""
        if self.octets is None or self.count < 2:
            return None
        _, _, third, last = self.octets
        if third > _OCTET_VALUES - 1:
            return None
        first = _position(third, last + 1) if last < _OCTET_VALUES else _position(third + 1, 1)
        # From x.x.253.254 next_ip() still makes x.x.254.1; from x.x.254.* it makes nothing.
        return first, min(first + self.count - 2, _position(_OCTET_VALUES, 1))

    def index(self, name: str) -> int | None:
        if not name.startswith(self.prefix):
            return None
        address = name[len(self.prefix):]
        if address == self.first:
            return 0
        run = self._run()
        octets = _printed_quad(address)
        if run is None or octets is None or octets[:2] != self.octets[:2] or not 1 <= octets[3] <= _OCTET_VALUES:
            return None
        position = _position(octets[2], octets[3])
        return position - run[0] + 1 if run[0] <= position <= run[1] else None

    def names(self, limit: int) -> Iterator[str]:
        if limit < 1:
            return
        yield self.prefix + self.first
        run = self._run()
        if run is None:
            return
        one, two = self.octets[:2]
        for position in range(run[0], min(run[1], run[0] + limit - 2) + 1):
            third, last = divmod(position, _OCTET_VALUES)
            yield f"{self.prefix}{one}.{two}.{third}.{last + 1}"


def _position(third: int, last: int) -> int:
    return third * _OCTET_VALUES + last - 1


def _printed_quad(text: str) -> tuple[int, ...] | None:
    parts = text.split(".", 4)
    if len(parts) != 4:
        return None
    octets = tuple(printed_number(part) for part in parts)
    if any(o is None or o > UINT_MAX for o in octets):
        return None
    return octets


def scan_quad(text: str) -> tuple[int, int, int, int] | None:
    """sscanf(text, "%u.%u.%u.%u") when it fills all four, as next_ip() reads an address."""
    octets = []
    position = 0
    for index in range(4):
        read = scan_c_unsigned(text, position)
        if read is None:
            return None
        octets.append(read.value)
        position = read.end
        if index < 3:
            if text[position:position + 1] != ".":
                return None
            position += 1
    return octets[0], octets[1], octets[2], octets[3]


@dataclass(frozen=True)
class Generated:
    """One name a bundle generates and what it stands for."""

    name: str
    bundle_id: str
    what: str  # CLONE | CONTAINER | REPLICA_NODE | ADDRESS
    replica: int | None = None


@dataclass(frozen=True)
class BundleNames:
    """Every name one bundle generates, as families."""

    bundle_id: str
    clone: str | None  # B-clone / B-master, with a primitive
    containers: Numbered
    replica_nodes: Numbered | None  # with a primitive
    addresses: Addresses | None  # with ip-range-start

    @property
    def numbered(self) -> tuple[Numbered, ...]:
        return (self.containers,) if self.replica_nodes is None else (self.containers, self.replica_nodes)

    @property
    def count(self) -> int:
        """How many names ``names`` lists at most, without listing them."""
        addresses = self.addresses.count if self.addresses is not None else 0
        return (self.clone is not None) + sum(family.count for family in self.numbered) + addresses

    def find(self, name: str) -> Generated | None:
        """What ``name`` is among this bundle's names, or None."""
        if name == self.clone:
            return Generated(name, self.bundle_id, CLONE)
        for family in self.numbered:
            index = family.index(name)
            if index is not None:
                return Generated(name, self.bundle_id, family.what, index)
        if self.addresses is not None:
            index = self.addresses.index(name)
            if index is not None:
                return Generated(name, self.bundle_id, ADDRESS, index)
        return None

    def names(self, limit: int) -> Iterator[str]:
        """The names in Pacemaker's order (clone, then container and node of each replica, then
        addresses), at most ``limit`` replicas' worth: for tests and messages, never for lookups."""
        if self.clone is not None:
            yield self.clone
        for n in range(min(self.containers.count, limit)):
            yield f"{self.containers.prefix}{n}"
            if self.replica_nodes is not None:
                yield f"{self.replica_nodes.prefix}{n}"
        if self.addresses is not None:
            yield from self.addresses.names(limit)


def bundle_names(bundle_id: str, kind: str, replicas: int, has_primitive: bool, promotable: bool,
                 ip_range_start: str | None) -> BundleNames:
    addresses = None
    if ip_range_start is not None:
        first = ip_range_start.replace(":", ".").replace("#", ".")
        addresses = Addresses(f"{bundle_id}-ip-", first, scan_quad(ip_range_start), replicas)
    return BundleNames(
        bundle_id=bundle_id,
        clone=f"{bundle_id}-{'master' if promotable else 'clone'}" if has_primitive else None,
        containers=Numbered(f"{bundle_id}-{kind}-", replicas, CONTAINER),
        replica_nodes=Numbered(f"{bundle_id}-", replicas, REPLICA_NODE) if has_primitive else None,
        addresses=addresses,
    )


class GeneratedNames:
    """Which bundles generate a name, for all bundles of a CIB, in constant time per question.

    A generated name ends in a number, an address, "clone" or "master" after the bundle's prefix,
    so the candidates for a name are found by cutting it at its last "-" (and for containers at
    the one before): a handful of dictionary look-ups, whatever the bundles' ids and replicas.
    """

    def __init__(self, bundles: Iterable[BundleNames]) -> None:
        self._bundles = tuple(bundles)
        self._order = {id(names): index for index, names in enumerate(self._bundles)}
        self._by_prefix: dict[str, list[tuple[BundleNames, Numbered]]] = {}
        self._by_address_prefix: dict[str, list[BundleNames]] = {}
        self._by_exact: dict[str, list[BundleNames]] = {}
        self._nodes_folded: dict[Callable[[str], str], dict[str, list[tuple[BundleNames, Numbered]]]] = {}
        for names in self._bundles:
            for family in names.numbered:
                self._by_prefix.setdefault(family.prefix, []).append((names, family))
            if names.clone is not None:
                self._by_exact.setdefault(names.clone, []).append(names)
            if names.addresses is not None:
                self._by_address_prefix.setdefault(names.addresses.prefix, []).append(names)
                verbatim = names.addresses.prefix + names.addresses.first
                self._by_exact.setdefault(verbatim, []).append(names)
        self._prefixes = frozenset(self._by_prefix) | frozenset(self._by_address_prefix)
        self._count = sum(names.count for names in self._bundles)

    @property
    def has_replica_nodes(self) -> bool:
        return any(names.replica_nodes is not None for names in self._bundles)

    def find(self, name: str) -> tuple[Generated, ...]:
        """Every bundle's reading of ``name``, in document order of the bundles."""
        # Most names asked about (every id of a CIB) are no bundle's: their end before the last
        # "-" is no family's prefix, which two dictionary look-ups tell without building the list.
        prefix = name[:name.rfind("-") + 1]  # "" without a "-": no family's prefix is empty
        exact = self._by_exact.get(name)
        if exact is None and prefix not in self._prefixes:
            return ()
        candidates: list[BundleNames] = list(exact or ())
        if prefix:
            candidates.extend(names for names, _ in self._by_prefix.get(prefix, ()))
            candidates.extend(self._by_address_prefix.get(prefix, ()))
        found = []
        for names in sorted({id(n): n for n in candidates}.values(), key=lambda n: self._order[id(n)]):
            generated = names.find(name)
            if generated is not None:
                found.append(generated)
        return tuple(found)

    def first(self, name: str) -> Generated | None:
        found = self.find(name)
        return found[0] if found else None

    def first_of_each(self, names: Collection[str]) -> Iterator[tuple[str, Generated]]:
        """``(name, first(name))`` for each of ``names`` that a bundle generates, in their order:
        for asking about every id of a CIB, most of which no bundle generates."""
        if self._count <= len(names):
            # The bundles generate no more names than are asked about (the usual case: a few
            # replicas each), so listing theirs and looking each up costs least.
            listed = {name for bundle in self._bundles for name in bundle.names(self._count) if name in names}
            candidates: Iterable[str] = filter(listed.__contains__, names)
        else:
            # Replicas by the million: two look-ups per name asked about tell the names that
            # may be a bundle's, and find() answers for those few.
            exact, prefixes = self._by_exact, self._prefixes
            candidates = (name for name in names if name in exact or name[:name.rfind("-") + 1] in prefixes)
        for name in candidates:
            found = self.find(name)
            if found:
                yield name, found[0]

    def replica_node(self, name: str, fold: Callable[[str], str] | None = None) -> Generated | None:
        """The bundle replica whose node is called ``name`` (compared after ``fold``, e.g.
        str.casefold, when given), the first bundle in document order winning."""
        if fold is None:
            return next((g for g in self.find(name) if g.what == REPLICA_NODE), None)
        folded_prefixes = self._nodes_folded.get(fold)
        if folded_prefixes is None:
            folded_prefixes = {}
            for names in self._bundles:
                if names.replica_nodes is not None:
                    folded_prefixes.setdefault(fold(names.replica_nodes.prefix), []).append(
                        (names, names.replica_nodes))
            self._nodes_folded[fold] = folded_prefixes
        head, dash, tail = fold(name).rpartition("-")
        number = printed_number(tail) if dash else None
        if number is None:
            return None
        for names, family in folded_prefixes.get(head + "-", ()):
            if number < family.count:
                return Generated(family.prefix + tail, names.bundle_id, REPLICA_NODE, number)
        return None

    def collisions(self) -> Iterator[tuple[Generated, Generated, int]]:
        """(first generator, later generator, how many names they share) for every bundle that
        generates names an earlier bundle already generates; the records name the first shared
        name. A numbered family shares names only with another of the same prefix (its numbers
        hold no "-"); the few other names (clones, replica 0's verbatim address) are looked up."""
        for family_list in self._by_prefix.values():
            first, first_family = family_list[0]
            for later, later_family in family_list[1:]:
                name = f"{first_family.prefix}0"
                yield (Generated(name, first.bundle_id, first_family.what, 0),
                       Generated(name, later.bundle_id, later_family.what, 0),
                       min(first_family.count, later_family.count))
        for name in self._by_exact:
            found = self.find(name)
            for later in found[1:]:
                both_numbered = found[0].replica is not None and later.replica is not None and (
                    found[0].what != ADDRESS and later.what != ADDRESS)
                if not both_numbered:  # pairs of numbered families were reported whole above
                    yield found[0], later, 1
