"""The benchmarks at tiny sizes: they still run and their correctness checks hold (no timing)."""

from __future__ import annotations

import pytest

from benchmarks import bench


@pytest.mark.parametrize("measure", sorted(bench.MEASURES))
def test_measure_runs_and_reports(measure: str) -> None:
    """Each measure completes (its own asserts compare ids and counts) and returns table rows."""
    rows = bench.MEASURES[measure](bench.SMOKE)
    assert rows
    for row in rows:
        assert row.verdict in {"pass", "MISS", "-"}
        assert row.measure
        assert row.ours


def test_table_lists_every_row() -> None:
    """The printed table has a header and one line per row."""
    rows = [bench.Row("m", "1 s", "2 s", "0.5x", "report", "-")] * 3
    lines = bench.table(rows).splitlines()
    assert lines[0].startswith("| measure |")
    assert len(lines) == 2 + 3


def test_bare_baseline_sees_every_campaign() -> None:
    """The bare-httpx baseline fetches the same ids as the client (what the ratios compare)."""
    from voiso_campaigns.testing import FakeVoisoAPI

    with FakeVoisoAPI(count=250).serve() as server:
        assert bench.bare_sync(server.base_url, 250, 3) == list(range(1, 251))
        assert bench.ours_sync(server.base_url, 3) == list(range(1, 251))


def test_the_pydantic_peer_has_the_spec_fields() -> None:
    """The benchmark's pydantic models parse what the spec's schemas hold, no less."""
    import pydantic

    from benchmarks import pydantic_model
    from voiso_campaigns import _spec

    models = {
        name: cls
        for name, cls in vars(pydantic_model).items()
        if isinstance(cls, type)
        and issubclass(cls, pydantic.BaseModel)
        and cls.__module__ == pydantic_model.__name__
        and not name.startswith("_")
    }
    names = {"Metadata": "ListMetadata"}
    for name, cls in models.items():
        schema = _spec.component(names.get(name, name))
        fields = cls.model_fields
        assert set(fields) == set(schema["properties"]), (
            f"benchmarks/pydantic_model.py: {name} has other fields than the spec's "
            f"{names.get(name, name)}: add or remove them there"
        )
        required = {field for field, info in fields.items() if info.is_required()}
        assert required == set(schema.get("required", [])), name
