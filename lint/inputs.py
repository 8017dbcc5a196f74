"""Reading the run's inputs: CIB files (or stdin), environment files and authkeys.

Discovery, planning and the runner get their bytes from here, so the pipeline in ``engine``
never touches the file system.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
from collections.abc import Mapping

from pcs_lint.rule import AuthKey
from pcs_lint.sysconfig import EnvFile, parse_env_bytes


class InputError(Exception):
    """A file that cannot be read at all: a one-line error and exit code 2, not a finding."""


def read_input(path: str) -> bytes:
    try:
        if path == "-":
            return sys.stdin.buffer.read()
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None


def display_path(path: str) -> str:
    """Paths under the current directory are shown relative to it, as users typed them."""
    relative = os.path.relpath(path) if os.path.isabs(path) else path
    return path if relative.startswith("..") else relative


def load_env_files(mapping: Mapping[str, str]) -> dict[str, EnvFile]:
    return {
        node: parse_env_bytes(read_input(path), node=node, path=display_path(path))
        for node, path in mapping.items()
    }


def load_authkeys(mapping: Mapping[str, str]) -> dict[str, AuthKey]:
    keys = {}
    for node, path in mapping.items():
        data = read_input(path)
        try:
            mode = stat.S_IMODE(os.stat(path).st_mode)
        except OSError:
            mode = None
        keys[node] = AuthKey(node=node, path=display_path(path), digest=hashlib.sha256(data).hexdigest(), mode=mode)
    return keys
