"""Which state of the data a chart was drawn from, for the footer of every figure.

Inside git: the short hash of the last commit that touched the data (``stances/`` and
``seeds/``), with ``+edited`` when the files there differ from that commit. Outside git (or
when git is missing, or the data was never committed): ``content-`` and a short hash of the
files' paths and bytes. Compute it once per load of the data, not on every rerun: it runs git.
"""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

DATA_DIRS = ("stances", "seeds")
HASH_CHARS = 7


def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def content_hash(root: Path) -> str:
    """A short hash of every file under the data directories: relative path and bytes."""
    digest = hashlib.sha256()
    for sub in DATA_DIRS:
        base = root / sub
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            try:
                body = path.read_bytes()
            except OSError:
                continue
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(body).digest())
    return digest.hexdigest()[:HASH_CHARS]


def data_version(root: Path | str) -> str:
    """``3f2a9c1``, ``3f2a9c1+edited`` or ``content-5be07d2`` (see the module's docstring)."""
    root = Path(root).resolve()
    dirs = [d for d in DATA_DIRS if (root / d).is_dir()]
    if dirs and _git(root, "rev-parse", "--is-inside-work-tree") == "true":
        commit = _git(root, "log", "-1", f"--abbrev={HASH_CHARS}", "--format=%h", "--", *dirs)
        if commit:
            status = _git(root, "status", "--porcelain", "--untracked-files=all", "--", *dirs)
            return commit + ("+edited" if status else "")
    return "content-" + content_hash(root)
