"""A small fixed-seed fuzzing batch (tests/fuzz/): generated programs print
the same under CPython and compiled, and mutated programs get a diagnostic
or compile, never an internal error. The large campaign is
`python3 tests/fuzz/run.py --programs N --mutants M --seed S`."""
import os
import sys

import pytest

pytest.importorskip("hypothesis")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz"))

import mutate  # noqa: E402
import run  # noqa: E402

# Each program round is one Hypothesis run of PROGRAMS programs with a fixed
# seed; rounds are separate tests so pytest-xdist spreads them over workers.
ROUNDS = range(4)
PROGRAMS = 10
MUTANT_BATCHES = range(2)
MUTANTS = 150


@pytest.mark.parametrize("round_seed", ROUNDS)
def test_generated_programs_match_cpython(round_seed):
    stats, failures = run.fuzz_round(9000 + round_seed, PROGRAMS, run.gen.DEFAULT, shrink_seconds=20,
                                     log=lambda *a: None)
    msgs = [f"{best.summary()}\n--- program (shrunk)\n{best.source}" for best, _ in failures]
    assert not failures, "\n\n".join(msgs)
    assert stats["programs"] == PROGRAMS
    assert stats["invalid"] == 0, "the generator made a program CPython cannot run"


@pytest.mark.parametrize("batch", MUTANT_BATCHES)
def test_mutants_get_diagnostics(batch):
    mutate.C_TIMEOUT = 30
    stats, bugs = mutate.campaign(5000 + batch, MUTANTS, compile_ok=True, save=False)
    assert stats["mutants"] == MUTANTS
    assert not bugs, "\n\n".join(f"{b['kind']}: {b['detail'][:1500]}\n(mutation: {b['what']})" for b in bugs)
