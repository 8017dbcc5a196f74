"""The target release: which Pacemaker a file is judged for, and what that release knows.

What is right depends on the release that runs the cluster. It is, in this order:
``--pacemaker-version`` ("option"), ``pacemaker-version`` in the config ("config"), the CIB's
``dc-version`` cluster property, which the running cluster writes ("dc-version"), else the
oldest reference release that can have written the CIB, judged by its ``validate-with`` and
``crm_feature_set`` ("inferred").

What a release knows comes from ``schemas/releases/<release>.json``, extracted from the release's
own binaries and schemas by tools/extract_release_data.py. A target release that is not a
reference release is judged with the nearest reference release's data (2.1.5 for every 2.x and
older, 3.0.0 for 3.0 and later); ``TargetRelease.data.release`` says which.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from pcs_lint import package_data
from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, schema_version

OPTION, CONFIG, DC_VERSION, INFERRED = "option", "config", "dc-version", "inferred"
SOURCES = (OPTION, CONFIG, DC_VERSION, INFERRED)
_SOURCE_WORDS = {OPTION: "--pacemaker-version", CONFIG: "the config's pacemaker-version",
                 DC_VERSION: "the CIB's dc-version", INFERRED: "validate-with"}
# The releases whose data is kept in schemas/releases/, oldest first.
REFERENCE_RELEASES = ("2.1.5", "3.0.0")
_VERSION = re.compile(r"([0-9]{1,4})\.([0-9]{1,4})(?:\.([0-9]{1,4}))?")
# dc-version is "2.1.5-a3f44794f94" (version, then the build); older ones had "1.1.18-2b07d5c5a9".
_DC_VERSION = re.compile(r"\s*([0-9]{1,4}\.[0-9]{1,4}(?:\.[0-9]{1,4})?)(?:[-+ ]|$)")
_FEATURE_SET = re.compile(r"([0-9]{1,4})\.([0-9]{1,4})(?:\.([0-9]{1,4}))?")


def parse_version(text: str | None) -> tuple[int, int, int] | None:
    """(major, minor, patch) of "X.Y" or "X.Y.Z" (a missing patch is 0), else None."""
    match = _VERSION.fullmatch((text or "").strip())
    if match is None:
        return None
    return int(match[1]), int(match[2]), int(match[3] or 0)


def _feature_set(text: str | None) -> tuple[int, int, int] | None:
    match = _FEATURE_SET.fullmatch((text or "").strip())
    return (int(match[1]), int(match[2]), int(match[3] or 0)) if match else None


@dataclass(frozen=True)
class ReleaseData:
    """What one reference release knows, as its own tools report it."""

    release: str
    cluster_options: Mapping[str, Mapping[str, Any]]
    schemas: tuple[str, ...]  # the pacemaker-*.rng versions it ships, oldest first
    newest_schema: str  # what it writes into a new CIB
    crm_feature_set: str
    resource_meta: frozenset[str]
    resource_meta_deprecated: frozenset[str]
    operation_attributes: frozenset[str]

    @property
    def version(self) -> tuple[int, int, int]:
        return parse_version(self.release) or (0, 0, 0)

    def option(self, name: str) -> Mapping[str, Any] | None:
        return self.cluster_options.get(name)

    def knows_option(self, name: str) -> bool:
        return name in self.cluster_options

    def option_deprecated(self, name: str) -> bool:
        return bool((self.cluster_options.get(name) or {}).get("deprecated"))

    def ships_schema(self, name: str | None) -> bool:
        return name in self.schemas

    def can_have_written(self, validate_with: str | None, feature_set: str | None) -> bool:
        """Whether a CIB with these attributes can come from this release: it knows the schema
        (or it is an older numbered one) and its feature set is not newer than the release's."""
        if validate_with not in (None, SCHEMA_NONE, SCHEMA_NEXT) and not self.ships_schema(validate_with):
            declared, newest = schema_version(validate_with), schema_version(self.newest_schema)
            if declared is None or newest is None or declared > newest:
                return False
        wanted, mine = _feature_set(feature_set), _feature_set(self.crm_feature_set)
        return wanted is None or mine is None or wanted <= mine


def _from_document(document: Mapping[str, Any]) -> ReleaseData:
    options = document["cluster-options"]["options"]
    meta = document["resource-meta-attributes"]
    return ReleaseData(
        release=document["release"],
        cluster_options=MappingProxyType({k: MappingProxyType(dict(v)) for k, v in options.items()}),
        schemas=tuple(document["schemas"]["versions"]),
        newest_schema=document["new-cib"]["validate-with"],
        crm_feature_set=document["new-cib"]["crm_feature_set"],
        resource_meta=frozenset(name for listed in meta["lists"] for name in listed["names"]),
        resource_meta_deprecated=frozenset(meta.get("deprecated", ())),
        operation_attributes=frozenset(document["operation-attributes"]["names"]),
    )


@functools.cache
def reference_data(release: str) -> ReleaseData:
    """The committed data of one reference release (schemas/releases/<release>.json)."""
    if release not in REFERENCE_RELEASES:
        raise KeyError(f"no data for Pacemaker {release}")
    text = package_data.read_text("pcs_lint.schemas", f"releases/{release}.json")
    return _from_document(json.loads(text))


def nearest_reference(version: tuple[int, int, int]) -> str:
    """2.1.5 for releases before 3.0 (2.x and older), 3.0.0 for 3.0 and later."""
    return REFERENCE_RELEASES[0] if version < (3, 0, 0) else REFERENCE_RELEASES[-1]


@dataclass(frozen=True)
class TargetRelease:
    """The release a file is judged for, where that choice came from, and whose data is used."""

    version: str  # as given or found ("2.1", "2.1.5"), or the reference release inferred
    source: str  # one of SOURCES
    data: ReleaseData
    basis: str = ""  # for "inferred": the attributes it was inferred from

    @property
    def inferred(self) -> bool:
        return self.source == INFERRED

    @property
    def label(self) -> str:
        """The release whose data a claim rests on (see assumption() for how it was chosen)."""
        return f"Pacemaker {self.data.release}"

    @property
    def newer_than_data(self) -> bool:
        """The target is a later release than its data: it may know what the data does not."""
        return (parse_version(self.version) or (0, 0, 0)) > self.data.version

    def assumption(self) -> str:
        """For messages whose truth depends on the release: empty when the target is the
        reference release given or recorded; else which release is assumed, and why."""
        if self.inferred:
            return f" (assuming {self.label}, inferred from {self.basis}; set --pacemaker-version to choose)"
        if self.version != self.data.release:
            return (f" (judged with the data of {self.label}, the reference release nearest to "
                    f"{self.version} from {_SOURCE_WORDS[self.source]})")
        return ""

    def to_report(self) -> dict[str, str]:
        return {"version": self.version, "source": self.source, "data": self.data.release}


@dataclass(frozen=True)
class ReleaseSetting:
    """What the command line or the config chose, if anything: resolved once per run."""

    version: str | None = None
    source: str | None = None  # OPTION or CONFIG


def chosen(version: str, source: str) -> TargetRelease:
    parsed = parse_version(version)
    if parsed is None:
        raise ValueError(f"{version!r} is not a Pacemaker version (X.Y or X.Y.Z, e.g. 2.1.5)")
    return TargetRelease(version.strip(), source, reference_data(nearest_reference(parsed)))


def dc_version(cib: Any) -> str | None:
    pair = cib.cluster_options.get("dc-version") if cib is not None else None
    match = _DC_VERSION.match(pair.value or "") if pair is not None else None
    return match[1] if match else None


def inferred(cib: Any) -> TargetRelease:
    """The oldest reference release that can have written the CIB; the newest when none can
    (a CIB from a release newer than every reference release)."""
    root = cib.root
    validate_with, feature_set = root.get("validate-with"), root.get("crm_feature_set")
    basis = ", ".join(
        f'{name}="{value}"' for name, value in (("validate-with", validate_with), ("crm_feature_set", feature_set))
        if value is not None
    ) or "a CIB without validate-with or crm_feature_set"
    for release in REFERENCE_RELEASES:
        data = reference_data(release)
        if data.can_have_written(validate_with, feature_set):
            return TargetRelease(release, INFERRED, data, basis)
    newest = reference_data(REFERENCE_RELEASES[-1])
    return TargetRelease(newest.release, INFERRED, newest, basis + ", newer than every reference release")


def resolve(setting: ReleaseSetting, cib: Any) -> TargetRelease | None:
    """The target release of one file. None only for a file that is no CIB when the run chose
    no release (nothing to judge)."""
    if setting.version is not None:
        return chosen(setting.version, setting.source or OPTION)
    if cib is None:
        return None
    found = dc_version(cib)
    if found is not None:
        return chosen(found, DC_VERSION)
    return inferred(cib)
