"""A small fixed-seed fuzzing batch (tests/fuzz/): generated programs print
the same under CPython and compiled, and mutated programs get a diagnostic
or compile, never an internal error. The large campaign is
`python3 tests/fuzz/run.py --programs N --mutants M --seed S`."""
import os
import re
import sys

import pytest

pytest.importorskip("hypothesis")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "fuzz"))

import gen  # noqa: E402
import mutate  # noqa: E402
import run  # noqa: E402
from uasyncc import qemu  # noqa: E402  (path set by diff, imported by run)

# Each program round is one Hypothesis run of PROGRAMS programs with a fixed
# seed; rounds are separate tests so pytest-xdist spreads them over workers.
ROUNDS = range(4)
PROGRAMS = 6
MUTANT_BATCHES = range(2)
MUTANTS = 150
# The first program of round 0 also runs as Pyboard firmware under QEMU.
QEMU_ROUND = 0


@pytest.mark.parametrize("round_seed", ROUNDS)
def test_generated_programs_match_cpython(round_seed):
    with_qemu = round_seed == QEMU_ROUND and qemu.qemu_available()
    stats, failures = run.fuzz_round(9000 + round_seed, PROGRAMS, run.gen.DEFAULT, shrink_seconds=20,
                                     log=lambda *a: None, qemu_sample=PROGRAMS if with_qemu else 0)
    msgs = [f"{best.summary()}\n--- program (shrunk)\n{best.source}" for best, _ in failures]
    assert not failures, "\n\n".join(msgs)
    assert stats["programs"] == PROGRAMS
    assert stats["invalid"] == 0, "the generator made a program CPython cannot run"
    if with_qemu:
        assert stats["qemu"] == 1


# Constructs each later feature brings in: the fixed-seed sample above is
# small, so check on the generator alone that the features show up.
FEATURE_MARKS = {"exceptions": r"except \w+Error", "dicts": r"\.get\(", "list_comp": r"\[.* for e\d+ in ",
                 "slicing": r"\[-?\d*:-?\d*(:-?\d+)?\]",
                 "str_methods": r"\.(upper|lower|strip|replace|split|join|find|count|startswith)\(",
                 "cancellation": r"\.cancel\(\)", "wait_for": r"asyncio\.wait_for\(", "classes": r"class K1\(K0\)"}


def test_generator_uses_the_later_features():
    text = "\n".join(gen.sample(77, 50))
    missing = [f for f, mark in FEATURE_MARKS.items() if not re.search(mark, text)]
    assert not missing, missing
    for prim in ("Event()", "Lock()", "Semaphore(", "Queue(", "Condition()"):
        assert prim in text, prim


@pytest.mark.parametrize("batch", MUTANT_BATCHES)
def test_mutants_get_diagnostics(batch):
    mutate.C_TIMEOUT = 30
    stats, bugs = mutate.campaign(5000 + batch, MUTANTS, compile_ok=True, save=False)
    assert stats["mutants"] == MUTANTS
    assert not bugs, "\n\n".join(f"{b['kind']}: {b['detail'][:1500]}\n(mutation: {b['what']})" for b in bugs)
