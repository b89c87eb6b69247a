"""The floor every loader figure is measured against: a bare libyaml parse, as a process.

    python benchmarks/floor.py DATA_DIR

reads every YAML file a loader reads (``stances/**/*.yaml`` and ``seeds/sources.yaml``) and
parses it with ``yaml.load(..., Loader=yaml.CSafeLoader)``: no checks, no positions, no
cache. A whole process, so interpreter start-up counts here as it does for ``validate``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def yaml_files(root: Path) -> list[Path]:
    files = sorted(p for p in (root / "stances").rglob("*.yaml") if p.is_file())
    registry = root / "seeds" / "sources.yaml"
    return [*files, registry] if registry.is_file() else files


def parse_all(root: Path) -> int:
    for path in yaml_files(root):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return len(yaml_files(root))


if __name__ == "__main__":
    parse_all(Path(sys.argv[1]))
