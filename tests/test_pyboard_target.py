"""The pyboard target (targets/pyboard) built with arm-none-eabi-gcc and run
under QEMU's netduinoplus2 model, plus the DfuSe writer and the pyb.h
header's pycparser compatibility. The test firmwares are the small C mains
in tests/pyboard_c/ linked with the target's own files only (no runtime)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "compiler"))

from uasyncc import dfu, qemu  # noqa: E402

TARGET = ROOT / "targets" / "pyboard"
TEST_C = Path(__file__).resolve().parent / "pyboard_c"
INCLUDE = ROOT / "runtime" / "include"

CC = "arm-none-eabi-gcc"
ARCH = ["-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16"]
CFLAGS = ARCH + ["-std=c11", "-Os", "-g", "-ffunction-sections", "-fdata-sections",
                 "-Wall", "-Wextra", "-Werror", "-DUA_FLOAT_SINGLE=1",
                 f"-I{TARGET}", f"-I{INCLUDE}"]
LDFLAGS = ARCH + ["-nostartfiles", "-Wl,--gc-sections", "-specs=nano.specs",
                  "-specs=nosys.specs", "-T", str(TARGET / "linker.ld")]
TARGET_SOURCES = ["startup.c", "clock.c", "port_pyboard.c", "pyb.c"]

have_gcc = shutil.which(CC) is not None
have_qemu = qemu.qemu_available()
need_gcc = pytest.mark.skipif(not have_gcc, reason=f"{CC} not installed")
need_qemu = pytest.mark.skipif(not (have_gcc and have_qemu),
                               reason=f"{CC} or qemu-system-arm not installed")


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    out = tmp_path_factory.mktemp("pyboard_fw")
    cache = {}

    def _build(main_c, *defines, semihosting=True, extra_ld=()):
        key = (main_c, defines, semihosting, tuple(extra_ld))
        if key in cache:
            return cache[key]
        name = Path(main_c).stem + "".join(
            "_" + re.sub(r"\W", "", d) for d in defines) + ("" if semihosting else "_nosemi")
        elf = out / f"{name}.elf"
        cmd = [CC, *CFLAGS, *(["-DUA_SEMIHOSTING=1"] if semihosting else []),
               *[f"-D{d}" for d in defines], str(TEST_C / main_c),
               *[str(TARGET / s) for s in TARGET_SOURCES], *LDFLAGS, *extra_ld,
               f"-Wl,-Map={out / name}.map", "-o", str(elf)]
        r = subprocess.run(cmd, capture_output=True, text=True)
        assert r.returncode == 0, f"build failed: {' '.join(cmd)}\n{r.stdout}{r.stderr}"
        cache[key] = elf
        return elf

    return _build


def run(elf, timeout=20, args=None):
    return qemu.run_firmware(elf, timeout, args)


def run_split(elf, timeout=20, args=None):
    """(status, stdout, stderr): the UART and the semihosting stderr."""
    return qemu.run_firmware_split(elf, timeout, args)


def kv(out: bytes) -> dict:
    d = {}
    for line in out.decode().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            d.setdefault(k, []).append(int(v))
    return {k: v[0] if len(v) == 1 else v for k, v in d.items()}


# ---------------------------------------------------------------- compile

@need_gcc
@pytest.mark.parametrize("src", sorted(p.name for p in TARGET.glob("*.c")))
def test_target_file_compiles_cleanly(src, tmp_path):
    for extra in ([], ["-DUA_SEMIHOSTING=1"], ["-DUA_TRACE_LEDS=1"]):
        r = subprocess.run([CC, *CFLAGS, *extra, "-c", str(TARGET / src), "-o",
                            str(tmp_path / "x.o")], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr


@need_gcc
def test_headers_compile_standalone(tmp_path):
    for h in sorted(TARGET.glob("*.h")):
        c = tmp_path / "h.c"
        c.write_text(f'#include "{h.name}"\n#include "{h.name}"\nint x;\n')
        r = subprocess.run([CC, *CFLAGS, "-c", str(c), "-o", str(tmp_path / "h.o")],
                           capture_output=True, text=True)
        assert r.returncode == 0, f"{h.name}: {r.stderr}"


# ---------------------------------------------------------------- pyb.h

PYB_PREAMBLE = "typedef int int32_t; typedef unsigned int uint32_t; typedef _Bool bool;\n"


def parse_pyb_h():
    from pycparser import c_ast, c_parser

    text = (TARGET / "pyb.h").read_text()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    text = "".join(line for line in text.splitlines(True)
                   if not line.lstrip().startswith("#"))
    ast = c_parser.CParser().parse(PYB_PREAMBLE + text, filename="pyb.h")
    funcs, consts = {}, {}
    for node in ast.ext:
        if isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.FuncDecl):
            funcs[node.name] = node
        elif isinstance(node, c_ast.Decl) and isinstance(node.type, c_ast.Enum):
            for e in node.type.values.enumerators:
                consts[e.name] = e
    return funcs, consts


def test_pyb_h_parses_with_pycparser_and_follows_convention():
    pytest.importorskip("pycparser")
    funcs, consts = parse_pyb_h()
    assert {"pyb_LED_on", "pyb_LED_off", "pyb_LED_toggle", "pyb_LED_intensity__1",
            "pyb_Switch_value", "pyb_Switch_callback", "pyb_Pin_init", "pyb_Pin_value",
            "pyb_Pin_value__1", "pyb_Pin_high", "pyb_Pin_low", "pyb_delay", "pyb_millis",
            "pyb_elapsed_millis", "pyb_UART_write"} <= set(funcs)
    for name, decl in funcs.items():
        m = re.fullmatch(r"pyb_(?:([A-Z]\w*?)_)?([a-z]\w*?)(?:__(\d+))?", name)
        assert m, f"{name} does not follow the pyb.h naming convention"
        params = decl.type.args.params if decl.type.args else []
        names = [getattr(p, "name", None) for p in params]
        if m.group(1) in ("LED", "Pin", "UART"):
            assert names and names[0] == "id", f"{name}: first parameter must be `id`"
        if m.group(1) == "Switch":
            assert "id" not in names
    for name in consts:
        assert re.fullmatch(r"pyb_[A-Z]\w*_\w+", name), name
    assert "pyb_Pin_board_X9" in consts and "pyb_Pin_OUT_PP" in consts
    # The callback parameter is a pointer to a function taking no arguments.
    cb = funcs["pyb_Switch_callback"].type.args.params[0]
    from pycparser import c_ast
    assert isinstance(cb.type, c_ast.PtrDecl) and isinstance(cb.type.type, c_ast.FuncDecl)


# ---------------------------------------------------------------- DfuSe

def test_dfu_roundtrip_and_crc():
    data = bytes(range(256)) * 7 + b"\x01"
    blob = dfu.bin_to_dfu(data, 0x08000000)
    assert blob[:5] == b"DfuSe" and blob[5] == 1 and blob[10] == 1
    assert blob[11:17] == b"Target"
    assert blob[-16:-4] == bytes.fromhex("ffff11df8304 1a01") + b"UFD\x10"
    assert dfu.parse_dfu(blob) == [(0x08000000, data)]
    # CRC: standard CRC-32 without the final XOR, i.e. ~zlib.crc32, as
    # dfu-util and dfuse-pack.py compute it; check it bit by bit too.
    crc = 0xFFFFFFFF
    for b in blob[:-4]:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0xEDB88320 if crc & 1 else 0)
    assert int.from_bytes(blob[-4:], "little") == crc
    bad = bytearray(blob)
    bad[300] ^= 1
    with pytest.raises(dfu.DfuError):
        dfu.parse_dfu(bytes(bad))
    with pytest.raises(dfu.DfuError):
        dfu.parse_dfu(blob[:-20] + blob[-16:])


@need_gcc
def test_dfu_of_real_firmware(build, tmp_path):
    elf = build("hello.c")
    binf = tmp_path / "fw.bin"
    subprocess.run(["arm-none-eabi-objcopy", "-O", "binary", str(elf), str(binf)], check=True)
    dfu_path = tmp_path / "fw.dfu"
    assert dfu.main([str(binf), str(dfu_path), "--address", "0x08000000"]) == 0
    (addr, data), = dfu.parse_dfu(dfu_path.read_bytes())
    assert addr == 0x08000000 and data == binf.read_bytes()
    # The image starts with the vector table: initial SP at the top of 128 KB.
    assert int.from_bytes(data[:4], "little") == 0x20020000
    targets, suffix = dfu.parse_dfu_file(dfu_path.read_bytes())
    assert targets[0].name == "ST..." and targets[0].alternate == 0
    assert suffix == {"bcdDevice": 0xFFFF, "idProduct": 0xDF11, "idVendor": 0x0483,
                      "bcdDFU": 0x011A}


# ---------------------------------------------------------------- link

def symbols(elf):
    r = subprocess.run(["arm-none-eabi-nm", str(elf)], capture_output=True, text=True,
                       check=True)
    return {parts[2]: int(parts[0], 16) for parts in
            (line.split() for line in r.stdout.splitlines()) if len(parts) == 3}


@need_gcc
def test_linker_layout(build):
    elf = build("hello.c")
    s = symbols(elf)
    assert s["_estack"] == 0x20020000
    assert s["_sstack"] == 0x20020000 - 8192
    assert s["_sdata"] == 0x20000000 and s["_edata"] <= s["_sbss"] <= s["_ebss"] <= s["_sstack"]
    ph = subprocess.run(["arm-none-eabi-readelf", "-lW", str(elf)], capture_output=True,
                        text=True, check=True).stdout
    loads = [l.split() for l in ph.splitlines() if l.strip().startswith("LOAD")]
    # .bss has its own PT_LOAD whose physical address is in RAM, not flash.
    assert any(int(f[3], 16) >= 0x20000000 and int(f[4], 16) == 0 for f in loads), ph


@need_gcc
def test_ram_overflow_fails_link_with_clear_message(tmp_path):
    big = tmp_path / "big.c"
    big.write_text("#include <stdint.h>\nstatic uint8_t arena[124 * 1024];\n"
                   "volatile uint8_t *p = arena;\nint main(int c, char **v) "
                   "{ (void)c; (void)v; return p[1]; }\n")
    cmd = [CC, *CFLAGS, str(big), *[str(TARGET / s) for s in TARGET_SOURCES], *LDFLAGS,
           "-o", str(tmp_path / "big.elf")]
    r = subprocess.run(cmd, capture_output=True, text=True)
    assert r.returncode != 0
    assert "uasyncc: RAM overflow" in r.stderr


# ---------------------------------------------------------------- QEMU runs

@need_qemu
def test_hello_exact_output_and_status(build):
    # With semihosting, ua_port_write_err goes to QEMU's stderr, not the UART.
    status, out, err = run_split(build("hello.c"))
    assert out == b"hello from the pyboard\nbytes\r\nunchanged\n"
    assert err == b"err line\n"
    assert status == 0
    status, out = run(build("hello.c", "TEST_STATUS=42"))
    assert status == 42 and out.startswith(b"hello from the pyboard\n")


@need_qemu
def test_output_is_deterministic(build):
    elf = build("idle.c")
    runs = [run(elf) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]


@need_qemu
def test_exit_status_from_ua_port_exit(build):
    status, out = run(build("exit_code.c"))
    assert status == 42
    assert out == b"before exit\n"


@need_qemu
def test_args_through_semihosting(build):
    status, out = run(build("args.c"), args=["alpha", "b,c"])
    assert out == b"argc=3\nalpha\nb,c\n"
    assert status == 3
    status, out = run(build("args.c"))
    assert status == 1  # argv[0] only (QEMU passes the kernel file name)


@need_qemu
def test_time_base_and_idle_sleeps(build):
    elf = build("idle.c")
    t = time.monotonic()
    status, out = run(elf)
    wall = time.monotonic() - t
    assert status == 0, out
    v = kv(out)
    assert v["emulated"] == 1 and v["timclk_mhz"] == 1000 and v["sysclk_mhz"] == 168
    # ticks_ms reaches the deadline exactly or within the 1 ms wake period.
    assert 1000 <= v["idle_ms"] <= 1002
    assert abs(v["idle_us_div1000"] - v["idle_ms"]) <= 1
    # ticks_cpu: TIM2 at the timer clock (1 GHz in QEMU, so one count per
    # instruction with -icount shift=0): a read costs a few counts.
    assert v["cpu_per_us"] == 1000
    assert 0 < v["cpu_back_to_back"] < 50
    # WFI sleeps: one wake-up per SysTick (QEMU: every 2 ms), not a spin.
    assert 0 < v["idle_wakeups"] <= 1001
    assert v["past_wakeups"] == 0
    assert 1000 <= v["wrap_ms"] <= 1002 and v["wrapped"] == 1
    assert 250 <= v["delay_ms"] <= 252
    assert 30000 <= v["long_ms"] <= 30002 and v["long_wakeups"] <= 30001
    assert v["float_x100"] == 338
    # 31 s of virtual time; spinning would execute ~3e10 instructions.
    assert wall < 10, wall


@need_qemu
def test_virtual_time(build):
    elf = build("vtime.c")
    status, out, err = run_split(elf, args=["--virtual-time"])
    assert out.decode() == (
        "virtual=1\nt0=0\nafter_work=0\nidle_ms=1000\nidle_us=1000000\npast=1000\n"
        "delay=1250\nwrapped=16\npresses=1\nnot_jumped=16\ndeadlock next\n")
    assert err == b"uasyncc: deadlock: every task is waiting and no timer is pending\n"
    assert status == 3
    # Deterministic, and real time without the flag.
    assert run_split(elf, args=["--virtual-time"]) == (status, out, err)
    # (idle without a deadline is then one WFI, not a deadlock).
    status, out, err = run_split(elf, timeout=5)
    assert out.startswith(b"virtual=0\n") and out.endswith(b"not reached\n")
    assert b"idle_ms=100" in out and b"delay=125" in out
    assert status == 0 and err == b""


@need_qemu
def test_libc_small_against_references(build):
    status, out = run(build("libc.c", extra_ld=(str(TARGET / "libc_small.c"),)))
    assert (status, out) == (0, b"libc ok\n")


@need_qemu
def test_hardfault_reports_pc(build):
    elf = build("fault.c")
    status, out, err = run_split(elf)
    assert status == 134
    assert out == b"about to fault\n"
    text = err.decode()
    m = re.fullmatch(r"FATAL: CPU exception 3 at pc=0x([0-9a-f]{8})\n", text)
    assert m, text
    pc = int(m.group(1), 16)
    fn = symbols(elf)["do_fault"] & ~1
    assert fn <= pc < fn + 16, (hex(pc), hex(fn))
    # Without semihosting the report goes to the UART after the output.
    status, out = run(build("fault.c", semihosting=False), timeout=2)
    assert status == 124   # reported, then asleep forever
    assert re.fullmatch(rb"about to fault\nFATAL: CPU exception 3 at pc=0x[0-9a-f]{8}\n", out), out


@need_qemu
def test_switch_callback_leds_and_early_wakeup(build):
    status, out = run(build("switch_irq.c", "UA_TRACE_LEDS=1"))
    assert status == 0, out
    assert out.decode() == (
        "switch=1\n"            # QEMU's GPIO IDR reads 0: pressed
        "LED 1 on\nLED 1 off\nLED 3 on\nLED 4 off\n"
        "intensity3=200\n"
        "LED 2 on\npresses=1\n"
        "LED 2 off\npresses=2\nearly=1\n"
        "presses=2\n"
        "freq_mhz=168\n"
        "via UART(1)\nuart1_write=12\n")


@need_qemu
def test_hang_is_stopped_with_124(build, capfd):
    t = time.monotonic()
    status, out = run(build("hang.c"), timeout=2)
    assert status == 124
    assert time.monotonic() - t < 6
    assert out == b"hanging\n"
    assert "uasyncc: firmware did not finish within 2 s (stopped)" in capfd.readouterr().err


@need_qemu
def test_emulator_support_only_in_qemu_builds(build):
    status, out = run(build("clock_report.c"))
    assert status == 0
    assert kv(out) == {"sysclk_mhz": 168, "timclk_mhz": 1000, "emulated": 1}
    # A board build takes QEMU for silicon whose PLL never locks.
    status, out = run(build("clock_report.c", semihosting=False), timeout=2)
    assert status == 124   # exited, then asleep forever
    assert kv(out) == {"sysclk_mhz": 16, "timclk_mhz": 16, "emulated": 0}


@need_qemu
def test_exit_without_semihosting_drains_the_console_and_sleeps(build, capfd):
    status, out = run(build("exit_code.c", semihosting=False), timeout=2)
    assert status == 124
    assert out == b"before exit\n"


@need_qemu
def test_minimal_firmware_size(build):
    elf = build("hello.c")
    r = subprocess.run(["arm-none-eabi-size", "-A", str(elf)], capture_output=True,
                       text=True, check=True)
    sizes = {f[0]: int(f[1]) for f in (l.split() for l in r.stdout.splitlines())
             if len(f) == 3 and f[0].startswith(".")}
    flash = sum(sizes.get(k, 0) for k in (".isr_vector", ".text", ".ARM.exidx",
                                         ".init_array", ".data"))
    ram = sizes.get(".data", 0) + sizes.get(".bss", 0)
    assert flash < 8 * 1024 and ram < 1024, sizes
