from jdlint.cli import entry

entry()
