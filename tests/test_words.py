"""One rule for counts in words (standpoint/words.py), and no module spelling a plural of
its own."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from standpoint.words import agree, and_list, plural
from tests.paths import REPO


@given(st.integers(min_value=0, max_value=10**6))
def test_a_count_agrees_with_its_noun_and_verb(n):
    assert plural(n, "state") == f"{n} {'state' if n == 1 else 'states'}"
    assert plural(n, "party", "parties").endswith("party" if n == 1 else "parties")
    assert f"{plural(n, 'cell')} {agree(n, 'is', 'are')}" in (f"{n} cell is", f"{n} cells are")


def test_lists_read_as_english():
    assert [and_list(names) for names in ([], ["A"], ["A", "B"], ["A", "B", "C"])] == [
        "",
        "A",
        "A and B",
        "A, B and C",
    ]
    assert and_list(list("ABCDEF"), most=4) == "A, B, C, D and 2 more"


# a count's plural or verb chosen in place: f"{n} problem{'s' if n != 1 else ''}"
HAND_MADE = re.compile(r"""\{\s*['"](s|is|are|has|have|it|them)['"] if [^}]*? else ['"]""")


def test_no_module_pluralises_a_count_by_hand():
    found = [
        f"{path.relative_to(REPO)}:{number}"
        for folder in ("standpoint", "components")
        for path in sorted((REPO / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if HAND_MADE.search(line)
    ]
    assert not found, "use standpoint.words.plural / agree: " + ", ".join(found)


def test_clauses_holding_an_and_are_set_apart_by_semicolons():
    from standpoint.words import clause_list

    assert clause_list(["A moved", "B moved", "2 more"]) == and_list(
        ["A moved", "B moved", "2 more"]
    )
    assert (
        clause_list(["A and B moved", "C moved", "2 more"]) == "A and B moved; C moved; and 2 more"
    )
    assert clause_list(["A and B moved", "2 more"]) == "A and B moved, and 2 more"
    assert clause_list(["A moved", "B and C moved"]) == "A moved and B and C moved"  # last: plain
    assert clause_list(["A and B moved"]) == "A and B moved"
