"""Where the project's non-Python parts live (the package runs from its
source tree: `pip install -e .`)."""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TEMPLATES = os.path.join(ROOT, "templates")
RUNTIME = os.path.join(ROOT, "runtime")
RUNTIME_INCLUDE = os.path.join(RUNTIME, "include")
RUNTIME_SRC = os.path.join(RUNTIME, "src")
HOST_PORT = os.path.join(RUNTIME, "ports", "host")
PYBOARD = os.path.join(ROOT, "targets", "pyboard")
