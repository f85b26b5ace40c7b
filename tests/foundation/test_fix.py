"""--fix rewrites only what it was asked to, atomically, keeping case."""

from jdlint.fix import apply_fixes, match_case
from jdlint.model import Finding


def finding(start, end, match, fix):
    return Finding("r", "c", "warning", "m", 1, start + 1, 1, end + 1, match=match, start=start, end=end, fix=fix)


def test_match_case():
    assert match_case("Salesman", "salesperson") == "Salesperson"
    assert match_case("SALESMAN", "salesperson") == "SALESPERSON"
    assert match_case("salesman", "salesperson") == "salesperson"


def test_apply_fixes_right_to_left_and_skips_overlaps():
    src = "A salesman and a Salesman."
    fs = [finding(2, 10, "salesman", "salesperson"), finding(17, 25, "Salesman", "salesperson"),
          finding(2, 6, "sale", "x")]
    out, fixed = apply_fixes(src, fs)
    assert out == "A salesperson and a Salesperson."
    assert len(fixed) == 2


def test_cli_fix_rewrites_file(cli, tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("""
rules:
  - id: house.swap
    category: house
    severity: warning
    message: "Use “{suggestion}” instead of “{match}”."
    rationale: r
    sources: [s]
    kind: terms
    terms:
      - {phrase: salesman, suggestion: salesperson, fix: true}
      - {phrase: guru, suggestion: expert}
""")
    (tmp_path / ".jdlint.yaml").write_text("rule_packs: [pack.yaml]\nselect: [house]\n")
    post = tmp_path / "job.md"
    post.write_text("Salesman wanted.\nA guru too.\n")
    untouched = tmp_path / "other.md"
    untouched.write_text("Salesman wanted.\n")
    res = cli("check", "job.md")
    assert post.read_text() == "Salesman wanted.\nA guru too.\n"  # no --fix: nothing changes
    res = cli("check", "--fix", "job.md")
    assert post.read_text() == "Salesperson wanted.\nA guru too.\n"
    assert "“salesman”" not in res.stdout.lower() and "“guru”" in res.stdout
    assert res.exit_code == 1  # the guru finding remains
    assert untouched.read_text() == "Salesman wanted.\n"
    assert list(tmp_path.glob(".job.md.*")) == []  # no temporary file left behind
