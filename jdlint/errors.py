"""Errors that end up as one clear line for the user (exit code 2), never a traceback."""

from __future__ import annotations


class JdlintError(Exception):
    """Base class: ``str(err)`` is the complete one-line message shown to the user."""


class InputError(JdlintError):
    """A posting could not be read (missing, binary, not UTF-8, broken front matter...)."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ConfigError(JdlintError):
    """The configuration file or options are wrong; the message names the key."""


class PackError(JdlintError):
    """A rule pack is malformed; the message names the file and the key."""

    def __init__(self, path: str, key: str, problem: str):
        self.path = path
        self.key = key
        super().__init__(f"{path}: {key}: {problem}")
