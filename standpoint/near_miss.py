"""The passage of a source text closest to a quote that does not occur in it, and how they differ.

A misquoted passage gets more help than "quote not found": the line of the text where the
closest passage lies, the passage itself, and what differs (a changed word, a different dash
or quote mark, missing words). The search is bounded, so that it takes well under a second
per quote even on the largest text the format allows (``make bench`` measures it):

1. *Anchors.* The quote's longest words are counted in the text (one pass of ``str.count``
   each); the rarest few are located, and each place votes for where the quote would start.
2. *Windows.* The places with the most votes are compared with the quote by rapidfuzz's
   ``partial_ratio_alignment``, which finds the best-matching stretch of each window.
3. *Differences.* The quote and the passage are compared word by word (``difflib`` on a few
   dozen words).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .quotes import _ELLIPSIS, _TRANSLATE, fold, normalise

MAX_ANCHORS = 16  # words of the quote counted in the text
RARE_ANCHORS = 6  # of those, the rarest are located
MAX_HITS = 2_000  # places located for one word at most
WINDOWS = 5  # places compared in full
MIN_SCORE = 60.0  # below this similarity (0-100) nothing is "close"
MAX_DIFFERENCES = 3
_WORDS = re.compile(r"\S+")
_PUNCT = re.compile(r"[^\w]+")
_EDGE_END = re.compile(r"\W+$")
_EDGE_START = re.compile(r"^\W+")


@dataclass(frozen=True, slots=True)
class NearMiss:
    line: int  # 1-based line of the text where the passage starts
    passage: str  # the passage as the text has it, on one line
    differences: tuple[str, ...]  # how the quote differs from it, most telling first
    score: float  # similarity, 0-100

    def describe(self) -> str:
        """What differs, for a problem's hint: "the quote has ..." """
        return "; ".join(self.differences) if self.differences else "different spacing"


def light(text: str) -> str:
    """``text`` with typographic punctuation folded and lower-cased, offsets kept (as far as
    lower-casing keeps them; where it does not, the text is only folded)."""
    folded = fold(text)
    lowered = folded.lower()
    return lowered if len(lowered) == len(folded) else folded


def closest(quote: str, text: str, lit: str | None = None) -> NearMiss | None:
    """The passage of ``text`` closest to ``quote``, or ``None`` when nothing is close.

    ``lit`` is :func:`light` of ``text``, passed in when several quotes search one text.
    For a quote with ellipses, the first piece that is not found in order is searched for;
    when every piece occurs but not in the quote's order, that is the difference told.
    """
    lit = light(text) if lit is None else lit
    pieces = [p for p in _ELLIPSIS.split(quote) if normalise(p)]
    if len(pieces) > 1:
        flat = normalise(text)
        at = 0
        for piece in pieces:
            found = flat.find(normalise(piece), at)
            if found < 0:
                if normalise(piece) in flat:
                    near = closest(piece, text, lit)
                    why = "pieces around its ellipsis that occur in another order in the text"
                    return NearMiss(near.line, near.passage, (why,), near.score) if near else None
                return closest(piece, text, lit)
            at = found + len(normalise(piece))
        return None
    return _closest_piece(" ".join(quote.split()), text, lit)


def _closest_piece(quote: str, text: str, lit: str) -> NearMiss | None:
    # imported here: only a quote not found in its text needs it, and a run without one
    # (a warm validate) should not pay for the import
    from rapidfuzz import fuzz

    q = light(quote)
    if not q.strip():
        return None
    starts = _votes(q, lit)
    best: tuple[float, int, int] | None = None
    span = len(q)
    for start in starts:
        lo = max(0, start - span)
        window = lit[lo : start + 2 * span]
        found = fuzz.partial_ratio_alignment(q, window, score_cutoff=MIN_SCORE)
        if found is not None and (best is None or found.score > best[0]):
            best = (found.score, lo + found.dest_start, lo + found.dest_end)
    if best is None:
        return None
    score, start, end = best
    # a little more on each side, whole words; _trim drops what the quote does not have
    margin = max(len(q) // 4, 20)
    start, end = _to_words(text, max(0, start - margin), min(len(text), end + margin))
    passage = _trim(quote, text[start:end].split())
    return NearMiss(
        line=text.count("\n", 0, start + text[start:end].find(passage.split()[0])) + 1,
        passage=" ".join(passage.split()),
        differences=tuple(_differences(quote, passage)),
        score=score,
    )


def _key(word: str) -> str:
    return word.translate(_TRANSLATE).casefold()


def _trim(quote: str, words: list[str]) -> str:
    """The passage's words less those at either end that the quote does not have, and less
    a final punctuation mark the quote does not end with."""
    qw = quote.split()
    bare = lambda w: _PUNCT.sub("", _key(w))  # noqa: E731 - a word less its punctuation
    matcher = difflib.SequenceMatcher(None, [bare(w) for w in qw], [bare(w) for w in words], False)
    ops = matcher.get_opcodes()
    lo, hi = 0, len(words)
    if ops and ops[0][0] == "insert":
        lo = ops[0][4]
    if len(ops) > 1 and ops[-1][0] == "insert":
        hi = ops[-1][3]
    kept = words[lo:hi] or words
    if qw:
        last, first = _EDGE_END.sub("", kept[-1]), _EDGE_START.sub("", kept[0])
        if last and _EDGE_END.search(qw[-1]) is None and _key(last) == _key(qw[-1]):
            kept = [*kept[:-1], last]
        if first and _EDGE_START.search(qw[0]) is None and _key(first) == _key(qw[0]):
            kept = [first, *kept[1:]]
    return " ".join(kept)


def _votes(q: str, lit: str) -> list[int]:
    """The likeliest places (offsets in ``lit``) for the quote to start, best first."""
    words: dict[str, int] = {}
    for m in _WORDS.finditer(q):
        word = m.group().strip(".,;:!?\"'()[]")
        if len(word) >= 4 and word not in words:
            words[word] = m.start() + m.group().find(word)
    longest = sorted(words, key=len, reverse=True)[:MAX_ANCHORS]
    counted = [(lit.count(w), w) for w in longest]
    rare = sorted((n, w) for n, w in counted if n > 0)[:RARE_ANCHORS]
    votes: dict[int, set[str]] = {}
    bucket = max(len(q) // 2, 1)
    for _, word in rare:
        at, hits = lit.find(word), 0
        while at >= 0 and hits < MAX_HITS:  # a common word is located only so often
            start = max(0, at - words[word])
            votes.setdefault(start // bucket, set()).add(word)
            at, hits = lit.find(word, at + 1), hits + 1
    ranked = sorted(votes, key=lambda b: len(votes[b]), reverse=True)[:WINDOWS]
    return [b * bucket for b in ranked]


def _to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` to whole words."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def _differences(quote: str, passage: str) -> list[str]:
    """How ``quote`` differs from ``passage``, word by word."""
    qw, pw = quote.split(), passage.split()
    found: list[str] = []
    matcher = difflib.SequenceMatcher(None, [_key(w) for w in qw], [_key(w) for w in pw], False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        said, text = " ".join(qw[i1:i2]), " ".join(pw[j1:j2])
        if op == "equal":
            continue
        if _PUNCT.sub("", _key(said)) == _PUNCT.sub("", _key(text)):
            if not said:
                found.append(f"a dash or quote mark: the text has {text!r} here")
            elif not text:
                found.append(f"a dash or quote mark: {said!r} is not in the text")
            else:
                found.append(
                    f"a different dash or quote mark: {said!r} where the text has {text!r}"
                )
        elif op == "replace":
            words = "a changed word" if len(qw[i1:i2]) == 1 else "changed words"
            found.append(f"{words}: {said!r} where the text has {text!r}")
        elif op == "delete":
            found.append(f"{said!r} is not in the text here")
        else:
            found.append(f"missing words: the text has {text!r} here (use ... for left-out words)")
    return found[:MAX_DIFFERENCES]


def nearest(value: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The spelling in ``known`` nearest to ``value`` (an id, a key), for a hint "did you
    mean …?"; None when none is close."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None
