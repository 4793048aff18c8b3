"""Bad-input fuzzing of the compiler's front end.

Valid programs (tests/programs, examples, and generated ones) are mutated:
tokens deleted or duplicated, identifiers swapped, operators replaced,
unsupported constructs injected (eval/exec/class/try/lambda/yield/...),
truncation, random bytes, non-UTF-8, very deep nesting, huge literals.
Each mutant goes through `uasyncc check` in-process (`cli.main`), which must:

* return 0 or 2 (3 is an internal compiler error), within 10 s;
* let no exception escape main();
* when 2, print `file:line:col: error: message` first, never a traceback,
  with a line inside the file (or one past its end);
* when 0, the source should at least be valid Python syntax (else the
  compiler accepts what CPython rejects), and its generated C must compile
  (a failing C compile is `uasyncc run`'s exit 3).

    python3 tests/fuzz/mutate.py --seed S -n N       # a campaign, prints the figures
    python3 tests/fuzz/mutate.py --check FILE        # check one file the same way
"""
import contextlib
import hashlib
import io
import os
import random
import re
import signal
import sys
import tempfile
import tokenize

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import diff  # noqa: E402  (sets up sys.path and the fuzz cache)
from uasyncc import cli, driver, toolchain  # noqa: E402

ROOT = diff.ROOT
MUTANT_DIR = os.path.join(diff.REGRESSIONS, "mutants")
TIMEOUT = 10
C_TIMEOUT = 120      # the C build of a mutant that checks OK (seconds)

UNSUPPORTED = [
    "eval('1 + 1')", "exec('x = 1')", "class C:\n    pass", "try:\n    x = 1\nexcept Exception:\n    pass",
    "try:\n    pass\nfinally:\n    pass", "f = lambda x: x", "yield 1", "yield from g()", "x = [i for i in range(3)]",
    "d = {1: 2}", "s = {1, 2}", "x = (1, 2)[0:1]", "del x", "nonlocal x", "import os", "from os import path",
    "with open('f') as fh:\n    pass", "raise ValueError('x')", "assert 1 == 1", "x: int = 1", "x = y = 1",
    "async with lock:\n    pass", "async for x in y:\n    pass", "@decorator\ndef deco():\n    pass",
    "def star(*args, **kw):\n    pass", "print(*[1, 2])", "x = 'a'.upper()", "x = [1][::-1]", "global nothing",
    "return 1", "break", "continue", "await asyncio.sleep(1)", "x = (y := 3)", "x = 1 if 2",
    "x = None + 1", "x = 1 @ 2", "x = not", "asyncio.Event()", "asyncio.Queue()", "asyncio.Lock()",
    "asyncio.wait_for(main(), 1)", "x = b'bytes'", "x = 1j", "x = ...", "x = __name__", "x = globals()",
    "if __name__ == '__main__':\n    pass", "def f(a, a):\n    pass", "def f(a=1, b):\n    pass",
    "async def g():\n    return await g()", "def h():\n    return h()", "x = print", "x = asyncio",
    "x = len", "x = main", "x = main()", "loop = asyncio.get_event_loop()\nloop.run_until_complete(1)",
    "asyncio.run(1)", "asyncio.create_task(1)", "asyncio.gather(1, 2)", "x = [1, 'a']", "x = (1, 'a')[x]",
    "x = 1\nx = 1.5", "x = 1\nx = 'a'", "x = []", "x = ()", "x = [[]]", "x = [[1], [2]]", "x = ((1, 2), (3, 4))",
    "print(sep=1)", "print(end=None, file=None)", "print(f'{1:zz}')", "print('{:q}'.format(1))",
    "print('%q' % 1)", "print('%d %d' % (1,))", "print(f'{x=}')", "print(f'{1!a}')", "print(f'{{}}')",
    "x = '\\N{BULLET}'", "x = '\\xff'", "x = r'\\d'", "x = '''multi\nline'''", "x = 0x7fffffff + 1",
    "x = int('zz')", "x = float('nan')", "x = 1 < 'a'", "x = 'a' * 'b'", "x = -'a'", "x = ~1.5",
    "x = 1 << -1", "x = 1 >> 40", "x = 2 ** 40", "x = 2 ** -1", "x = 7 // 0", "x = 7 % 0", "x = 7.0 / 0",
    "for x in 5:\n    pass", "for x, y in [1]:\n    pass", "while x:\n    pass\nelse:\n    pass",
    "match x:\n    case 1:\n        pass", "type X = int", "print(len(5))", "print(abs('a'))", "print(range(3))",
    "import utime\nutime.ticks_diff(1)", "import micropython\nmicropython.const('a')", "import time\ntime.strftime()",
]
WEIRD_LITERALS = ["2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9" * 40,
                  "10**100", "0x7fffffff", "0xffffffff", "0o17777777777", "0b" + "1" * 40, "1_000_000", "007",
                  "1e400", "1e-400", "0.1e", "1__0", "0x", "1.", ".5", "1e5", "float('inf')", "-0.0",
                  "2**31", "(1 << 31)", "(1 << 30) * 2", "True", "None", "''", "'\\u00e9'", "'\\0'", "\"\\\"\""]
NAMES = ["print", "range", "len", "None", "True", "asyncio", "uasyncio", "main", "__name__", "loop", "sleep_ms",
         "gather", "self", "x", "async", "await", "def", "class", "lambda", "int", "float", "str", "list",
         "tuple", "dict", "object", "type", "_", "é", "日本"]
OPS = ["+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@", "<", ">", "==", "!=", "<=", ">=",
       "is", "is not", "in", "not in", "and", "or", "not", "=", ":=", "+=", ".", ",", ":", ";", "->", "~"]


# ------------------------------------------------------------------ sources
def seed_programs(n_generated=20, seed=0):
    out = []
    for folder in ("tests/programs", "examples", "tests/errors"):
        d = os.path.join(ROOT, folder)
        if os.path.isdir(d):
            for f in sorted(os.listdir(d)):
                if f.endswith(".py"):
                    with open(os.path.join(d, f), encoding="utf-8") as fh:
                        out.append(fh.read())
    if n_generated:
        import gen
        out += gen.sample(seed, n_generated)
    return out


def tokens(src):
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
                if t.type not in (tokenize.ENDMARKER, tokenize.DEDENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []


def _offset(lines_start, pos):
    line, col = pos
    return lines_start[line - 1] + col


def _line_starts(src):
    starts, n = [0], 0
    for line in src.splitlines(keepends=True):
        n += len(line)
        starts.append(n)
    return starts


def _replace_token(src, toks, tok, text):
    starts = _line_starts(src)
    a, b = _offset(starts, tok.start), _offset(starts, tok.end)
    return src[:a] + text + src[b:]


# ------------------------------------------------------------------ mutations
def m_delete_token(src, rnd):
    toks = tokens(src)
    if not toks:
        return src, "delete (no tokens)"
    t = rnd.choice(toks)
    return _replace_token(src, toks, t, ""), f"delete token {t.string!r} at {t.start}"


def m_duplicate_token(src, rnd):
    toks = tokens(src)
    if not toks:
        return src, "duplicate (no tokens)"
    t = rnd.choice(toks)
    return _replace_token(src, toks, t, t.string + " " + t.string if t.type == tokenize.NAME else t.string * 2), \
        f"duplicate token {t.string!r} at {t.start}"


def m_swap_identifiers(src, rnd):
    toks = [t for t in tokens(src) if t.type == tokenize.NAME]
    if len(toks) < 2:
        return src, "swap (no names)"
    t = rnd.choice(toks)
    other = rnd.choice(toks + [type("T", (), {"string": n})() for n in NAMES]).string
    return _replace_token(src, tokens(src), t, other), f"name {t.string!r} at {t.start} -> {other!r}"


def m_replace_operator(src, rnd):
    toks = [t for t in tokens(src) if t.type == tokenize.OP or t.string in ("and", "or", "not", "in", "is")]
    if not toks:
        return src, "operator (none)"
    t = rnd.choice(toks)
    op = rnd.choice(OPS)
    return _replace_token(src, tokens(src), t, f" {op} "), f"operator {t.string!r} at {t.start} -> {op!r}"


def m_replace_literal(src, rnd):
    toks = [t for t in tokens(src) if t.type in (tokenize.NUMBER, tokenize.STRING)]
    if not toks:
        return src, "literal (none)"
    t = rnd.choice(toks)
    lit = rnd.choice(WEIRD_LITERALS + ["1.5", "'s'", "[1]", "(1, 2)", "main()", "asyncio.sleep(1)"])
    return _replace_token(src, tokens(src), t, lit), f"literal {t.string!r} at {t.start} -> {lit!r}"


def _insert_lines(src, rnd, snippet):
    lines = src.splitlines()
    i = rnd.randint(0, len(lines))
    indent = ""
    if lines and rnd.random() < 0.7:
        near = lines[min(i, len(lines) - 1)]
        indent = near[:len(near) - len(near.lstrip())]
    block = "\n".join(indent + l for l in snippet.splitlines())
    return "\n".join(lines[:i] + [block] + lines[i:]) + "\n", i + 1


def m_inject_unsupported(src, rnd):
    snippet = rnd.choice(UNSUPPORTED)
    out, line = _insert_lines(src, rnd, snippet)
    return out, f"inject {snippet!r} at line {line}"


def m_truncate(src, rnd):
    n = rnd.randint(0, len(src))
    return src[:n], f"truncate at {n}"


def m_random_bytes(src, rnd):
    data = bytearray(src.encode("utf-8"))
    k = rnd.randint(1, 8)
    for _ in range(k):
        pos = rnd.randint(0, len(data))
        data[pos:pos] = bytes(rnd.choice(b"()[]{}:;,.'\"\\#@$?!`\t \n\r\x00\x0c=+-*/%<>&|^~0123456789abcxyz_")
                              for _ in range(rnd.randint(1, 4)))
    return bytes(data), f"{k} random byte insertions"


def m_non_utf8(src, rnd):
    data = bytearray(src.encode("utf-8"))
    pos = rnd.randint(0, len(data))
    junk = rnd.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xfe\xff", b"\x80abc", b"\xe9"])
    data[pos:pos] = junk
    if rnd.random() < 0.2:
        data = b"\xef\xbb\xbf" + data       # a BOM in front as well
    return bytes(data), f"non-UTF-8 {junk!r} at byte {pos}"


def m_deep_nesting(src, rnd):
    depth = rnd.choice([50, 100, 200, 500, 1000, 3000, 10000])
    kind = rnd.randint(0, 8)
    if kind == 0:
        snippet = "x = " + "(" * depth + "1" + ")" * depth
    elif kind == 1:
        snippet = "x = " + "[" * depth + "1" + "]" * depth
    elif kind == 2:
        snippet = "x = " + " + ".join(["1"] * depth)
    elif kind == 3:
        snippet = "x = " + "-" * depth + "1"
    elif kind == 4:
        snippet = "x = " + "not " * depth + "True"
    elif kind == 5:
        depth = min(depth, 120)
        snippet = "\n".join(" " * i + "if True:" for i in range(depth)) + "\n" + " " * depth + "pass"
    elif kind == 6:
        snippet = "x = " + "abs(" * depth + "1" + ")" * depth
    elif kind == 7:
        snippet = "x = " + " if True else ".join(["1"] * depth)
    else:
        snippet = "x = 1" + " < 1" * depth
    out, line = _insert_lines(src, rnd, snippet)
    return out, f"deep nesting kind {kind} depth {depth} at line {line}"


def m_huge_literal(src, rnd):
    lit = rnd.choice(["9" * rnd.randint(10, 5000), str(2 ** 31), str(2 ** 63), "0x" + "f" * 100,
                      "1" + "0" * 400 + ".0", "1e" + "9" * 10, "'" + "a" * 100000 + "'"])
    toks = [t for t in tokens(src) if t.type == tokenize.NUMBER]
    if toks and rnd.random() < 0.7:
        t = rnd.choice(toks)
        return _replace_token(src, tokens(src), t, lit), f"literal {t.string!r} at {t.start} -> huge ({len(lit)} chars)"
    out, line = _insert_lines(src, rnd, f"x = {lit}")
    return out, f"huge literal ({len(lit)} chars) at line {line}"


def m_indentation(src, rnd):
    lines = src.splitlines()
    if not lines:
        return src, "indent (empty)"
    i = rnd.randrange(len(lines))
    how = rnd.randint(0, 4)
    if how == 0:
        lines[i] = "\t" + lines[i]
    elif how == 1:
        lines[i] = lines[i].lstrip()
    elif how == 2:
        lines[i] = " " + lines[i]
    elif how == 3:
        lines[i] = lines[i].replace("    ", "\t", 1)
    else:
        lines[i] = lines[i] + " \\"
    return "\n".join(lines) + "\n", f"indentation change {how} at line {i + 1}"


def m_join_lines(src, rnd):
    idx = [m.start() for m in re.finditer("\n", src)]
    if not idx:
        return src, "join (none)"
    p = rnd.choice(idx)
    return src[:p] + rnd.choice(["", " ", ";", "\r", "\x0c"]) + src[p + 1:], f"newline at {p} replaced"


MUTATIONS = [m_delete_token, m_duplicate_token, m_swap_identifiers, m_replace_operator, m_replace_literal,
             m_inject_unsupported, m_inject_unsupported, m_truncate, m_random_bytes, m_non_utf8, m_deep_nesting,
             m_huge_literal, m_indentation, m_join_lines]


def mutate(src, rnd):
    """One mutant: (bytes, description); sometimes several mutations stacked."""
    what = []
    data = src
    for _ in range(1 if rnd.random() < 0.7 else rnd.randint(2, 4)):
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                break
        m = rnd.choice(MUTATIONS)
        data, d = m(data, rnd)
        what.append(d)
    if isinstance(data, str):
        data = data.encode("utf-8", errors="surrogatepass")
    return data, "; ".join(what)


# ------------------------------------------------------------------ checking
class _Hang(BaseException):
    pass


def _alarm(signum, frame):
    raise _Hang()


DIAG = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error: \S")


def check_file(path, data=None, compile_ok=True, built=None):
    """Check one file. Returns (status, problem or None, note)."""
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    err, out = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIMEOUT)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            status = cli.main(["check", path])
    except _Hang:
        return None, ("hang", f"uasyncc check did not finish within {TIMEOUT} s"), ""
    except SystemExit as e:
        return None, ("exception", f"SystemExit({e.code}) escaped cli.main: {err.getvalue()[-500:]}"), ""
    except BaseException as e:  # noqa: B902
        import traceback
        return None, ("exception", f"{type(e).__name__} escaped cli.main: {e}\n"
                                   f"{''.join(traceback.format_exc(limit=-5))}"), ""
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    stderr = err.getvalue()
    if status == 3:
        return 3, ("internal-error", stderr.strip()[-1500:]), ""
    if status not in (0, 2):
        return status, ("bad-status", f"status {status}: {stderr[-500:]}"), ""
    if "Traceback" in stderr:
        return status, ("traceback", stderr[-1500:]), ""
    if out.getvalue():
        return status, ("stdout", f"check printed to stdout: {out.getvalue()[:300]!r}"), ""
    if status == 2:
        first = stderr.splitlines()[0] if stderr else ""
        m = DIAG.match(first)
        if not m or m.group("path") != path:
            return 2, ("bad-diagnostic", f"first stderr line not `file:line:col: error: ...`: {first[:300]!r}"), ""
        nlines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        line, col = int(m.group("line")), int(m.group("col"))
        if not 1 <= line <= nlines + 1 or col < 1:
            return 2, ("bad-position", f"diagnostic line {line} col {col}, file has {nlines} lines: {first[:300]}"), ""
        return 2, None, first
    # status 0: must be Python, and its C must compile
    import warnings
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(data, path, "exec", dont_inherit=True)
    except SyntaxError as e:
        return 0, ("accepts-invalid", f"uasyncc check accepts it but CPython says: {type(e).__name__}: {e}"), ""
    except (RecursionError, MemoryError, ValueError):
        pass
    if not compile_ok:
        return 0, None, ""
    try:
        compiled = driver.compile_to_c(path)
        key = hashlib.sha1(repr(sorted(compiled.files.items())).encode()).hexdigest()
        if built is not None:
            if key in built:
                return 0, None, "C already built"
            built.add(key)
        ok, msg = _build_with_timeout(compiled, C_TIMEOUT)
        if not ok:
            return 0, ("c-compile", f"checks OK but {msg}"), ""
    except Exception as e:  # noqa: BLE001
        return 0, ("exception", f"compile_to_c raised {type(e).__name__}: {e}"), ""
    return 0, None, "C built"


def _build_with_timeout(compiled, timeout):
    """cli.host_executable in a forked child in its own process group, so a
    C compile that runs away can be killed with all of cc's children.
    Returns (ok, message)."""
    import select
    import time
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:   # child
        code = 0
        try:
            os.close(r)
            os.setpgid(0, 0)
            with contextlib.redirect_stderr(io.StringIO()):
                exe = cli.host_executable(compiled)
            diff._forget(exe)
        except toolchain.ToolchainError as e:
            os.write(w, ("the generated C does not compile: " + str(e)[-2500:]).encode(errors="replace"))
            code = 1
        except BaseException as e:  # noqa: B902
            os.write(w, f"building raised {type(e).__name__}: {e}".encode(errors="replace"))
            code = 1
        os._exit(code)
    os.close(w)
    t_end = time.time() + timeout
    chunks = []
    while True:
        left = t_end - time.time()
        if left <= 0:
            with contextlib.suppress(OSError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(r)
            return False, f"the C compiler did not finish within {timeout} s (cc -O2 on the generated C)"
        ready, _, _ = select.select([r], [], [], min(left, 1.0))
        if ready:
            data = os.read(r, 65536)
            if data:
                chunks.append(data)
                continue
            break   # EOF: the child has finished
    _, status = os.waitpid(pid, 0)
    os.close(r)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        return True, ""
    return False, b"".join(chunks).decode(errors="replace") or f"build child status {status}"


def campaign(seed, n, compile_ok=True, save=True, sources=None, log=None):
    """n mutants from seed. Returns (stats, bugs)."""
    rnd = random.Random(seed)
    sources = sources or seed_programs(10, seed % 1000)
    stats = {"mutants": 0, "status0": 0, "status2": 0, "c_built": 0, "bugs": 0}
    bugs, seen_kinds = [], {}
    built = set()
    d = tempfile.mkdtemp(prefix="uafuzz-mut-")
    for i in range(n):
        src = rnd.choice(sources)
        data, what = mutate(src, rnd)
        path = os.path.join(d, f"mutant{i % 3}.py")
        with open(path, "wb") as f:
            f.write(data)
        status, problem, note = check_file(path, data, compile_ok, built)
        stats["mutants"] += 1
        if status == 0:
            stats["status0"] += 1
            stats["c_built"] += note == "C built"
        elif status == 2:
            stats["status2"] += 1
        if problem:
            stats["bugs"] += 1
            kind, detail = problem
            bug = {"kind": kind, "detail": detail, "what": what, "seed": seed, "index": i}
            # keep the smallest mutant of each kind (plus the first message) per campaign
            key = (kind, _signature(detail))
            prev = seen_kinds.get(key)
            if prev is None or len(data) < prev[1]:
                if save:
                    bug["path"] = save_mutant(data, bug, prev[2] if prev else None)
                seen_kinds[key] = (bug, len(data), bug.get("path"))
                if prev is None:
                    bugs.append(bug)
                else:
                    prev[0].update(bug)
            if log:
                log(f"mutant {i}: {kind}: {detail.splitlines()[0][:200]} ({what})")
    with contextlib.suppress(OSError):
        for f in os.listdir(d):
            os.remove(os.path.join(d, f))
        os.rmdir(d)
    return stats, bugs


def _signature(detail):
    """What identifies a bug: the exception line, with numbers and names of temp files blurred."""
    first = detail.splitlines()[0] if detail else ""
    first = re.sub(r"/tmp/\S+", "FILE", first)
    return re.sub(r"\d+", "N", first)[:120]


def save_mutant(data, bug, old_path=None):
    os.makedirs(MUTANT_DIR, exist_ok=True)
    if old_path:
        for p in (old_path, old_path[:-3] + ".txt"):
            with contextlib.suppress(OSError):
                os.remove(p)
    name = f"{bug['kind']}_{hashlib.sha1(data).hexdigest()[:10]}"
    path = os.path.join(MUTANT_DIR, name + ".py")
    with open(path, "wb") as f:
        f.write(data)
    with open(path[:-3] + ".txt", "w") as f:
        f.write(f"kind: {bug['kind']}\nmutation: {bug['what']}\nfound by: mutate.campaign(seed={bug['seed']}), "
                f"mutant {bug['index']}\n\n{bug['detail']}\n")
    return path


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--no-compile", action="store_true")
    ap.add_argument("--check", help="check one file and print the verdict")
    a = ap.parse_args(argv)
    if a.check:
        status, problem, note = check_file(a.check)
        print(status, problem or "ok", note)
        return 1 if problem else 0
    stats, bugs = campaign(a.seed, a.n, not a.no_compile, log=print)
    print(stats)
    for b in bugs:
        print(f"{b['kind']}: {b['detail'].splitlines()[0][:300]}\n  {b['what']}\n  {b.get('path')}")
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
