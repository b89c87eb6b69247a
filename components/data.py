"""The data directory, loaded once per change and shared by every user of the server.

The cache key is the directory and a fingerprint of every file under ``stances/`` and
``seeds/`` (path, modification time and size), so a file edited while the server runs is read
again on the next page view, without a restart.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import os
from pathlib import Path

import streamlit as st

from standpoint import cells, load
from standpoint.model import Dataset
from standpoint.problems import problem
from standpoint.version import data_version

REPO_ROOT = Path(__file__).resolve().parent.parent
Fingerprint = tuple[tuple[str, int, int], ...]


def data_dir() -> Path:
    """The directory in ``STANDPOINT_DATA``, or the repository root."""
    return _resolved(os.environ.get("STANDPOINT_DATA") or "")


@functools.lru_cache(maxsize=16)
def _resolved(raw: str) -> Path:
    """A path made absolute once, not on every script run (each stats every folder on it)."""
    return Path(raw or REPO_ROOT).expanduser().resolve()


def dataset_name() -> str:
    """How figures name the data in their footer: its name and version (the short hash of the
    last commit touching it, ``+edited`` when changed since; see :mod:`standpoint.version`)."""
    root = data_dir()
    name = "shipped data" if root == REPO_ROOT else root.name
    version = st.session_state.get(_VERSION)
    if not isinstance(version, str):
        version = _version(str(root), _digest(fingerprint(root)))
    return f"{name} {version}"


@st.cache_resource(max_entries=8, show_spinner=False)
def _version(root: str, stamp: str) -> str:
    """The data's version, worked out once per change of its files (it runs git)."""
    del stamp
    return data_version(root)


def fingerprint(root: Path) -> Fingerprint:
    """(relative path, mtime in ns, size) of every file under stances/ and seeds/. Read with
    ``os.scandir``, one ``stat`` a file: every script run asks, and at 334 files walking with
    ``Path.rglob`` and a ``stat`` for ``is_file`` and another for the times took 3.1 ms, this
    0.5 ms."""
    items: list[tuple[str, int, int]] = []

    def walk(folder: str, rel: str) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            name = f"{rel}/{entry.name}"
            try:
                if entry.is_dir():
                    walk(entry.path, name)
                elif entry.is_file():
                    stat = entry.stat()
                    items.append((name, stat.st_mtime_ns, stat.st_size))
            except OSError:
                continue

    for sub in ("stances", "seeds"):
        walk(os.path.join(root, sub), sub)
    return tuple(sorted(items))


def _digest(stamp: Fingerprint) -> str:
    """A short key for a fingerprint."""
    return hashlib.blake2b(repr(stamp).encode(), digest_size=16).hexdigest()


@st.cache_resource(max_entries=4, show_spinner="Reading the data…")
def _load(root: str, stamp: str) -> Dataset:
    """Load a data directory; the fingerprint is part of the cache key only."""
    del stamp
    try:
        ds = load(root)
    except Exception as exc:  # the loader reports problems; this is the last safety net
        ds = Dataset(root=Path(root))
        ds.problems.append(
            problem(
                ".",
                1,
                1,
                "data-dir",
                message=f"the data could not be read: {type(exc).__name__}: {exc}",
                hint="report this as a bug in Standpoint, with the data that caused it",
            )
        )
        return ds
    # The position index every cell is read from lives as long as the data set: built now, it
    # is frozen with it below (built on first use, after the freeze, its 130,000 objects at
    # 300 actors x 40 issues made Streamlit's collection after every run take 21 ms, not 7)
    cells.index(ds)
    # The data set is read-only and lives as long as the server: move it (and everything else
    # alive now) out of the cycle collector's reach. Streamlit collects after every script run,
    # and scanning the data set's objects each time was a large part of a quick rerun. (A data
    # set replaced after an edit is still freed: it holds no reference cycles.)
    gc.freeze()
    return ds


_THIS_RUN = "_standpoint_dataset"
_VERSION = "_standpoint_data_version"
_KEY = "_standpoint_data_key"  # the directory and its files as read: a key for caches


def refresh() -> Dataset:
    """Look for changed files and fetch the (shared, cached) data set; called once at the
    start of every script run, so the pages' :func:`dataset` calls stat no files."""
    root = data_dir()
    stamp = fingerprint(root)
    key = _digest(stamp)  # hashed once, not by each cache below (they would walk the tuple)
    ds = _load(str(root), key)
    st.session_state[_THIS_RUN] = ds
    st.session_state[_VERSION] = _version(str(root), key)
    st.session_state[_KEY] = f"{root}:{key}"
    return ds


def dataset() -> Dataset:
    """The current data set (shared; never modify it)."""
    ds = st.session_state.get(_THIS_RUN)
    return ds if isinstance(ds, Dataset) else refresh()


def view_key(*parts: object) -> str:
    """A short cache key for a view (Streamlit would hash a long tuple item by item)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def cache_key() -> str:
    """A key naming the current data set (its directory and files as last read), for caches
    of what is drawn from it."""
    if _KEY not in st.session_state:
        refresh()
    return str(st.session_state[_KEY])
