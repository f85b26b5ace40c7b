"""Regenerate the README's rule and jurisdiction tables from the rule packs.

Run `python scripts/update_readme.py`; `--check` exits 1 when the README is out of date
(a test runs that, so the tables can't drift from the packs).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from jdlint.engine.packs import load_all  # noqa: E402
from jdlint.rule_docs import rules_markdown  # noqa: E402

README = ROOT / "README.md"


def jurisdiction_table(rules) -> str:
    by_j: dict[str, list] = {}
    for r in rules:
        for j in r.jurisdictions:
            by_j.setdefault(j, []).append(r)
    if not by_j:
        return "_No jurisdiction packs yet._"
    lines = ["| Jurisdiction | Rules | In force from |", "|---|---|---|"]
    for j in sorted(by_j):
        rs = by_j[j]
        dates = sorted({r.effective_from.isoformat() for r in rs if r.effective_from})
        lines.append(f"| `{j}` | {', '.join(f'`{r.id}`' for r in rs)} | {', '.join(dates) or '—'} |")
    return "\n".join(lines)


def render(text: str) -> str:
    rules = load_all()
    blocks = {"RULES": rules_markdown(rules), "JURISDICTIONS": jurisdiction_table(rules)}
    for name, body in blocks.items():
        text = re.sub(rf"(<!-- BEGIN {name} -->\n).*?(<!-- END {name} -->)",
                      lambda m, body=body: m.group(1) + body + "\n" + m.group(2), text, flags=re.DOTALL)
    return text


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        if fresh != current:
            print("README.md rule tables are out of date; run: python scripts/update_readme.py")
            return 1
        return 0
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
