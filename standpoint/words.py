"""Words for counts, shared by every figure, note and text: one rule for plurals."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``1 state``, ``2 states``; ``many`` for irregular plurals."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def agree(n: int, one: str, many: str) -> str:
    """The form of a word that agrees with a count: ``agree(n, "is", "are")``."""
    return one if n == 1 else many


def and_list(names: list[str], most: int = 4) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``most`` names ``A, B, C, D and 3 more``."""
    shown = list(names[:most])
    more = len(names) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def clause_list(clauses: list[str]) -> str:
    """Clauses as one list: as :func:`and_list`, but where a clause before the last holds an
    "and" of its own, set apart by semicolons ("A and B did x; C did y; and 3 more"), or by
    ", and" between two, so that no reader takes one clause's "and" for the list's."""
    if len(clauses) > 1 and any(" and " in c for c in clauses[:-1]):
        return "; ".join(clauses[:-1]) + (", and " if len(clauses) == 2 else "; and ") + clauses[-1]
    return and_list(clauses, most=len(clauses))


# The rule for "the" before a name (docs/exports.md, "Words"): a name takes it when, once a
# trailing "(...)" is set aside, it contains " of " (Democratic Republic of the Congo), or
# its last word names a body or a compound state (United States, United Kingdom, European
# Union, UN General Assembly, Dominican Republic, Marshall Islands, EU member states), or it
# is one of the few country names in a plural form or set phrase and common abbreviations
# (Netherlands, Philippines, Bahamas, Gambia, EU, UN, UK, US). Every other name (a person,
# "Russia", "NATO", "Reuters") goes bare.
THE_LAST_WORDS = frozenset(
    "administration alliance assembly commission council department emirates federation "
    "government islands kingdom kremlin ministry nations office parliament "
    "presidency republic secretariat states union".split()
)
THE_NAMES = frozenset(
    "bahamas comoros gambia maldives netherlands philippines seychelles "
    "eu un uk us usa uae unga".split()
)


def needs_the(name: str) -> bool:
    """Whether ``name`` takes "the" in running text (the rule above)."""
    core = name.split(" (")[0].strip()
    low = core.lower()
    if not low or low.startswith("the "):
        return False
    words = low.split()
    return " of " in f" {low} " or words[-1] in THE_LAST_WORDS or low in THE_NAMES


def the(name: str, *, start: bool = False) -> str:
    """``name`` as it reads in a sentence: "the United States", "Russia"; ``start`` for the
    first word of a sentence ("The United States")."""
    if not needs_the(name):
        return name
    return ("The " if start else "the ") + name
