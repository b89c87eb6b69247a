"""The link from a quote to its passage in the source text: built by one rule, read back by the
Sources page, for every citation of the shipped data."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from components import controls, passage


def _params(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    assert parts.path == passage.PAGE and not parts.scheme and not parts.netloc
    query = parse_qs(parts.query, keep_blank_values=True)
    assert all(len(v) == 1 for v in query.values())
    return {k: v[0] for k, v in query.items()}


def test_every_registry_quote_links_to_its_passage_and_back(shipped):
    cited = [(p, c) for p in shipped.positions for c in p.citations if c.source]
    assert cited
    sources = controls.source_labels(shipped)
    for p, c in cited:
        url = passage.url(shipped, p.actor, p.issue, c.quote, c.source)
        assert url is not None
        params = _params(url)
        assert params[passage.SOURCE] == sources[c.source]
        assert params[passage.QUOTE] == c.quote
        # the Sources page finds the same quote of the same actor on the same issue
        assert passage.read(shipped, params, c.source) == passage.Passage(
            c.source, p.actor, p.issue, c.quote
        )
        # a page that looks the source up by the quote finds it too
        assert passage.url(shipped, p.actor, p.issue, c.quote) is not None


def test_no_link_without_a_registry_source_or_for_unknown_words(shipped):
    p = next(p for p in shipped.positions if p.citations and p.citations[0].source)
    c = p.citations[0]
    assert passage.url(shipped, p.actor, p.issue, "words nobody said") is None
    assert passage.url(shipped, p.actor, p.issue, None) is None
    assert passage.url(shipped, "nobody", p.issue, c.quote) is None
    assert passage.link(shipped, p.actor, p.issue, "words nobody said") == ""
    good = passage.link(shipped, p.actor, p.issue, c.quote, c.source)
    assert good == f" · [{passage.LINK_WORDS}]({passage.url(shipped, p.actor, p.issue, c.quote)})"
    # no markdown can end the link target early: it is percent-encoded
    target = good[good.index("](") + 2 : -1]
    assert not set(target) & set(" ()[]<>\n\"'")


def test_the_sources_page_ignores_a_passage_it_does_not_hold(shipped):
    p = next(p for p in shipped.positions if p.citations and p.citations[0].source)
    c = p.citations[0]
    params = _params(passage.url(shipped, p.actor, p.issue, c.quote, c.source) or "")
    other = next(s for s in shipped.sources if s != c.source)
    assert passage.read(shipped, params, other) is None  # another source is shown
    assert passage.read(shipped, {**params, passage.QUOTE: "not said"}, c.source) is None
    assert passage.read(shipped, {**params, passage.ACTOR: "Nobody"}, c.source) is None
    assert passage.read(shipped, {k: v for k, v in params.items() if k != "quote"}, "x") is None
