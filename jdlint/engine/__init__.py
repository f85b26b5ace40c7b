"""The rule engine: packs of YAML rules, a few check kinds in Python, and the runner."""
