"""Problems found in a data directory: one record per mistake, with a stable code.

Every problem carries the file (relative to the data directory), a 1-based line and column,
a stable ``code`` from :data:`CODES`, a message saying what was expected and what was found,
and a hint saying how to fix it. Messages are built from the templates below so that the same
mistake always reads the same way; tests compare ``(path, line, code)``, never prose.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# problems that leave a whole file unread (rather than one of its records)
WHOLE_FILE_CODES = frozenset({"yaml-syntax", "encoding", "file-too-large", "yaml-limit"})
# problems that are warnings: legal but probably unintended; they never change the exit code
# and leave no data out (FORMAT.md, the command line). Every other code is an error.
WARNING_CODES = frozenset({"file-name-actor", "actor-claimed-twice"})

# code -> (message template, hint template). Templates use str.format with named fields.
CODES: dict[str, tuple[str, str]] = {
    "file-missing": (
        "required file {name} is missing",
        "create {name}; docs/format.md shows an example",
    ),
    "file-too-large": (
        "file is {size:,} bytes; the limit is {limit:,} bytes",
        "split the file or remove what does not belong in it",
    ),
    "encoding": (
        "file is not valid UTF-8 (byte 0x{byte:02x} at offset {offset})",
        "save the file as UTF-8",
    ),
    "yaml-syntax": (
        "YAML does not parse: {problem}",
        "check indentation, colons and quotes around line {line}",
    ),
    "yaml-tag": (
        "tag {tag} is not allowed; only YAML's standard tags are accepted",
        "remove the tag; values are read as plain text",
    ),
    "yaml-limit": (
        "document is too complex: {what}",
        "write the data out plainly; deep nesting and alias expansion are limited",
    ),
    "duplicate-key": (
        "key {key!r} appears twice in this mapping",
        "keep only one {key!r}; the record is left out until then",
    ),
    "field-missing": (
        "{where} is missing the required field {field!r}",
        "add {field}: ...",
    ),
    "field-unknown": (
        "unknown field {field!r} in {where}; expected one of: {allowed}",
        "{suggestion}",
    ),
    "type": (
        "{field} should be {expected}, found {found}",
        "write {field} as {expected}",
    ),
    "id-invalid": (
        "id {value!r} is not a valid slug",
        "use lower-case letters and digits joined by single hyphens, such as {example!r}",
    ),
    "id-duplicate": (
        "{kind} id {value!r} is defined twice (first at line {first_line})",
        "give each {kind} its own id, or merge the two entries",
    ),
    "ref-unresolved": (
        "{field} {value!r} does not name any {kind} in {where}",
        "{suggestion}",
    ),
    "parent-cycle": (
        "actor {value!r} is its own parent through the chain {chain}",
        "point parent at the actor this person speaks for, which must not point back",
    ),
    "stance-invalid": (
        "stance should be one of {allowed}, found {value!r}",
        "{suggestion}",
    ),
    "evidence-invalid": (
        "evidence should be one of {allowed}, found {value!r}",
        "{suggestion}",
    ),
    "kind-invalid": (
        "kind should be one of {allowed}, found {value!r}",
        "{suggestion}",
    ),
    "iso3-invalid": (
        "iso3 should be three upper-case letters (ISO 3166-1 alpha-3), found {value!r}",
        "for example USA, UKR, DEU",
    ),
    "date-invalid": (
        "{field} should be a date YYYY-MM-DD, YYYY-MM or YYYY, found {value!r}{reason}",
        "write a real calendar date such as 2025-02-17, or only the month (2025-02) or year",
    ),
    "date-future": (
        "{field} {value!r} lies in the future (today is {today})",
        "positions record what was stated or held; date them when they were",
    ),
    "no-source": (
        "position has no source; at least one citation is required",
        "add sources: with a source id from seeds/sources.yaml (or an inline source) and a quote",
    ),
    "citation-incomplete": (
        "citation needs either source, or both outlet and published; found {found}",
        "cite a registry id (source: seed-000) or give outlet and published for an inline source",
    ),
    "citation-mixed": (
        "citation names registry source {source!r} and also inline field(s) {fields}",
        "describe the source once: in seeds/sources.yaml, or inline without source:",
    ),
    "url-scheme": (
        "url should start with http:// or https://, found {value!r}",
        "link to a web page over http or https",
    ),
    "quote-empty": (
        "quote should hold the words that support the position, found {value!r}",
        "copy the words from the source; an ellipsis alone quotes nothing",
    ),
    "registry-missing": (
        "source {source!r} is named, but seeds/sources.yaml does not exist",
        "create seeds/sources.yaml with this source (id, title, published),"
        " or cite inline with outlet and published",
    ),
    "quote-not-found": (
        "quote does not occur in {file}: {quote!r}{nearest}",
        "{differs}copy the words exactly from the source text; use ... for omitted text",
    ),
    "source-file-missing": (
        "file {file!r} of source {source!r} {why}",
        "put the text at seeds/{file} or remove file:",
    ),
    "position-duplicate": (
        "actor {actor!r} already has a position on {issue!r} dated {date} by {speaker}"
        " (at {first})",
        "merge the two, or give each its own speaker or date",
    ),
    "data-dir": (
        "{message}",
        "{hint}",
    ),
    "file-name-actor": (
        "this file is named for actor {named!r} ({named_name}) but says actor: {actor!r}"
        " ({actor_name})",
        "if these are {named_name}'s positions, write actor: {named}; otherwise rename the file"
        " to {actor}.yaml",
    ),
    "actor-claimed-twice": (
        "actor {actor!r} is also claimed by {first}",
        "keep one positions file per actor: move these positions into {first}, or correct actor:",
    ),
}


# code -> what is wrong, in a few words: the table of codes in docs/format.md is generated
# from this (cog; a test checks that it is up to date)
ABOUT: dict[str, str] = {
    "file-missing": "a required file (`issues.yaml`, `actors.yaml`) is missing",
    "registry-missing": (
        "a citation names a registry source, but `seeds/sources.yaml` does not exist"
    ),
    "file-too-large": "a file is over the size limit",
    "encoding": "a file is not UTF-8",
    "yaml-syntax": "YAML that does not parse",
    "yaml-tag": "a tag other than YAML's standard ones",
    "yaml-limit": "nesting too deep, or aliases that expand too much",
    "duplicate-key": "a key written twice in one mapping",
    "field-missing": "a required field is missing",
    "field-unknown": "a field that the format does not have (often a typo)",
    "type": "a value of the wrong type (text where a list is expected, an empty value...)",
    "id-invalid": "an id that is not a slug",
    "id-duplicate": "an id defined twice",
    "ref-unresolved": "`actor`, `issue`, `parent`, `groups` or `source` names nothing",
    "parent-cycle": "an actor is its own parent through a chain of parents",
    "stance-invalid": "a `stance` that is not one of the five keys",
    "evidence-invalid": "an `evidence` value that is not `stated`, `reported` or `inferred`",
    "kind-invalid": "an actor `kind` outside `state`, `organisation`, `bloc`, `person`",
    "iso3-invalid": "an `iso3` that is not three upper-case letters",
    "date-invalid": "a date that is not `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, or not a real date",
    "date-future": "a date in the future",
    "no-source": "a position without citations",
    "citation-incomplete": "an inline citation without both `outlet` and `published`",
    "citation-mixed": "a citation naming a registry source and inline fields too",
    "url-scheme": "a URL that is not `http://` or `https://`",
    "quote-empty": "a quote with no words in it (empty, blank or only an ellipsis)",
    "quote-not-found": (
        "a quote that does not occur in the cited local text (the closest passage and how"
        " it differs are told)"
    ),
    "source-file-missing": "a source's `file` that does not exist, or lies outside `seeds/`",
    "position-duplicate": "two positions of one actor on one issue with the same date and speaker",
    "data-dir": "the directory has no `stances/` folder, or a file cannot be read",
    "file-name-actor": (
        "a positions file is named for one actor (`deu.yaml`) but says another (`actor: gbr`)"
    ),
    "actor-claimed-twice": "two positions files say the same `actor:`",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a data directory."""

    path: str
    line: int
    col: int
    code: str
    message: str
    hint: str = ""
    severity: str = "error"  # or "warning" (see WARNING_CODES)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def text(self) -> str:
        """The canonical one-line form: ``PATH:LINE:COL: error: MESSAGE`` (or ``warning:``)."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def lines(self) -> str:
        """:meth:`text`, then the hint on an indented line under it (FORMAT.md)."""
        return f"{self.text()}\n  hint: {self.hint}" if self.hint else self.text()


def code_table() -> str:
    """The table of problem codes for docs/format.md (markdown), in the order of CODES."""
    rows = ["| code | severity | what is wrong |", "|---|---|---|"]
    for code in CODES:
        severity = "warning" if code in WARNING_CODES else "error"
        rows.append(f"| `{code}` | {severity} | {ABOUT[code]} |")
    return "\n".join(rows)


def problem(path: str, line: int, col: int, code: str, **fields: object) -> Problem:
    """Build a problem from the templates of :data:`CODES`."""
    message_t, hint_t = CODES[code]
    fields.setdefault("line", line)
    severity = "warning" if code in WARNING_CODES else "error"
    return Problem(
        path, line, col, code, message_t.format(**fields), hint_t.format(**fields), severity
    )
