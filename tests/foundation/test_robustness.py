"""Random text never crashes the linter and every position lies inside the file."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jdlint
from jdlint.document import LineIndex

WORDS = st.sampled_from(["lead", "rockstar", "$120,000", "Remote", "EOE", "\r\n", "\t", "🎯", "e\u0301",
                         "```", "`", "<!--", "-->", "---", "# ", "**", "[x](http://a.b)", "\n", " ", "competitive"])
TEXTS = st.one_of(st.text(max_size=300), st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=60).map("".join))


def _check(text: str, path: str) -> None:
    result = jdlint.lint_text(text, path=path)
    if result.error:
        assert "\n" not in result.error and path in result.error
        return
    idx = LineIndex(text)
    n_lines = idx.line_count()
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= n_lines
        assert f.column >= 1 and f.end_column >= 1
        assert 0 <= f.start <= f.end <= len(text)
        assert idx.position(f.start) == (f.line, f.column) or f.posting_level


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_random_markdown(text):
    _check(text, "random.md")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_random_plain_text(text):
    _check(text, "random.txt")
