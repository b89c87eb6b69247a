"""Where the cache lives, how it is written, and what names its entries: the code's version
and the local texts as the loader finds them.

Nothing here imports the parser or the records, so that ``validate`` can tell whether its
last result still holds (:mod:`.report`) before importing them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

FORMAT = 1  # the layout of an entry; part of every key
ENV = "STANDPOINT_CACHE"
FOLDER = ".standpoint-cache"
PACKAGE = Path(__file__).resolve().parent.parent
MAX_YAML_BYTES = 2_000_000  # a larger data file is told as too large, without reading it
MAX_TEXT_BYTES = 20_000_000


def code_version() -> str:
    """The version of this code: a hash of every Python source file of the ``standpoint``
    package, names and bytes (a version string would not change when the code does)."""
    return source_hash(PACKAGE)


@cache
def source_hash(package: Path) -> str:
    """A hash of the names and bytes of every ``*.py`` file under ``package``."""
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_dir(root: Path) -> Path:
    """The cache folder of the data directory ``root`` (not created here)."""
    root = root.resolve()
    named = os.environ.get(ENV)
    if named:
        return Path(named).expanduser() / short_hash(str(root))
    if os.access(root, os.W_OK):
        return root / FOLDER
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "standpoint" / short_hash(str(root))


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all; any failure is ignored (costs time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass


class Snapshot:
    """Files read (and hashed) ahead of a load, handed to the per-file cache so that it reads
    and hashes them no second time; ``changed`` is set when one of them turned out to change
    before the load read it again (:class:`.cache.FileCache`)."""

    def __init__(self, files: dict[str, tuple[bytes, str]]) -> None:
        self.files = files  # path relative to the data directory -> (bytes, SHA-256)
        self.changed = False

    def take(self, rel: str) -> tuple[bytes, str] | None:
        """The bytes and hash of ``rel`` as read ahead, once (``None``: not read ahead)."""
        return self.files.pop(rel, None)


def local_text(root: Path, file: str) -> tuple[str, Path | None, bytes | None]:
    """The local text ``seeds/<file>`` of ``root``, found as the loader finds it:
    ``(how, target, raw)`` where ``how`` is ``"missing"`` or ``"outside"`` (seeds/; no
    target), ``"too-large"`` (not read) or ``"read"`` (``raw`` its bytes)."""
    seeds = (root / "seeds").resolve()
    try:
        target = (seeds / file).resolve()
        inside = target.is_relative_to(seeds)
        found = inside and target.is_file()
    except (OSError, ValueError, RuntimeError):  # too long, NUL byte, symlink loop
        inside = found = False
    if not found:
        return ("missing" if inside else "outside"), None, None
    if target.stat().st_size > MAX_TEXT_BYTES:
        return "too-large", target, None
    return "read", target, target.read_bytes()


def text_state(
    root: Path, file: str, how: str, target: Path | None, raw: bytes | None
) -> list[str | int | None]:
    """What a result drawn from a local text depends on: its name as written, how it was
    found, where (relative to ``root``), and its bytes' hash (its size when too large)."""
    where = None
    if target is not None:
        try:
            where = target.relative_to(root.resolve()).as_posix()
        except ValueError:  # seeds/ itself lies elsewhere
            where = target.as_posix()
    if raw is not None:
        return [file, how, where, hashlib.sha256(raw).hexdigest()]
    return [file, how, where, target.stat().st_size if target is not None else None]
