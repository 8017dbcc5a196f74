"""What the CI formats share: repository-relative paths and stable finding fingerprints."""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath

from pcs_lint.findings import Finding

_NUMBERS = re.compile(r"\d+")


@lru_cache(maxsize=1)
def repository_root() -> Path:
    """The git work tree containing the current directory, else the current directory."""
    here = Path.cwd().resolve()
    for directory in (here, *here.parents):
        if (directory / ".git").exists():
            return directory
    return here


def repo_relative(path: str) -> str | None:
    """``path`` relative to the repository root with forward slashes; None when outside it."""
    if path in ("-", "") or path.startswith("<"):
        return None
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(repository_root())
    except ValueError:
        return None
    return str(PurePosixPath(*relative.parts))


def fingerprint(finding: Finding, salt: str = "") -> str:
    """A fingerprint that survives edits elsewhere in the file.

    Lines shift when a CIB is edited; the file, the rule, the element (id or XPath) and the
    message's words do not (numbers are left out: messages quote line numbers and ports).
    ``salt`` separates findings that are otherwise identical.
    """
    path = repo_relative(finding.path) or finding.path
    words = _NUMBERS.sub("#", finding.message)
    key = "\0".join((path, finding.rule, finding.object_id or "", finding.xpath or "", words, salt))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
