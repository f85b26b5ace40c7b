"""The pipeline wired together: read -> Document -> tokens -> facts -> rules -> suppressions.

``Linter`` holds what is expensive to build (compiled rule packs, the NLP pipeline) so a run
over thousands of postings builds it once; ``lint_text`` and ``lint_paths`` are the public
Python API on top of it.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Iterator
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any

from jdlint import suppress
from jdlint.config import Config
from jdlint.document import Document
from jdlint.engine.context import Posting
from jdlint.engine.kinds import terms
from jdlint.engine.packs import load_all
from jdlint.engine.runner import RulePlan, select_rules
from jdlint.errors import InputError, JdlintError
from jdlint.facts import extract_facts
from jdlint.facts.gender_coding import gender_coding
from jdlint.jurisdictions.infer import infer_jurisdictions
from jdlint.model import Finding, Result
from jdlint.nlp import Tokens, tokenize, tokenize_many
from jdlint.readers import read_bytes, read_source

GENDER_RULE = "bias.gender-coded"
_BY_POSITION = attrgetter("line", "column", "rule")  # Finding.sort_key, without a method call per finding
_BY_OFFSETS = attrgetter("start", "end")


class Linter:
    def __init__(self, config: Config | None = None, *, report_unused_disables: bool = False):
        self.config = config or Config()
        self.all_rules = load_all(self.config.rule_packs)
        self.rules = select_rules(self.all_rules, self.config)
        self.by_id = {r.id: r for r in self.all_rules}
        self.as_of = self.config.as_of or date.today()
        self.report_unused_disables = report_unused_disables
        self.plan = RulePlan(self.rules, self.config, self.as_of)
        self.gender_rule = self.by_id.get(GENDER_RULE)
        self.superseded_by = {r.id: frozenset(r.superseded_by) for r in self.rules if r.superseded_by}
        term_rules = [*self.rules, *([self.gender_rule] if self.gender_rule else ())]
        terms.prepare(r.compiled for r in term_rules if r.kind == "terms")

    # -- one document ------------------------------------------------------------------
    def lint_document(self, doc: Document, tokens: Tokens | None = None) -> Result:
        try:
            return self._lint(doc, tokens if tokens is not None else tokenize(doc.text))
        except JdlintError as err:
            return Result(path=doc.path, error=str(err))
        except Exception as err:  # a bug in a rule must not hide the other files' results
            where = traceback.extract_tb(err.__traceback__)[-1]
            return Result(path=doc.path, error=f"{doc.path}: internal error ({type(err).__name__}: {err} "
                                              f"at {Path(where.filename).name}:{where.lineno}); please report it")

    def posting(self, doc: Document, tokens: Tokens) -> Posting:
        """What the rules read: the document, its tokens and its facts (jurisdictions and
        gender coding included)."""
        posting = Posting(doc=doc, tokens=tokens, config=self.config, as_of=self.as_of)
        posting.cache["rules"] = self.by_id
        facts = extract_facts(doc)
        facts.jurisdictions = infer_jurisdictions(doc, facts, self.config)
        posting.facts = facts
        if self.gender_rule is not None:
            facts.gender_coding = gender_coding(posting, self.gender_rule)
        return posting

    def _lint(self, doc: Document, tokens: Tokens) -> Result:
        posting = self.posting(doc, tokens)
        facts = posting.facts
        findings = drop_superseded_by(drop_superseded(self.plan.run(posting)), self.superseded_by)
        findings, unused = suppress.apply(findings, doc.source, doc.lines)
        findings = first_of_each_once_key(findings)
        if self.report_unused_disables:
            findings.extend(suppress.unused_findings(unused))
        findings.sort(key=_BY_POSITION)
        meta = dict(doc.meta.get("report", {}))
        if doc.meta.get("warnings"):  # what the reader skipped (a broken JSON-LD block, extra postings)
            meta["warnings"] = list(doc.meta["warnings"])
        return Result(path=doc.path, findings=findings, facts=facts, meta=meta, source=doc.source,
                      input_format=doc.format)

    # -- many documents ----------------------------------------------------------------
    def lint_documents(self, docs: Iterable[Document], batch_size: int = 32) -> Iterator[Result]:
        """Lint documents in order, tokenizing them in batches with ``nlp.pipe``."""
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def _flush(self, batch: list[Document]) -> Iterator[Result]:
        for doc, tokens in zip(batch, tokenize_many([d.text for d in batch]), strict=True):
            yield self.lint_document(doc, tokens)

    def lint_paths(self, paths: Iterable[str | Path], *, input_format: str | None = None,
                   jobs: int = 1) -> list[Result]:
        """Lint files and directories; unreadable inputs become Results with ``error`` set."""
        from jdlint.batch import lint_paths

        return lint_paths(self, [str(p) for p in paths], jobs=jobs, input_format=input_format)


def drop_superseded(findings: list[Finding]) -> list[Finding]:
    """A specific rule supersedes its parent on the same span: when ``pay.missing.us-co`` fires,
    the generic ``pay.missing`` says nothing more, so the user reads one finding, not two."""
    rules = {f.rule for f in findings}
    parents: set[str] = set()
    for other in rules:
        dot = other.find(".")
        while dot >= 0:
            if other[:dot] in rules:
                parents.add(other[:dot])
            dot = other.find(".", dot + 1)
    if not parents:  # the usual case: no rule that fired has a more specific rule that fired
        return findings
    spans: dict[tuple[int, int, bool], set[str]] = {}
    for f in findings:
        spans.setdefault((f.start, f.end, f.posting_level), set()).add(f.rule)
    return [f for f in findings
            if f.rule not in parents
            or not any(other.startswith(f.rule + ".") for other in spans[(f.start, f.end, f.posting_level)])]


def drop_superseded_by(findings: list[Finding], superseded_by: dict[str, frozenset[str]]) -> list[Finding]:
    """A rule's findings give way to the rules it names in ``superseded_by`` when one of them
    fired on the posting: "Competitive salary, DOE" is one problem, and ``pay.vague`` points at
    the phrase, so the posting-level ``pay.missing`` would only repeat it. Runs before inline
    suppressions, as :func:`drop_superseded` does: silencing the phrase silences the problem."""
    if not superseded_by or not findings:
        return findings
    fired = {f.rule for f in findings}
    dropped = {rule for rule, by in superseded_by.items() if rule in fired and not by.isdisjoint(fired)}
    return [f for f in findings if f.rule not in dropped] if dropped else findings


def first_of_each_once_key(findings: list[Finding]) -> list[Finding]:
    """Keep the first finding (by position) of each ``once_key``; run after suppressions so a
    suppressed first use does not hide the next one."""
    seen: set[str] = set()
    kept = []
    for f in sorted(findings, key=_BY_OFFSETS):
        if f.once_key is not None:
            if f.once_key in seen:
                continue
            seen.add(f.once_key)
        kept.append(f)
    return kept


def read_path(display: str, path: Path | None, input_format: str | None = None, **options: Any) -> Document:
    try:
        raw = path.read_bytes() if path is not None else b""
    except IsADirectoryError:
        raise InputError(display, "is a directory") from None
    except PermissionError:
        raise InputError(display, "cannot be read (permission denied)") from None
    except OSError as err:
        raise InputError(display, f"cannot be read ({err.strerror or err})") from None
    return read_bytes(display, raw, input_format, **options)


_LINTERS: dict[str, Linter] = {}


def _linter_for(config: Config) -> Linter:
    """Linters are cached by configuration so repeated API calls compile packs once."""
    key = repr(config)
    if key not in _LINTERS:
        if len(_LINTERS) > 8:
            _LINTERS.clear()
        _LINTERS[key] = Linter(config)
    return _LINTERS[key]


def _as_config(config: Config | dict[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    return Config.from_dict(config, "config argument")


def lint_text(text: str, *, path: str | None = None, config: Config | dict[str, Any] | None = None,
              input_format: str | None = None) -> Result:
    """Lint one posting given as a string. ``path`` decides the reader (``.md`` -> Markdown)."""
    cfg = _as_config(config)
    linter = _linter_for(cfg)
    display = path or "<text>"
    try:
        doc = read_source(display, text, input_format or ("text" if path is None else None))
    except InputError as err:
        return Result(path=display, error=str(err))
    return linter.lint_document(doc)


def lint_paths(paths: Iterable[str | Path], config: Config | dict[str, Any] | None = None) -> list[Result]:
    """Lint files and directories (recursing with include/exclude); one Result per file."""
    cfg = _as_config(config)
    return _linter_for(cfg).lint_paths(paths)
