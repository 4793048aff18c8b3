"""Bad programs: each gets `file:line:col: error: message`, the source line
and a caret, exit status 2, and never a Python traceback."""
import os
import re
import subprocess
import sys

import pytest

from golden import env, programs

ERRORS = programs("tests/errors")


def check(path):
    return subprocess.run([sys.executable, "-m", "uasyncc", "check", path], capture_output=True,
                          text=True, env=env(), timeout=60)


@pytest.mark.parametrize("path", ERRORS, ids=os.path.basename)
def test_diagnostic(path):
    with open(path) as f:
        header = f.readline()
    m = re.match(r"# error: (\d+):(\d+): (.*)", header)
    assert m, "the first line must say where the error is"
    line, col, message = int(m.group(1)), int(m.group(2)), m.group(3).strip()
    proc = check(path)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    first, source, caret = proc.stderr.splitlines()[:3]
    assert first.startswith(f"{path}:{line}:{col}: error: "), first
    assert message in first
    assert caret.index("^") == col - 1


def test_type_conflict_names_both_places():
    path = os.path.join(os.path.dirname(__file__), "errors", "type_conflict.py")
    err = check(path).stderr
    assert re.search(r"type_conflict.py:\d+:\d+: note: 'x' got type int here", err), err
