"""The fuzzing campaign driver.

    python3 tests/fuzz/run.py --programs N --mutants M --seed S [--jobs J] [--sanitize]
                              [--save] [--shrink-seconds T] [--features no_floats,...]
                              [--qemu-sample K]

Generated programs (gen.py) are compared both ways (diff.py) in rounds of
--chunk examples, each round a Hypothesis run with its own seed (S, S+1,
...), so a campaign goes on after a failure: Hypothesis shrinks the failing
program (for at most --shrink-seconds), the shrunk program is saved under
tests/fuzz/regressions/ (with --save) and the next round starts. Mutants
(mutate.py) check the compiler's front end on bad input. With
--qemu-sample K, every K-th program of a round (the 1st, the K+1-th, ...)
that matches on the host is also run as Pyboard firmware under QEMU
(diff.run_pyboard). Prints "programs run, divergences, crashes, QEMU runs"
figures at the end; exit status 1 when anything was found.
"""
import argparse
import multiprocessing
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import diff  # noqa: E402
import gen  # noqa: E402


class _StopShrinking(BaseException):
    """Raised from inside a Hypothesis run to end shrinking early (a
    BaseException, so Hypothesis does not take it for a test failure)."""


class Found(Exception):
    pass


def features_from(spec):
    f = gen.DEFAULT
    for item in filter(None, (spec or "").split(",")):
        if item.startswith("no_"):
            f = f.replace(**{item[3:]: False})
        elif "=" in item:
            k, v = item.split("=")
            f = f.replace(**{k: int(v)})
        else:
            f = f.replace(**{item: True})
    return f


def fuzz_round(seed, n, features, sanitize=False, shrink_seconds=120, log=print, qemu_sample=0):
    """One Hypothesis run of up to n programs. Returns (stats, failures):
    failures is a list of (shrunk Result, first Result). qemu_sample K > 0:
    every K-th program also runs under QEMU (and so does every shrinking
    step of a failure found there)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed

    stats = {"programs": 0, "shrink_runs": 0, "ok": 0, "diverged": 0, "crash": 0, "rejected": 0,
             "invalid": 0, "racy": 0, "qemu": 0}
    state = {"first": None, "best": None, "t_fail": None}

    @hseed(seed)
    @settings(database=None, max_examples=n, deadline=None, derandomize=False,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink],
              report_multiple_bugs=False, print_blob=False)
    @given(gen.programs(features))
    def prop(src):
        if state["first"] is not None:
            stats["shrink_runs"] += 1
            if time.time() - state["t_fail"] > shrink_seconds:
                raise _StopShrinking()
        else:
            stats["programs"] += 1
        if state["first"] is None:
            qemu = qemu_sample > 0 and (stats["programs"] - 1) % qemu_sample == 0
        else:
            qemu = "qemu" in state["first"].extra
        r = diff.run_source(src, sanitize, qemu=qemu)
        if state["first"] is None:
            stats[r.verdict] += 1
            stats["qemu"] += "qemu" in r.extra
            if r.verdict == "rejected":
                log(f"  rejected (seed {seed}): {r.detail}")
                _save_rejected(r, seed)
            if r.verdict in ("invalid", "racy"):
                log(f"  {r.verdict} (seed {seed}): {r.detail[:300]}")
        if r.bad:
            if state["first"] is None:
                state["first"], state["t_fail"] = r, time.time()
                log(f"  {r.verdict} (seed {seed}), shrinking: {r.detail.splitlines()[0][:200]}")
            best = state["best"]
            # same kind of failure, smaller program: keep it
            if r.verdict == state["first"].verdict and (best is None or len(r.source) <= len(best.source)):
                state["best"] = r
            raise Found(r.summary())

    failures = []
    try:
        prop()
    except _StopShrinking:
        pass
    except Found:
        pass
    except Exception as e:  # noqa: BLE001 - e.g. a Hypothesis health error: report, go on
        log(f"  round {seed}: {type(e).__name__}: {str(e)[:300]}")
    if state["first"] is not None:
        failures.append((state["best"] or state["first"], state["first"]))
    return stats, failures


def _save_rejected(r, seed):
    """A valid program the compiler refused: kept (unshrunk) for triage in
    tests/fuzz/regressions/rejected/ (not a golden test)."""
    import hashlib
    d = os.path.join(diff.REGRESSIONS, "rejected")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, hashlib.sha1(r.source.encode()).hexdigest()[:10] + ".py")
    with open(path, "w") as f:
        f.write(f"# rejected by uasyncc check, runs under CPython (round seed {seed})\n")
        f.write("".join("# " + x + "\n" for x in r.detail.splitlines()[:5]) + r.source)


def _program_worker(args):
    seed, n, features, sanitize, shrink_seconds, save, qemu_sample = args
    lines = []
    stats, failures = fuzz_round(seed, n, features, sanitize, shrink_seconds, log=lines.append,
                                 qemu_sample=qemu_sample)
    saved = []
    for best, first in failures:
        if save:
            path = diff.save_regression(best, [f"found by: tests/fuzz/run.py round seed {seed}",
                                               f"(Hypothesis-shrunk; original program {len(first.source)} chars)"])
            saved.append(path)
        else:
            saved.append(None)
    return seed, stats, [(b.verdict, b.detail, b.source, p) for (b, _), p in zip(failures, saved)], lines


def _mutant_worker(args):
    import mutate
    seed, n, compile_ok = args
    return mutate.campaign(seed, n, compile_ok=compile_ok)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--programs", type=int, default=50)
    ap.add_argument("--mutants", type=int, default=500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--chunk", type=int, default=25, help="programs per Hypothesis round")
    ap.add_argument("--sanitize", action="store_true", help="build the binaries with ASan/UBSan")
    ap.add_argument("--save", action="store_true", help="save shrunk failures in tests/fuzz/regressions/")
    ap.add_argument("--shrink-seconds", type=float, default=120)
    ap.add_argument("--features", default="", help="e.g. no_floats,no_callbacks,max_coros=8")
    ap.add_argument("--qemu-sample", type=int, default=0, metavar="K",
                    help="also run every K-th program as Pyboard firmware under QEMU (0: none)")
    ap.add_argument("--mutant-compile", type=int, default=1,
                    help="also build the C of mutants that check OK (1) or not (0)")
    a = ap.parse_args(argv)
    features = features_from(a.features)
    t0 = time.time()
    total = {"programs": 0, "shrink_runs": 0, "ok": 0, "diverged": 0, "crash": 0, "rejected": 0, "invalid": 0,
             "racy": 0, "qemu": 0}
    found = []
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(a.jobs, maxtasksperchild=20) as pool:
        jobs = []
        left, k = a.programs, 0
        while left > 0:
            n = min(a.chunk, left)
            jobs.append((a.seed * 100003 + k, n, features, a.sanitize, a.shrink_seconds, a.save, a.qemu_sample))
            left -= n
            k += 1
        mjobs = []
        left, k = a.mutants, 0
        while left > 0:
            n = min(250, left)
            mjobs.append((a.seed * 100003 + k, n, bool(a.mutant_compile)))
            left -= n
            k += 1
        pres = pool.imap_unordered(_program_worker, jobs)
        mres = pool.imap_unordered(_mutant_worker, mjobs)
        done = 0
        for seed, stats, fails, lines in pres:
            for l in lines:
                print(l, flush=True)
            done += stats["programs"]
            print(f"  round {seed}: {stats['programs']} programs ({stats['ok']} ok); {done} so far, "
                  f"{time.time() - t0:.0f} s", flush=True)
            for key in total:
                total[key] += stats[key]
            for verdict, detail, src, path in fails:
                found.append((verdict, detail, path))
                print(f"FOUND {verdict} (round seed {seed}): {detail.splitlines()[0][:300]}"
                      + (f"\n  saved {os.path.relpath(path)}" if path else ""), flush=True)
        t_prog = time.time() - t0
        mtotal = {"mutants": 0, "status0": 0, "status2": 0, "c_built": 0, "bugs": 0}
        mbugs = []
        for stats, bugs in mres:
            for key in mtotal:
                mtotal[key] += stats.get(key, 0)
            mbugs += bugs
        for b in mbugs:
            print(f"MUTANT BUG: {b['kind']}: {b['detail'][:300]}\n  saved {b.get('path')}", flush=True)
    dt = time.time() - t0
    div = sum(1 for v, _, _ in found if v == "diverged")
    crash = sum(1 for v, _, _ in found if v == "crash")
    print(f"programs run: {total['programs']} (+{total['shrink_runs']} while shrinking), "
          f"divergences: {div}, crashes: {crash}, ok: {total['ok']}, rejected: {total['rejected']}, "
          f"invalid: {total['invalid']}, racy (not a test): {total['racy']}, QEMU runs: {total['qemu']}")
    print(f"mutants run: {mtotal['mutants']} (check 0: {mtotal['status0']}, check 2: {mtotal['status2']}, "
          f"C built: {mtotal['c_built']}), mutant crashes: {mtotal['bugs']}")
    print(f"time: {dt:.0f} s (programs {t_prog:.0f} s)")
    return 1 if (found or mtotal["bugs"]) else 0


if __name__ == "__main__":
    sys.exit(main())
