"""`polyu-tui db synth`: a deterministic, synthetic database for scale tests.

The database has the same schema as the bundled one and holds every real record
from ``data/source`` plus N generated organisations, so the app, search and
``db check`` work on it unchanged. Every generated record is marked
``synthetic = 1`` in ``entity`` and ``organisation`` and quotes nothing
(``sources = []``); ``db check`` skips quotes for synthetic rows.

The same seed gives the same rows: organisations are generated in batches of
``BATCH``, each from its own ``random.Random`` seeded with (seed, batch number),
and nothing time-dependent is written. That also lets a worker process generate
the next batch while this one writes the last.

Links written for generated organisations:

- ``<programme> -partner-> <organisation>``: a partner of the student-exchange,
  Dual PhD or Work-Integrated Education programme, the way the real programme
  records name their partners.
- ``<alliance> -member-> <organisation>``: a member university of an alliance
  (the real sources give member counts, not member lists). This relation is
  new with the synthetic database; the detail panel heads it "Members" on the
  alliance and "Member of" on the organisation.

It is fast because it writes with plain ``sqlite3`` ``executemany`` in big
batches inside one transaction, with ``journal_mode = OFF`` and
``synchronous = OFF``, creates the secondary indexes only after the rows are in,
then derives the partner tables, optimises the full-text index and runs
``ANALYZE``. It writes to a temporary file beside the target and renames it into
place only when everything succeeded.

The package: ``vocabulary`` (the words and shares, data only), ``generate`` (the
rows), ``write`` (the database).
"""

from __future__ import annotations

from polyu_tui.data.synth.generate import DEFAULT_SEED, GENERATOR_VERSION, fast_fold
from polyu_tui.data.synth.write import ProgressFn, SynthProblem, split_ddl, synthesize

__all__ = [
    "DEFAULT_SEED",
    "GENERATOR_VERSION",
    "ProgressFn",
    "SynthProblem",
    "fast_fold",
    "split_ddl",
    "synthesize",
]
