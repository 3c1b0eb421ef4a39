"""The key fuzzer: the real app, driven with random keys, typed words, pastes of hostile
text (markup, escape codes, RTL, emoji, 3,000 characters), clicks and resizes between
40x12 and 200x60. Nothing may raise, hang or leave the app crashed.

CI runs 3 seeds x 400 actions. A longer run:

    pytest -m fuzz --fuzz-actions 20000 --fuzz-seeds 10 [--fuzz-first-seed 100]

A failure prints its seed and the shortest list of actions found that still fails
(delta debugging), ready to paste into a test and replay with key_fuzzer.play.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from key_fuzzer import Action, Failure, play, random_actions, shorten

pytestmark = pytest.mark.fuzz


async def test_no_action_crashes_the_app(fuzz_seed: int, pytestconfig: pytest.Config) -> None:
    count = pytestconfig.getoption("--fuzz-actions")
    actions = random_actions(fuzz_seed, count)
    failure = await play(actions)
    if failure is None:
        return
    signature = failure.signature

    async def same_failure(candidate: Sequence[Action]) -> bool:
        again = await play(candidate)
        return again is not None and again.signature == signature

    shortest = await shorten(actions[: failure.at], same_failure)
    pytest.fail(report(fuzz_seed, count, failure, shortest), pytrace=False)


def report(seed: int, count: int, failure: Failure, shortest: list[Action]) -> str:
    steps = "\n".join(f"    {action!r}," for action in shortest)
    return (
        f"seed {seed}: {failure.signature} after {failure.at} of {count} actions\n"
        f"{failure.describe()}\n\n"
        f"the shortest action list found that fails the same way ({len(shortest)}):\n"
        f"[\n{steps}\n]\n"
        "replay: assert await key_fuzzer.play(<that list>) is None"
    )
