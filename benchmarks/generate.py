"""A seeded generator of a large, valid stance data set, for benchmarks and load tests.

    python benchmarks/generate.py OUT_DIR [--actors 300] [--issues 40] [--positions 4]
                                          [--sources N] [--seed 0]

writes a data directory (``stances/`` with one positions file per actor, ``seeds/`` with a
source registry and local texts) holding ``actors x issues x positions`` positions. The
defaults give the data set of issue 10: 300 actors, 40 issues, 4 positions each (48,000
positions, about 16 MB of YAML). The same arguments always write the same bytes.

The data is valid under ``python -m standpoint validate``: dates lie between 2000 and mid-2026
(day, month and year precision, never two of one actor and issue on one day unless their
speakers differ), every citation carries a quote, and a quote citing a registry source with a
local text is cut from that text (sometimes with its case changed, straight quotes for curly
ones, or an ellipsis for omitted words), as a curator would copy it. Other citations name a
registry source without a text, or an inline source with a URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

STANCES = ("support", "lean-support", "ambiguous", "lean-oppose", "oppose")
EVIDENCE = (("stated", 6), ("reported", 3), ("inferred", 1))
KINDS = (("state", 70), ("organisation", 12), ("bloc", 3), ("person", 15))
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2026, 6, 30)
_SYLLABLES = (
    "ka ri to mo la ne su vi da ber gan tor lin mar sel dov ast ren pol har ost wel "
    "bri nor cal fen gor hal jun kel lum mir nal ork pra quin rul sav tam ul var zen"
).split()
_WORDS = (
    "the a of to and in that on for with as by said would must should not no will "
    "peace talks troops border ceasefire sanctions security guarantee membership treaty "
    "minister government parliament council alliance support oppose conditions deal "
    "territory sovereignty negotiations delegation summit envoy agreement withdrawal "
    "elections referendum energy grain exports weapons aid reconstruction monitors "
    "cannot accept any proposal without consent partners insisted warned agreed "
    "rejected welcomed demanded offered considered announced repeated clarified"
).split()


@dataclass(frozen=True)
class Summary:
    """What was written."""

    root: Path
    actors: int
    issues: int
    positions: int
    sources: int
    texts: int
    files: int
    bytes: int


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w for w, _ in weighted], [n for _, n in weighted])[0]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is a subset of YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _unique(base: str, taken: set[str]) -> str:
    ident, n = base, 2
    while ident in taken:
        ident, n = f"{base}-{n}", n + 1
    taken.add(ident)
    return ident


def _date_text(rng: random.Random, day: dt.date) -> tuple[str, dt.date]:
    """The date as written (day, month or year precision) and the day it counts from."""
    roll = rng.random()
    if roll < 0.05:
        return f"{day.year:04d}", dt.date(day.year, 1, 1)
    if roll < 0.15:
        return f"{day.year:04d}-{day.month:02d}", dt.date(day.year, day.month, 1)
    return day.isoformat(), day


def _random_day(rng: random.Random) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def _source_text(rng: random.Random, title: str) -> str:
    """A news text of about 20 KB, with curly quotes and dashes as news sites write them."""
    paragraphs = [title, ""]
    for _ in range(30):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            sentence = _sentence(rng, 8, 20)
            if rng.random() < 0.2:
                words = sentence.split()
                cut = rng.randint(1, len(words) - 1)
                sentence = " ".join([*words[:cut], "\u201c" + words[cut], *words[cut + 1 :]])
                sentence = sentence[:-1] + "\u201d."
            elif rng.random() < 0.1:
                sentence = sentence.replace(" the ", " \u2014 the ", 1)
            sentences.append(sentence)
        paragraphs.extend([*_wrap(" ".join(sentences)), ""])
    return "\n".join(paragraphs)


def _wrap(text: str, width: int = 78) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def _quote_from(rng: random.Random, text: str) -> str:
    """Words copied from ``text`` as a curator would: maybe re-cased, straightened, elided."""
    words = text.split()
    length = rng.randint(5, 11)
    start = rng.randrange(len(words) - 2 * length - 4)
    quote = " ".join(words[start : start + length])
    if rng.random() < 0.1:  # omitted words in between
        later = start + length + rng.randint(1, 4)
        quote += " ... " + " ".join(words[later : later + rng.randint(3, 6)])
    quote = quote.replace("\u201c", '"').replace("\u201d", '"').replace("\u2014", "-")
    if rng.random() < 0.1:
        quote = quote.lower()
    return quote


def generate(
    out: Path | str,
    actors: int = 300,
    issues: int = 40,
    positions: int = 4,
    sources: int | None = None,
    seed: int = 0,
) -> Summary:
    """Write the data set into ``out`` (its ``stances/`` and ``seeds/`` are replaced)."""
    if actors < 1 or issues < 1 or positions < 1:
        raise ValueError("actors, issues and positions must each be at least 1")
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    root = Path(out)
    for sub in ("stances", "seeds"):
        shutil.rmtree(root / sub, ignore_errors=True)
        (root / sub).mkdir(parents=True)
    n_sources = sources if sources is not None else max(4, actors)
    n_texts = max(2, n_sources // 10)

    # issues
    issue_ids: list[str] = []
    taken: set[str] = set()
    lines = [
        "# Generated by benchmarks/generate.py: a large synthetic data set for benchmarks.",
        f"title: Synthetic stance data (seed {seed})",
        "credit: Generated by benchmarks/generate.py",
        "issues:",
    ]
    for _ in range(issues):
        words = [rng.choice(_WORDS[20:]) for _ in range(2)]
        ident = _unique("-".join(words), taken)
        issue_ids.append(ident)
        lines += [
            f"  - id: {ident}",
            f"    label: {_q(' '.join(words).capitalize())}",
            f"    proposition: {_q(_sentence(rng, 8, 16))}",
        ]
        if rng.random() < 0.3:
            lines += ["    labels:", f"      support: {_q(_sentence(rng, 2, 4))}"]
            lines += [f"      oppose: {_q(_sentence(rng, 2, 4))}"]
    (root / "stances" / "issues.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # actors and groups
    groups = [_unique(_name(rng, 2).lower(), set()) for _ in range(8)]
    groups = list(dict.fromkeys(groups))
    lines = ["groups:"]
    for g in groups:
        lines += [f"  - id: {g}", f"    name: {_q(g.capitalize() + ' group')}"]
    lines.append("actors:")
    actor_ids: list[str] = []
    states: list[str] = []
    iso3s: set[str] = set()
    taken = set()
    speakers: dict[str, list[str]] = {}
    for i in range(actors):
        kind = _pick(rng, KINDS) if states else "state"
        name = _name(rng, rng.randint(2, 3))
        ident = _unique(name.lower(), taken)
        actor_ids.append(ident)
        speakers[ident] = [f"{_name(rng, 2)} {_name(rng, 3)}" for _ in range(3)]
        lines += [f"  - id: {ident}", f"    name: {_q(name)}", f"    kind: {kind}"]
        if kind == "state":
            states.append(ident)
            code = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3))
            if code not in iso3s:
                iso3s.add(code)
                lines.append(f"    iso3: {code}")
            member = [g for g in groups if rng.random() < 0.25]
            if member:
                lines.append("    groups:")
                lines += [f"      - {g}" for g in member]
        elif kind == "person":
            lines += [f"    parent: {rng.choice(states)}", f"    role: {_q(f'Envoy no. {i}')}"]
    (root / "stances" / "actors.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # the source registry, with a local text for every tenth source
    lines = ["# Generated source registry.", "sources:"]
    source_ids: list[str] = []
    texts: dict[str, str] = {}
    for i in range(n_sources):
        ident = f"src-{i:04d}"
        source_ids.append(ident)
        title = _sentence(rng, 5, 10)[:-1]
        lines += [
            f"  - id: {ident}",
            f"    title: {_q(title)}",
            f"    published: {_random_day(rng).isoformat()}",
            f"    outlet: {_q(_name(rng, 2) + ' News')}",
            f"    url: https://news.example.org/{ident}",
        ]
        if i % (n_sources // n_texts) == 0 and len(texts) < n_texts:
            file = f"{i:04d}_{rng.getrandbits(32):08x}.txt"
            texts[ident] = _source_text(rng, title)
            (root / "seeds" / file).write_text(texts[ident], encoding="utf-8")
            lines.append(f"    file: {file}")
    (root / "seeds" / "sources.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with_text = list(texts)
    without_text = [s for s in source_ids if s not in texts]

    # events
    lines = ["events:"]
    for _ in range(30):
        lines += [
            f"  - date: {_random_day(rng).isoformat()}",
            f"    label: {_q(_sentence(rng, 3, 7))}",
            f"    source: {rng.choice(source_ids)}",
        ]
    (root / "stances" / "events.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    # one positions file per actor
    total = 0
    for actor in actor_ids:
        lines = [f"# Positions of {actor} (generated).", f"actor: {actor}", "positions:"]
        for issue in issue_ids:
            for date, speaker in _dated_speakers(rng, positions, speakers[actor]):
                lines += [
                    f"  - issue: {issue}",
                    f"    date: {date}",
                    f"    stance: {rng.choice(STANCES)}",
                ]
                if speaker:
                    lines.append(f"    speaker: {_q(speaker)}")
                lines.append(f"    summary: {_q(_sentence(rng, 5, 11))}")
                if rng.random() < 0.15:
                    lines.append(f"    conditions: {_q(_sentence(rng, 4, 9))}")
                lines += [f"    evidence: {_pick(rng, EVIDENCE)}", "    sources:"]
                for _ in range(1 if rng.random() < 0.9 else 2):
                    lines += _citation(rng, with_text, without_text, texts)
                total += 1
        (root / "stances" / f"{actor}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # what this run wrote: not a cache folder (".standpoint-cache") a reused folder may hold
    files = [
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]
    return Summary(
        root=root,
        actors=len(actor_ids),
        issues=len(issue_ids),
        positions=total,
        sources=len(source_ids),
        texts=len(texts),
        files=len(files),
        bytes=sum(p.stat().st_size for p in files if p.suffix == ".yaml"),
    )


def _dated_speakers(
    rng: random.Random, count: int, speakers: list[str]
) -> list[tuple[str, str | None]]:
    """``count`` (date, speaker) pairs in date order, no two on one day with one speaker;
    now and then two speakers on one day (a cell that may be divided)."""
    out: list[tuple[str, str | None]] = []
    used: set[tuple[dt.date, str | None]] = set()
    while len(out) < count:
        if out and rng.random() < 0.03:  # a second voice on the day of the previous one
            text, _ = out[-1]
            start = _start_of(text)
            speaker: str | None = rng.choice(speakers)
        else:
            text, start = _date_text(rng, _random_day(rng))
            speaker = rng.choice(speakers) if rng.random() < 0.7 else None
        if (start, speaker) in used:
            continue
        used.add((start, speaker))
        out.append((text, speaker))
    return sorted(out, key=lambda pair: _start_of(pair[0]))


def _start_of(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], *([*parts[1:], 1, 1])[:2])


def _citation(
    rng: random.Random, with_text: list[str], without_text: list[str], texts: dict[str, str]
) -> list[str]:
    roll = rng.random()
    if roll < 0.3 and with_text:
        source = rng.choice(with_text)
        quote = _quote_from(rng, texts[source])
        return [f"      - source: {source}", f"        quote: {_q(quote)}"]
    if roll < 0.85 and without_text:
        return [
            f"      - source: {rng.choice(without_text)}",
            f"        quote: {_q(_sentence(rng, 5, 11))}",
        ]
    outlet = _name(rng, 2) + " Times"
    return [
        f"      - url: https://{outlet.split()[0].lower()}.example.com/{rng.getrandbits(40):x}",
        f"        outlet: {_q(outlet)}",
        f"        published: {_random_day(rng).isoformat()}",
        f"        quote: {_q(_sentence(rng, 5, 11))}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--actors", type=int, default=300)
    parser.add_argument("--issues", type=int, default=40)
    parser.add_argument("--positions", type=int, default=4, help="per actor and issue")
    parser.add_argument("--sources", type=int, default=None, help="default: one per actor")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    s = generate(args.out, args.actors, args.issues, args.positions, args.sources, args.seed)
    print(
        f"{s.root}: {s.actors} actors, {s.issues} issues, {s.positions:,} positions, "
        f"{s.sources} sources ({s.texts} with a text), {s.files} files, "
        f"{s.bytes / 1e6:.1f} MB of YAML"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
