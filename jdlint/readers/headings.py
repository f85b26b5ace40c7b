"""Finding section headings in prose that has no markup for them.

Plain-text postings (and Markdown exported from careers sites) mark sections with short
stand-alone lines such as "Benefits:", "WHAT YOU'LL DO" or "About the role". Rules ask
"is there a Benefits section", so readers share this one heuristic.
"""

from __future__ import annotations

import re

from jdlint.document import Section

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣]|\d+[.)])\s+")
_WORD = re.compile(r"[^\W\d_][\w'’&/-]*")


def looks_like_heading(line: str, prev_blank: bool) -> bool:
    stripped = line.strip().strip("*_#").strip()
    if not stripped or len(stripped) > 70 or _BULLET.match(line):
        return False
    if stripped.endswith((".", ",", ";", "!")) and not stripped.endswith("..."):
        return False
    words = _WORD.findall(stripped)
    if not 1 <= len(words) <= 8:
        return False
    if stripped.endswith(":") and len(words) <= 6:
        return True
    letters = [c for c in stripped if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) >= 3:
        return True
    bold = line.strip().startswith(("**", "__")) and line.strip().endswith(("**", "__"))
    return (prev_blank or bold) and stripped[0].isupper() and len(words) <= 6 and not stripped.endswith("?")


def sections_from_lines(text: str, explicit: list[tuple[int, int, str, int]] | None = None) -> list[Section]:
    """Build sections from explicit headings ``(start, body_start, title, level)`` or, when
    there are none, from heading-like lines of ``text``."""
    heads = list(explicit or [])
    if not heads:
        pos = 0
        prev_blank = True
        for line in text.splitlines(keepends=True):
            content = line.rstrip("\r\n")
            if looks_like_heading(content, prev_blank):
                heads.append((pos, pos + len(line), content.strip().strip("*_#:").strip(), 3))
            prev_blank = not content.strip()
            pos += len(line)
    heads.sort()
    sections = []
    for i, (start, body_start, title, level) in enumerate(heads):
        end = len(text)
        for later in heads[i + 1 :]:
            if later[3] <= level:
                end = later[0]
                break
        sections.append(Section(title=title, level=level, start=start, body_start=body_start, end=end))
    return sections
