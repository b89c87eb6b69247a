"""The command line: ``python -m standpoint validate|matrix|chart|deck`` (see README.md)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .loader.report import Report, check
from .problems import Problem
from .words import plural

if TYPE_CHECKING:
    from .model import Dataset

# ``validate`` must start fast: the query modules (pandas) are imported by the commands that
# need them, not here, and the loader (the parser, the records) only when ``validate``'s
# result from its last run no longer holds (standpoint.loader.report).


def load(root: Path, cache: bool = True) -> Dataset:
    """The data set of ``root`` (:func:`standpoint.loader.load`), imported on first use."""
    from .loader import load as load_data

    return load_data(root, cache=cache)


def parse_as_of(text: str) -> dt.date:
    """A date given on the command line (:func:`standpoint.dates.parse_as_of`)."""
    from .dates import parse_as_of as parse

    return parse(text)


REPO_ROOT = Path(__file__).resolve().parent.parent


class UsageError(Exception):
    """The command itself is misused (exit 2)."""


def _data_dir(value: str | None) -> Path:
    path = Path(value) if value else REPO_ROOT
    if not path.is_dir():
        raise UsageError(f"DATA_DIR {str(path)!r} is not a directory")
    return path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m standpoint",
        description="Check stance data and print the stance matrix. "
        "The data format is described in docs/format.md.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    val = sub.add_parser(
        "validate",
        help="check a data directory and list every error",
        description="Check a data directory. Exit 0 when valid, 1 when it holds errors, "
        "2 when the command is misused.",
    )
    _data_dir_argument(val)
    val.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default="text",
        help="text (PATH:LINE:COL: error: MESSAGE), GitHub Actions annotations, or a JSON list",
    )
    mat = sub.add_parser(
        "matrix",
        help="print the actor-by-issue stance matrix as of a date",
        description="Print the stance matrix as of a date: one row per actor with a position "
        "at any date, one column per issue; each cell a stance key, 'divided', or empty. "
        "Errors go to standard error and the exit code is 1 when there were any.",
    )
    _data_dir_argument(mat, as_of=True)
    mat.add_argument(
        "--max-age",
        metavar="N",
        help="leave old cells empty: those whose latest date surely lies more than N "
        "calendar months (a whole number, 1 or more) before the as-of date",
    )
    mat.add_argument("--format", choices=("csv", "json"), default="csv", help="csv or json")
    _maintainer_commands(sub)
    _export_commands(sub)
    for command in (val, mat):  # misuse is told with the usage of the command used
        command.set_defaults(usage=command)
        command.add_argument(
            "--no-cache",
            action="store_true",
            help="read and check every file afresh; keep nothing (see docs/performance.md)",
        )
    return parser


def _data_dir_argument(command: argparse.ArgumentParser, *, as_of: bool = False) -> None:
    """The optional DATA_DIR of a command, and with ``as_of`` its --as-of date."""
    command.add_argument(
        "data_dir",
        nargs="?",
        metavar="DATA_DIR",
        help="the data directory (default: the repository root)",
    )
    if as_of:
        command.add_argument("--as-of", metavar="YYYY-MM-DD", help="the date (default: today)")


def _maintainer_commands(sub: argparse._SubParsersAction) -> None:
    """The maintainer's commands (schema, new, diff): each one's work lives in a module of
    its own, imported when the command runs."""
    sch = sub.add_parser(
        "schema",
        help="write the JSON Schemas that editors use to check the data files",
        description="Write one JSON Schema per file kind (issues, actors, positions, sources, "
        "events), generated from the validator's own description of the files.",
    )
    sch.add_argument(
        "--out",
        metavar="DIR",
        default="schemas",
        help="the folder to write them into (default: ./schemas)",
    )
    sch.set_defaults(usage=sch, run=schema)
    dif = sub.add_parser(
        "diff",
        help="review a change: cells, records and problems between two git revisions",
        description="Compare a data directory at two git revisions (NEW_REV defaults to the "
        "working tree): matrix cells that changed (as of today and each date in the data), "
        "records added, removed or edited, problems introduced or fixed. Old revisions are "
        "read with git archive; the working tree is never checked out over.",
    )
    dif.add_argument("old_rev", metavar="OLD_REV", help="the revision before, e.g. main or HEAD~1")
    dif.add_argument(
        "revs",
        nargs="*",
        metavar="[NEW_REV] [DATA_DIR]",
        help="the revision after (default: the working tree), and the data directory "
        "(default: the repository root)",
    )
    dif.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    dif.set_defaults(usage=dif, run=diff)
    new = sub.add_parser(
        "new",
        help="append a new position, actor, issue, source or event to the right file",
        description="Append a valid entry to the right file, keeping its comments and layout. "
        "Missing required fields are asked for in a terminal. The data is validated with the "
        "entry first (a position's quote against its source's text): when the entry would be "
        "invalid, nothing is written and the problems are told.",
    )
    new.add_argument(
        "record", metavar="KIND", choices=("position", "actor", "issue", "source", "event")
    )
    _data_dir_argument(new)
    from .entry_fields import FIELDS  # plain data

    names = dict.fromkeys(f.name for fields in FIELDS.values() for f in fields)
    for name in names:
        new.add_argument(f"--{name}", metavar=name.upper(), help=_field_help(name))
    new.set_defaults(usage=new, run=new_entry)


def schema(args: argparse.Namespace) -> int:
    from .schemas import write_all

    for path in write_all(Path(args.out)):
        sys.stdout.write(f"wrote {path}\n")
    return 0


def diff(args: argparse.Namespace) -> int:
    from .diff import FORMATS, GitError, review

    revs = list(args.revs)
    if len(revs) > 2:
        raise UsageError("diff takes OLD_REV [NEW_REV] [DATA_DIR]")
    data_dir = None
    if (
        revs
        and Path(revs[-1]).is_dir()
        and (len(revs) == 2 or (Path(revs[-1]) / "stances").is_dir())
    ):
        data_dir = revs.pop()
    new_rev = revs[0] if revs else None
    try:
        result = review(_data_dir(data_dir), args.old_rev, new_rev)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    sys.stdout.write(FORMATS[args.format](result))
    return 0


def _field_help(name: str) -> str:
    from .entry_fields import FIELDS

    kinds = [k for k, fields in FIELDS.items() if any(f.name == name for f in fields)]
    prompt = next(f.prompt for fields in FIELDS.values() for f in fields if f.name == name)
    return f"{prompt} ({', '.join(kinds)})"


def new_entry(args: argparse.Namespace) -> int:
    from .scaffold import FIELDS, ScaffoldError, add, ask_missing

    root = _data_dir(args.data_dir)
    allowed = {f.name for f in FIELDS[args.record]}
    given = {
        name: value
        for name in {f.name for fields in FIELDS.values() for f in fields}
        if (value := getattr(args, name, None)) is not None
    }
    wrong = sorted(set(given) - allowed)
    if wrong:
        raise UsageError(f"a {args.record} has no {', '.join('--' + w for w in wrong)}")
    if sys.stdin.isatty():
        given = ask_missing(args.record, given, input)
    try:
        rel, warnings = add(root, args.record, given)
    except ScaffoldError as exc:
        sys.stderr.write(f"not written: {exc}\n")
        for p in exc.problems:
            sys.stderr.write(p.lines() + "\n")
        return 1
    sys.stdout.write(f"added a {args.record} to {rel}\n")
    for p in warnings:
        sys.stdout.write(p.lines() + "\n")
    return 0


def _export_commands(sub: argparse._SubParsersAction) -> None:
    """``chart`` and ``deck``: files for slides, print and spreadsheets (docs/exports.md)."""
    kinds = ("matrix", "timeline", "compare", "map", "agreement")
    cha = sub.add_parser(
        "chart",
        help="write one chart as PNG, SVG, PDF, CSV or JSON",
        description="Write one chart to a file: its format from the suffix of -o (.png, .svg, "
        ".pdf need Chromium; .csv, .json hold exactly what the chart shows). Images are laid "
        "out for a slide (--size); a matrix or timeline too tall for one is split into "
        "FILE-1.png, FILE-2.png, …; the alt text and speaker note go to FILE.txt beside it.",
    )
    cha.add_argument("kind", choices=kinds, metavar="{" + ",".join(kinds) + "}")
    _data_dir_argument(cha, as_of=True)
    cha.add_argument("--issue", metavar="ID", help="the issue of a timeline or map")
    cha.add_argument(
        "--issues", metavar="A,B,…", help="the columns of a matrix or compare (default: all)"
    )
    cha.add_argument(
        "--actors", metavar="A,B,…", help="rows, lanes or the actors compared (default: all)"
    )
    cha.add_argument("--size", choices=("16:9", "4:3"), default="16:9", help="slide shape")
    cha.add_argument("--title", help="a title of your own")
    cha.add_argument(
        "--max-age",
        metavar="N",
        help="a matrix's age limit, as in the app: cells whose latest date surely lies more "
        "than N calendar months before the as-of date are drawn faded with their year, and "
        "left empty in CSV and JSON as by 'matrix --max-age' (default: off)",
    )
    cha.add_argument(
        "--since",
        metavar="YYYY-MM-DD",
        help="the earlier date the speaker note compares with (default: the previous dated "
        "event, or 30 days before)",
    )
    cha.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        help="the first date a timeline shows (default: where most of its positions are, when "
        "a few old ones would squash the rest; else its first step)",
    )
    cha.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write")
    dek = sub.add_parser(
        "deck",
        help="write every chart of a deck file, with an index of alt texts and notes",
        description="Write every chart of DECK.yaml into DIR in one browser session, and "
        "DIR/index.md with each image, its alt text and speaker note (docs/exports.md).",
    )
    dek.add_argument("deck", metavar="DECK.yaml", help="the deck file")
    dek.add_argument("-o", "--output", required=True, metavar="DIR", help="the directory to write")
    cha.set_defaults(usage=cha, run=chart)
    dek.set_defaults(usage=dek, run=deck)


def _summary(ds: Dataset | Report) -> str:
    """The last line: errors only decide it; warnings are counted after them."""
    r = ds if isinstance(ds, Report) else Report.of(ds)
    problems = r.problems
    warned = f", {plural(len(r.warnings), 'warning')}" if r.warnings else ""
    if not problems:
        return (
            f"OK: {r.files} files, {r.actors} actors, {r.issues} issues, "
            f"{r.positions} positions, no errors{warned}"
        )
    files = len({p.path for p in problems})
    return f"{plural(len(problems), 'error')} in {plural(files, 'file')}{warned}"


def _findings(ds: Dataset | Report) -> list[Problem]:
    """Errors and warnings together, in the order of the files."""
    return sorted([*ds.problems, *ds.warnings], key=lambda p: (p.path, p.line, p.col, p.code))


def _github(p: Problem) -> str:
    def esc(value: str, prop: bool = False) -> str:
        value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return value.replace(":", "%3A").replace(",", "%2C") if prop else value

    return (
        f"::{p.severity} file={esc(p.path, True)},line={p.line},col={p.col},"
        f"title={esc(p.code, True)}::{esc(p.message)} (hint: {esc(p.hint)})"
    )


def validate(args: argparse.Namespace) -> int:
    ds = check(_data_dir(args.data_dir), cache=not args.no_cache)
    out = sys.stdout
    if args.format == "json":
        json.dump([p.as_dict() for p in _findings(ds)], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for p in _findings(ds):
            out.write((_github(p) if args.format == "github" else p.lines()) + "\n")
        out.write(_summary(ds) + "\n")
    return 1 if ds.problems else 0


def _max_age(value: str | None) -> int | None:
    """``--max-age N``: a whole number of months, 1 or more."""
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise UsageError(
            f"--max-age: expected a whole number of months, 1 or more, found {value!r}"
        )
    return int(text)


def matrix(args: argparse.Namespace) -> int:
    root = _data_dir(args.data_dir)
    try:
        as_of = parse_as_of(args.as_of) if args.as_of else None
    except ValueError as exc:
        raise UsageError(f"--as-of: {exc}") from None
    max_age = _max_age(args.max_age)
    from .queries import default_as_of, matrix_as_of

    ds = load(root, cache=not args.no_cache)
    for p in _findings(ds):
        sys.stderr.write(p.lines() + "\n")
    if ds.problems or ds.warnings:
        sys.stderr.write(_summary(ds) + "\n")
    as_of = as_of or default_as_of()
    frame = matrix_as_of(ds, as_of, max_age=max_age)
    if args.format == "json":
        rows = [
            {"actor": actor, **{issue: frame.at[actor, issue] for issue in frame.columns}}
            for actor in frame.index
        ]
        json.dump(
            {"as_of": as_of.isoformat(), "issues": list(frame.columns), "rows": rows},
            sys.stdout,
            indent=2,
            ensure_ascii=False,
        )
        sys.stdout.write("\n")
    else:
        frame.fillna("").to_csv(sys.stdout, index_label="actor", lineterminator="\n")
    return 1 if ds.problems else 0


def _ids(value: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (value or "").split(",") if x.strip())


def _label(root: Path) -> str:
    """The data's name and version for the footer of every chart (computed once)."""
    from .version import data_version

    name = "shipped data" if root.resolve() == REPO_ROOT else root.resolve().name
    return f"{name} {data_version(root)}"


def _tell_problems(ds: Dataset) -> None:
    if ds.problems:
        sys.stderr.write(f"{_summary(ds)} (see 'validate'); the charts show what is valid\n")


def chart(args: argparse.Namespace) -> int:
    # imported here: validate and matrix need no plotly, kaleido or pandas
    from .charts import Chart, ChartError
    from .exports import write_chart
    from .queries import default_as_of
    from .render import NoBrowser

    root = _data_dir(args.data_dir)
    try:
        as_of = parse_as_of(args.as_of) if args.as_of else default_as_of()
        since = parse_as_of(args.since) if args.since else None
        start = parse_as_of(args.start) if args.start else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    max_age = _max_age(args.max_age)
    ds = load(root)
    _tell_problems(ds)
    spec = Chart(
        kind=args.kind,
        as_of=as_of,
        issue=args.issue,
        issues=_ids(args.issues),
        actors=_ids(args.actors),
        size=args.size,
        title=args.title,
        since=since,
        start=start,
        max_age=max_age,
    )
    try:
        done = write_chart(ds, spec, Path(args.output), dataset_name=_label(root))
    except ChartError as exc:
        raise UsageError(str(exc)) from None
    except NoBrowser as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    except OSError as exc:
        return _cannot_write(exc, args.output)
    for path in done.files:
        sys.stdout.write(f"wrote {path}\n")
    return 0


def _cannot_write(exc: OSError, output: str) -> int:
    """A file or folder that cannot be written (read-only, a file in the way, no space):
    said plainly, exit 1."""
    where = exc.filename or output
    sys.stderr.write(
        f"python -m standpoint: cannot write {where}: {exc.strerror or exc}. "
        "Choose another -o, or make the folder writable.\n"
    )
    return 1


def deck(args: argparse.Namespace) -> int:
    from .exports import DeckError, read_deck, write_deck
    from .queries import default_as_of

    path = Path(args.deck)
    spec = read_deck(path, default_as_of(), strict=False)
    root = spec.data or REPO_ROOT
    try:
        if spec.data_ok and (spec.entries or not spec.problems):  # charts to check
            ds = load(root)
            if ds.problems:
                sys.stderr.write(
                    _summary(ds) + " (run 'validate' for the list); charting what is valid\n"
                )
            written = write_deck(ds, spec, Path(args.output), _label(root), source=path.name)
        else:
            raise DeckError(spec.problems)
    except DeckError as exc:
        for p in exc.problems:
            sys.stderr.write(p.lines() + "\n")
        raise UsageError(
            f"{plural(len(exc.problems), 'problem')} in {path}; nothing was written"
        ) from None
    except OSError as exc:
        return _cannot_write(exc, args.output)
    index = Path(args.output) / "index.md"
    files = len({f for w in written for f in w.files})  # charts may share a .txt
    sys.stdout.write(
        f"wrote {plural(files, 'file')} for {plural(len(written), 'chart')} and {index}\n"
    )
    missing = [w for w in written if w.missing]
    if missing:
        sys.stderr.write(
            f"python -m standpoint deck: {plural(len(missing), 'image')} not made. "
            f"{missing[0].missing}\nThe tables and texts were written, and {index} says which "
            "images are missing and why.\n"
        )
        return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args, extra = parser.parse_known_args(argv)
    usage = getattr(args, "usage", parser)
    if extra and usage is not parser:
        # the data directory may come after the options (chart matrix --issues a,b . -o x):
        # the command's own parser reads its arguments in any order, or says what is wrong
        command = args.command
        args = usage.parse_intermixed_args(argv[argv.index(command) + 1 :])  # exits 2
        args.command = command
    elif extra:
        usage.error(f"unrecognized arguments: {' '.join(extra)}")  # exits 2
    try:
        if hasattr(args, "run"):
            return args.run(args)
        return validate(args) if args.command == "validate" else matrix(args)
    except UsageError as exc:
        usage.error(str(exc))  # exits 2
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return 0
    except Exception as exc:  # the last safety net: never a traceback
        sys.stderr.write(
            f"{parser.prog}: internal error while reading the data: {type(exc).__name__}: "
            f"{exc}\nThis is a bug in Standpoint; please report it with the data that caused it.\n"
        )
        return 1
    return 0  # pragma: no cover
