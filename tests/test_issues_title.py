"""issues.yaml's optional top-level ``title`` and ``credit`` (FORMAT.md)."""

from __future__ import annotations

from standpoint import load
from tests.datadir import ISSUES, data_dir


def test_title_and_credit_are_read_and_valid(tmp_path):
    root = data_dir(tmp_path, {})
    issues = root / "stances" / "issues.yaml"
    issues.write_text("title: Peace talks\ncredit: Five news texts\n" + ISSUES, encoding="utf-8")
    ds = load(root)
    assert [p.code for p in ds.problems] == []
    assert (ds.title, ds.credit) == ("Peace talks", "Five news texts")


def test_data_without_them_still_works(tmp_path):
    ds = load(data_dir(tmp_path, {}))
    assert (ds.title, ds.credit, ds.problems) == (None, None, [])


def test_a_title_that_is_not_text_is_an_error(tmp_path):
    root = data_dir(tmp_path, {})
    issues = root / "stances" / "issues.yaml"
    issues.write_text("title: [a, b]\n" + ISSUES, encoding="utf-8")
    ds = load(root)
    assert [(p.path, p.line, p.code) for p in ds.problems] == [("stances/issues.yaml", 1, "type")]
    assert ds.title is None
