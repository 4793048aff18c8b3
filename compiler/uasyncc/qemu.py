"""Run pyboard firmware under QEMU's netduinoplus2 (STM32F405RG) model.

The command line is the one measured in shared/notes/qemu-netduinoplus2.md:
USART1 (the console: the program's stdout) goes to QEMU's stdout
byte-exact, the firmware's exit code comes back through semihosting
SYS_EXIT_EXTENDED, and ``-icount shift=0,sleep=off`` makes time
deterministic (1 ns per instruction; WFI jumps to the next timer event).

The firmware's stderr (tracebacks, "Task exception was never retrieved",
FATAL fault reports, the deadlock message) is written with semihosting
SYS_WRITE to ":tt" opened for append, which QEMU maps to its own stderr:
so stdout and stderr come back apart, as from a host process. (QEMU's own
warnings, if any, appear on the same stderr.)

Exit statuses: the firmware's own (0..255); 134 = CPU lockup (a fault inside
the fault handler) or a HardFault reported by the firmware; 124 = stopped by
the timeout (the firmware did not finish).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

QEMU = "qemu-system-arm"
MACHINE = "netduinoplus2"
TIMEOUT_STATUS = 124


def qemu_available() -> bool:
    """True when qemu-system-arm is on PATH."""
    return shutil.which(QEMU) is not None


def _escape_opt(value: str) -> str:
    # QEMU option values: a literal comma is written as ",,".
    return value.replace(",", ",,")


def qemu_command(elf_path, args=None, icount_shift: int = 0) -> list[str]:
    """The qemu-system-arm argv for one run of ``elf_path``.

    ``args`` become the firmware's argv[1:] (read at start-up through
    semihosting SYS_GET_CMDLINE; argv[0] is the file name). QEMU joins them
    with spaces, so an argument cannot contain a space.
    """
    elf = str(elf_path)
    semi = "enable=on,target=native,chardev=con"
    if args:
        for a in [Path(elf).name, *[str(x) for x in args]]:
            if " " in a or a == "":
                raise ValueError(f"firmware argument {a!r}: empty or contains a space")
            semi += ",arg=" + _escape_opt(a)
    return [
        QEMU, "-M", MACHINE, "-display", "none", "-monitor", "none",
        "-chardev", "stdio,id=con,mux=on", "-serial", "chardev:con",
        "-semihosting-config", semi,
        "-icount", f"shift={icount_shift},sleep=off",
        "-kernel", elf,
    ]


def run_firmware(elf_path, timeout_s: float, args=None) -> tuple[int, bytes]:
    """Run the firmware until it exits or ``timeout_s`` (wall-clock) passes.

    Returns (exit_status, stdout_bytes). On timeout QEMU is killed, a
    message goes to stderr and the status is 124. The firmware's stderr
    (and QEMU's own) is passed through to ours.
    """
    status, out, err = run_firmware_split(elf_path, timeout_s, args)
    if err:
        sys.stderr.write(err.decode("utf-8", "replace"))
        sys.stderr.flush()
    return status, out


def run_firmware_split(elf_path, timeout_s: float, args=None) -> tuple[int, bytes, bytes]:
    """Like run_firmware, but returns (exit_status, stdout_bytes,
    stderr_bytes) and writes nothing itself; on timeout stderr ends with
    the "did not finish" message."""
    if not qemu_available():
        raise FileNotFoundError(f"{QEMU} not found on PATH")
    cmd = qemu_command(elf_path, args)
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout_s)
        status = proc.returncode
        if status < 0:  # killed by a signal from elsewhere
            status = 128 - status
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        status = TIMEOUT_STATUS
        err = (err or b"") + (
            f"uasyncc: firmware did not finish within {timeout_s:g} s (stopped)\n".encode())
    return status, out, err or b""


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="run pyboard firmware under QEMU")
    ap.add_argument("elf")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("args", nargs="*")
    ns = ap.parse_args(argv)
    status, out = run_firmware(ns.elf, ns.timeout, ns.args)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
