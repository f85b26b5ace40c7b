"""jdlint — a linter for job postings.

    >>> import jdlint
    >>> result = jdlint.lint_text("We need a rockstar ninja.")
    >>> [f.rule for f in result.findings]        # doctest: +SKIP
    >>> result.facts.pay                          # doctest: +SKIP

The heavy parts (spaCy, rule packs) load on first use, so ``import jdlint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jdlint.model import Facts, Finding, Location, Pay, Result, Statement
from jdlint.version import __version__

if TYPE_CHECKING:
    from jdlint.config import Config

__all__ = ["Config", "Facts", "Finding", "Location", "Pay", "Result", "Statement", "__version__",
           "lint_paths", "lint_text"]


def lint_text(text: str, *, path: str | None = None, config: Any = None, input_format: str | None = None) -> Result:
    """Lint one posting given as a string; see :func:`jdlint.lint.lint_text`."""
    from jdlint.lint import lint_text as _lint_text

    return _lint_text(text, path=path, config=config, input_format=input_format)


def lint_paths(paths: Any, config: Any = None) -> list[Result]:
    """Lint files and directories; see :func:`jdlint.lint.lint_paths`."""
    from jdlint.lint import lint_paths as _lint_paths

    return _lint_paths(paths, config=config)


def __getattr__(name: str) -> Any:
    if name == "Config":
        from jdlint.config import Config

        return Config
    raise AttributeError(name)
