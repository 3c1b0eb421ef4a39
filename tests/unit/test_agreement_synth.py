"""`db synth --agreements`: 1-3 synthetic agreements per partner, some expiring soon."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from polyu_tui.data.agreements.query import AgreementQuery
from polyu_tui.data.agreements.synth import SynthAgreementsProblem, add_synthetic_agreements
from polyu_tui.data.agreements.view import agreement_count, agreement_facets
from polyu_tui.data.db import bundled_database, connect
from polyu_tui.data.synth import synthesize

TODAY = dt.date(2026, 1, 15)


def test_one_to_three_agreements_per_partner_some_expiring(tmp_path: Path) -> None:
    target = tmp_path / "synth.db"
    synthesize(target, 200, seed=3, workers=0)
    made = add_synthetic_agreements(target, seed=3, today=TODAY)
    assert 200 <= made <= 600
    conn = connect(target)
    try:
        assert agreement_count(conn, AgreementQuery(today=TODAY)) == made
        per_partner = conn.execute(
            "SELECT min(n), max(n) FROM (SELECT count(*) AS n FROM agreement "
            "WHERE organisation_id LIKE 'syn-%' GROUP BY organisation_id)"
        ).fetchone()
        assert tuple(per_partner) == (1, 3)
        sources = {row[0] for row in conn.execute("SELECT DISTINCT source FROM agreement")}
        assert sources == {"synthetic"}
        facets = agreement_facets(conn, AgreementQuery(today=TODAY))
        expiring = dict(facets.expiring)
        assert 0 < expiring[3] < expiring[6] < expiring[12] < made
        assert len(facets.types) >= 8
    finally:
        conn.close()
    again = tmp_path / "again.db"
    synthesize(again, 200, seed=3, workers=0)
    assert add_synthetic_agreements(again, seed=3, today=TODAY) == made  # deterministic


def test_never_into_a_database_of_real_records(tmp_path: Path) -> None:
    copy = tmp_path / "article.db"
    shutil.copyfile(bundled_database(), copy)
    before = copy.read_bytes()
    with pytest.raises(SynthAgreementsProblem, match="not a synthetic database"):
        add_synthetic_agreements(copy, today=TODAY)
    assert copy.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["article.db"]
