# uasyncc: `make demo` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
APT_PACKAGES := gcc gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi qemu-system-arm
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo test test-c test-py deps venv bench fuzz clean

all: test

# System packages from Debian: the cross compiler, newlib and QEMU.
deps:
	@missing=""; \
	command -v cc >/dev/null || missing="$$missing gcc"; \
	command -v arm-none-eabi-gcc >/dev/null || missing="$$missing gcc-arm-none-eabi libnewlib-arm-none-eabi binutils-arm-none-eabi"; \
	[ -e /usr/lib/arm-none-eabi/newlib/libc.a ] || [ -e /usr/lib/arm-none-eabi/lib/libc.a ] || missing="$$missing libnewlib-arm-none-eabi"; \
	command -v qemu-system-arm >/dev/null || missing="$$missing qemu-system-arm"; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

# Python packages from PyPI into .venv (the compiler runs from this tree).
$(STAMP): pyproject.toml
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

venv: $(STAMP)

demo: deps venv
	$(VENV)/bin/uasyncc run examples/chain.py --virtual-time
	$(VENV)/bin/uasyncc build examples/aledflash.py --target pyboard -o build/aledflash
	$(VENV)/bin/uasyncc run examples/aledflash.py --target pyboard

test: deps venv test-c test-py

test-c:
	runtime/tests/run.sh

test-py: venv
	$(PY) -m pytest -q -n $(JOBS) tests

bench: deps venv
	$(PY) bench/run.py

# make fuzz N=10000 [SEED=1] [QEMU_SAMPLE=20]: N generated programs compared
# with CPython (every QEMU_SAMPLE-th one also as Pyboard firmware under QEMU)
# and N mutated bad programs; prints programs run, divergences, crashes and
# QEMU runs.
N ?= 1000
SEED ?= 1
QEMU_SAMPLE ?= 20
fuzz: deps venv
	$(PY) tests/fuzz/run.py --programs $(N) --mutants $(N) --seed $(SEED) --jobs $(JOBS) --qemu-sample $(QEMU_SAMPLE)

clean:
	rm -rf build $(VENV) .pytest_cache
