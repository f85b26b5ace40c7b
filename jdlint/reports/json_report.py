"""``--format json``: one JSON object, the shape the scoring tools and job boards read."""

from __future__ import annotations

import json
from collections import Counter
from json.encoder import c_make_encoder, encode_basestring
from typing import IO, Any

from jdlint.model import SEVERITIES
from jdlint.reports import Run

_INFINITY = float("inf")


class _Unsupported(Exception):
    """A value the fast encoder does not know; :func:`json.dumps` then handles (or rejects) it."""


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INFINITY:
        return "Infinity"
    if o == -_INFINITY:
        return "-Infinity"
    return float.__repr__(o)


def _key(k: Any) -> str:
    if isinstance(k, str):
        return encode_basestring(k)
    if isinstance(k, float):
        return encode_basestring(_float(k))
    if k is True:
        return '"true"'
    if k is False:
        return '"false"'
    if k is None:
        return '"null"'
    if isinstance(k, int):
        return encode_basestring(int.__repr__(k))
    raise _Unsupported


def _flat_encoder(inner: str) -> Any:
    """The C encoder, with ``inner`` (newline and indentation) as its item separator: for a
    container holding only scalars that is exactly what ``indent=2`` writes between items."""
    enc = _FLAT.get(inner)
    if enc is None:
        enc = _FLAT[inner] = c_make_encoder(None, _unsupported, encode_basestring, None, ": ", "," + inner,
                                            False, False, True)
    return enc


def _unsupported(o: Any) -> Any:
    raise _Unsupported


def _encode(o: Any, pad: str) -> str:
    """``json.dumps(o, ensure_ascii=False, indent=2)`` with every line after the first indented
    by ``pad`` minus its newline. The standard library encodes indented JSON in pure Python,
    one generator per container; here a container of scalars (a finding, a list of words) goes
    through the C encoder in one call, and only the nesting is walked in Python."""
    kind = type(o)
    if kind is dict or kind is list:
        if not o:
            return "{}" if kind is dict else "[]"
        inner = pad + "  "
        for v in o.values() if kind is dict else o:
            if type(v) not in _SCALARS:
                break
        else:
            if c_make_encoder is not None:
                return "".join(_flat_encoder(inner)(o, 0))[1:-1].join(
                    ("{" + inner, pad + "}") if kind is dict else ("[" + inner, pad + "]"))
        get = _SCALARS.get
        if kind is list:
            parts = []
            for v in o:
                scalar = get(type(v))
                parts.append(scalar(v) if scalar is not None else _encode(v, inner))
            return "[" + inner + ("," + inner).join(parts) + pad + "]"
        parts = []
        for k, v in o.items():
            scalar = get(type(v))
            parts.append((encode_basestring(k) if type(k) is str else _key(k)) + ": "
                         + (scalar(v) if scalar is not None else _encode(v, inner)))
        return "{" + inner + ("," + inner).join(parts) + pad + "}"
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        return scalar(o)
    # Subclasses and tuples, as json.dumps treats them.
    if isinstance(o, str):
        return encode_basestring(o)
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        inner = pad + "  "
        return "[" + inner + ("," + inner).join([_encode(v, inner) for v in o]) + pad + "]"
    if isinstance(o, dict):
        if not o:
            return "{}"
        inner = pad + "  "
        return "{" + inner + ("," + inner).join([_key(k) + ": " + _encode(v, inner) for k, v in o.items()]) \
            + pad + "}"
    raise _Unsupported


_SCALARS: dict[type, Any] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda o: "true" if o else "false",
    type(None): lambda o: "null",
}
_FLAT: dict[str, Any] = {}


def dumps_indented(o: Any, pad: str = "\n") -> str:
    """Same text as ``json.dumps(o, ensure_ascii=False, indent=2).replace("\\n", pad)``."""
    try:
        return _encode(o, pad)
    except (_Unsupported, RecursionError):  # json.dumps raises the same TypeError/ValueError it always did
        return json.dumps(o, ensure_ascii=False, indent=2).replace("\n", pad)


def report_dict(run: Run) -> dict:
    linted = [r for r in run.results if r.error is None]
    counts = Counter(f.severity for r in linted for f in r.findings)
    return {
        "tool": {"name": "jdlint", "version": run.version},
        "files": [r.to_dict() for r in linted],
        "errors": [{"path": r.path, "message": r.error} for r in run.results if r.error is not None],
        "summary": {
            "files": len(linted),
            "findings": sum(counts.values()),
            "by_severity": {sev: counts.get(sev, 0) for sev in SEVERITIES},
        },
    }


def render(run: Run) -> str:
    return dumps_indented(report_dict(run)) + "\n"


def write(run: Run, out: IO[str]) -> None:
    """The same document as :func:`render`, written entry by entry so a run over ten thousand
    postings never builds one giant string (or dict) in memory."""
    linted = [r for r in run.results if r.error is None]
    counts = Counter(f.severity for r in linted for f in r.findings)
    head = json.dumps({"tool": {"name": "jdlint", "version": run.version}}, ensure_ascii=False, indent=2)
    out.write(head[:-2] + ',\n  "files": [')
    for i, result in enumerate(linted):
        out.write(("," if i else "") + "\n    " + dumps_indented(result.to_dict(), "\n    "))
    out.write("\n  ]" if linted else "]")
    errors = [{"path": r.path, "message": r.error} for r in run.results if r.error is not None]
    tail = {
        "errors": errors,
        "summary": {
            "files": len(linted),
            "findings": sum(counts.values()),
            "by_severity": {sev: counts.get(sev, 0) for sev in SEVERITIES},
        },
    }
    body = json.dumps(tail, ensure_ascii=False, indent=2)
    out.write(",\n" + body[2:] + "\n")
