"""The Pyboard (STM32F405RG) target: firmware build, size report, runs
under QEMU, and flashing with dfu-util.

The flags, sources and tools come from targets/pyboard/target.mk (parsed
here, so the Make file stays the one statement of them), with these
changes for compiled programs:
- `-std=gnu11` instead of `-std=c11` for every file: the generated code
  uses GNU statement expressions, and one standard for the whole image;
- `-DUA_FLOAT_SINGLE=0|1` from float_mode, `-DUA_ARENA_SIZE` from
  arena_size when given (then also `--defsym=_arena_min_size`, so that the
  link checks the arena fits; without it the arena takes the RAM between
  .bss and the stack at start-up), `-DUA_SEMIHOSTING=1` for QEMU runs,
  `-DUA_TRACE_LEDS=1` on request;
- generated files also get `-I<out_dir> -Wno-unused-parameter` (as on the
  host).
The runtime formats floats itself (runtime/src/fmt.c), so newlib's printf
(with its _printf_float, _dtoa_r and malloc: ~19 KB of flash) is not
linked; a program whose generated code still calls snprintf (e.g.
round(x, n)) is linked a second time with `-u _printf_float`
(uses_printf).

The runtime (runtime/src/*.c) and the target's own sources are compiled
once per version of their sources and flags into a static library in the
cache (toolchain.cache_dir()), linked with --whole-archive so the vector
table and strong IRQ handlers override the weak defaults; --gc-sections
drops what the program does not use.

Firmware files in out_dir: firmware.elf (with debug info and #line
mapping to the .py file), firmware.map, firmware.bin (flash image from
0x08000000), firmware.hex, firmware.dfu (DfuSe, one element at
0x08000000).

Exit statuses of build(): 0 built; 2 the program does not fit in the
part's flash or RAM (a message says by how much). Toolchain failures raise
toolchain.ToolchainError with a one-line message (the CLI exits 3).
"""
import concurrent.futures
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

from . import dfu, driver, qemu, toolchain
from .paths import PYBOARD, RUNTIME

TARGET_MK = os.path.join(PYBOARD, "target.mk")

FLASH_ORIGIN = 0x08000000
FLASH_SIZE = 1024 * 1024
RAM_ORIGIN = 0x20000000
RAM_SIZE = 128 * 1024
PART = "Pyboard v1.1 (STM32F405RG)"

FLOAT_MODES = ("single", "double")

GENERATED_EXTRA_CFLAGS = ["-Wno-unused-parameter"]
EXTRA_LDFLAGS = []
# Changes whenever the way firmware is linked changes (cache keys).
LINK_VERSION = "link-2: printf float on demand"
# Only when the firmware uses newlib's printf family at all (uses_printf).
PRINTF_FLOAT_LDFLAGS = ["-u", "_printf_float"]
# newlib-nano's printf cores: linked when anything calls the printf family.
PRINTF_CORE_SYMBOLS = ("_printf_i", "_vfprintf_r", "_svfprintf_r", "_vfiprintf_r", "_svfiprintf_r")


def uses_printf(syms):
    """True when the linked firmware (its nm symbols) contains newlib's
    printf machinery, which then needs _printf_float to format floats."""
    return any(name in syms for name in PRINTF_CORE_SYMBOLS)

DFU_HINT = "put the board in DFU mode: connect BOOT0 (DFU) to 3V3 and press RST"


# ------------------------------------------------------------ target.mk

def _parse_make_vars(text, predefined):
    """The `NAME := value` assignments of a simple Make file, with line
    continuations, comments and $(NAME) references expanded."""
    text = text.replace("\\\n", " ")
    raw = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip()
        m = re.match(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:?=\s*(.*)$", line)
        if m:
            raw[m.group(1)] = m.group(2).strip()
    values = dict(predefined)

    def expand(s, depth=0):
        if depth > 20:
            raise toolchain.ToolchainError(f"{TARGET_MK}: recursive variable")
        return re.sub(r"\$\((\w+)\)",
                      lambda m: expand(values.get(m.group(1), raw.get(m.group(1), "")), depth + 1), s)

    for name, value in raw.items():
        values[name] = expand(value)
    return values


def target_config():
    """The pyboard toolchain settings from target.mk, as argv lists."""
    try:
        with open(TARGET_MK) as f:
            text = f.read()
    except OSError as e:
        raise toolchain.ToolchainError(f"cannot read {TARGET_MK}: {e.strerror}")
    v = _parse_make_vars(text, {"TARGET_DIR": PYBOARD, "RUNTIME_DIR": RUNTIME})
    cfg = {k: shlex.split(v.get(k, "")) for k in (
        "PYB_ARCHFLAGS", "PYB_CFLAGS", "PYB_QEMU_CFLAGS", "PYB_TRACE_CFLAGS",
        "PYB_LDFLAGS", "PYB_LDLIBS", "PYB_SOURCES")}
    for k in ("PYB_CC", "PYB_OBJCOPY", "PYB_SIZE"):
        cfg[k] = v.get(k, "").strip()
    if not cfg["PYB_CC"] or not cfg["PYB_CFLAGS"] or not cfg["PYB_SOURCES"]:
        raise toolchain.ToolchainError(f"{TARGET_MK}: PYB_CC, PYB_CFLAGS or PYB_SOURCES missing")
    cfg["PYB_NM"] = re.sub(r"gcc$", "nm", cfg["PYB_CC"])
    return cfg


def _tool(name):
    path = shutil.which(name)
    if not path:
        raise toolchain.ToolchainError(
            f"{name} not found: install gcc-arm-none-eabi, binutils-arm-none-eabi and "
            f"libnewlib-arm-none-eabi (apt-get install, or `make deps`)")
    return path


def compile_flags(cfg, qemu=False, float_mode="single", trace_leds=False, arena_size=None, tracebacks=True):
    """C flags for every file of a firmware (runtime, target, generated)."""
    if float_mode not in FLOAT_MODES:
        raise ValueError(f"float_mode must be one of {FLOAT_MODES}, not {float_mode!r}")
    flags = []
    for f in cfg["PYB_CFLAGS"]:
        if f.startswith("-std="):
            f = "-std=gnu11"
        elif f.startswith("-DUA_FLOAT_SINGLE="):
            f = "-DUA_FLOAT_SINGLE=" + ("1" if float_mode == "single" else "0")
        elif f.startswith("-DUA_ARENA_SIZE=") and arena_size is not None:
            f = f"-DUA_ARENA_SIZE={int(arena_size)}"
        flags.append(f)
    if not any(f.startswith("-DUA_FLOAT_SINGLE=") for f in flags):
        flags.append("-DUA_FLOAT_SINGLE=" + ("1" if float_mode == "single" else "0"))
    if arena_size is not None and not any(f.startswith("-DUA_ARENA_SIZE=") for f in flags):
        flags.append(f"-DUA_ARENA_SIZE={int(arena_size)}")
    if qemu:
        flags += cfg["PYB_QEMU_CFLAGS"]
    if trace_leds:
        flags += cfg["PYB_TRACE_CFLAGS"]
    if not tracebacks:
        flags.append(toolchain.NO_TRACEBACK_CFLAG)
    return flags


def arena_size_of(flags):
    for f in flags:
        if f.startswith("-DUA_ARENA_SIZE="):
            try:
                return int(f.split("=", 1)[1].rstrip("uUlL"), 0)
            except ValueError:
                return None
    return None


def link_flags(cfg, map_path, arena_size=None):
    out = []
    for f in cfg["PYB_LDFLAGS"]:
        if f.startswith("-Wl,-Map="):
            f = "-Wl,-Map=" + map_path
        out.append(f)
    if not any(f.startswith("-Wl,-Map=") for f in out):
        out.append("-Wl,-Map=" + map_path)
    if arena_size is not None:  # the arena and its collector's map must fit
        out.append(f"-Wl,--defsym=_arena_min_size={arena_bytes_with_map(arena_size)}")
    return out + EXTRA_LDFLAGS


def arena_bytes_with_map(arena_size):
    """RAM an arena of arena_size bytes takes on the M4 with its map and
    bookkeeping (ua_config.h: UA_ARENA_RAM)."""
    n = int(arena_size) // 8 * 8
    return n + n // 8 + (32 + 64) * 4 + 8


def _target_files():
    """Every file of the target and the runtime that goes into a firmware,
    as {name: text}, for cache keys (runtime sources and headers are
    hashed by toolchain.cache_key itself)."""
    files = {}
    for path in sorted(glob.glob(os.path.join(PYBOARD, "*"))):
        if os.path.isfile(path) and not path.endswith(".md"):
            with open(path, encoding="utf-8", errors="replace") as f:
                files["target/" + os.path.basename(path)] = f.read()
    return files


# ------------------------------------------------------------ compiling

def _run_tool(cmd, what, log=None):
    """Run a toolchain command; on failure raise a one-line ToolchainError
    naming the first error (the whole output is appended to the file log)."""
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    except OSError as e:
        raise toolchain.ToolchainError(f"cannot run {cmd[0]}: {e.strerror}")
    if proc.returncode != 0:
        lines = proc.stdout.splitlines()
        first = next((l for l in lines if "error" in l.lower()), lines[0] if lines else "")
        where = ""
        if log:
            with open(log, "a") as f:
                f.write(" ".join(shlex.quote(c) for c in cmd) + "\n" + proc.stdout + "\n")
            where = f" (full output in {log})"
        raise toolchain.ToolchainError(f"{what} failed: {first.strip()}{where}")
    return proc.stdout


def _compile_all(jobs, log):
    """jobs: [(cmd, what)]; compiles in parallel; compiler messages (there
    are none with -Werror unless a tool warns) go to stderr."""
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        futures = [pool.submit(_run_tool, cmd, what, log) for cmd, what in jobs]
        outputs = [f.result() for f in futures]
    for out in outputs:
        if out.strip():
            sys.stderr.write(out)


def runtime_library(cfg, cflags):
    """The runtime and the target's sources compiled with cflags into a
    static library in the cache, built once per version of their sources
    and flags."""
    cc = _tool(cfg["PYB_CC"])
    # LTO objects need the plugin-aware archiver.
    lto = any(f.startswith("-flto") for f in cflags)
    ar = _tool(re.sub(r"gcc$", "gcc-ar" if lto else "ar", cfg["PYB_CC"]))
    key = toolchain.cache_key(_target_files(), ["pyboard-runtime", cfg["PYB_CC"], *cflags])
    lib_dir = os.path.join(toolchain.cache_dir(), "pyboard-runtime-" + key)
    lib = os.path.join(lib_dir, "libuasyncc-pyboard.a")
    if os.path.exists(lib):
        return lib
    tmp = tempfile.mkdtemp(dir=toolchain.cache_dir(), prefix="tmp-pyboard-runtime-")
    try:
        jobs, objects = [], []
        for src in toolchain.runtime_sources() + cfg["PYB_SOURCES"]:
            base = os.path.basename(src)[:-2]
            prefix = "rt_" if os.path.dirname(os.path.abspath(src)) != os.path.abspath(PYBOARD) else "pyb_"
            obj = os.path.join(tmp, prefix + base + ".o")
            jobs.append(([cc, *cflags, "-c", "-o", obj, src], f"compiling {src} for the Pyboard"))
            objects.append(obj)
        log = os.path.join(toolchain.cache_dir(), "pyboard-runtime-failure.log")
        if os.path.exists(log):
            os.unlink(log)
        _compile_all(jobs, log)
        _run_tool([ar, "rcs", os.path.join(tmp, os.path.basename(lib)), *objects], "ar")
        try:
            os.rename(tmp, lib_dir)
        except OSError:
            pass   # built by another process meanwhile
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not os.path.exists(lib):
        raise toolchain.ToolchainError(f"the Pyboard runtime library was not created in {lib_dir}")
    return lib


SIZE_TYPE_RES = [
    re.compile(r"^struct (\w+_frame) \{", re.M),
    re.compile(r"typedef struct \{ ua_task hdr; \w+ frame; \} (\w+);"),
]


def frame_and_task_types(c_text):
    """Names of the coroutine frame structs and task typedefs in a
    generated module, in order of appearance."""
    found = []
    for rx in SIZE_TYPE_RES:
        for m in rx.finditer(c_text):
            name = m.group(1)
            kind = "struct " if rx is SIZE_TYPE_RES[0] else ""
            found.append((m.start(), kind + name, name))
    found.sort()
    seen, out = set(), []
    for _, ctype, name in found:
        if name not in seen:
            seen.add(name)
            out.append((ctype, name))
    return out


def _sizes_source(module_c, types):
    """A C file that includes the generated module and declares one array
    per type, sized sizeof(type): `nm -S` of its object gives the sizes.
    It is compiled for the report only, never linked."""
    lines = [f"/* Generated by uasyncc: sizes of {module_c}'s frames and tasks for the size report. */",
             f'#include "{module_c}"', ""]
    for ctype, name in types:
        lines.append(f"char ua_sizeof__{name}[sizeof({ctype})];")
    return "\n".join(lines) + "\n"


def _nm(cfg, path, sizes=False):
    nm = _tool(cfg["PYB_NM"])
    out = _run_tool([nm, *(["-S"] if sizes else []), path], "nm")
    syms = {}
    for line in out.splitlines():
        parts = line.split()
        if sizes and len(parts) == 4:
            syms[parts[3]] = (int(parts[0], 16), int(parts[1], 16))
        elif not sizes and len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    return syms


# ------------------------------------------------------------ the build

class Firmware:
    """What a build produced, with the figures of the size report."""

    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.elf = os.path.join(out_dir, "firmware.elf")
        self.map = os.path.join(out_dir, "firmware.map")
        self.bin = os.path.join(out_dir, "firmware.bin")
        self.hex = os.path.join(out_dir, "firmware.hex")
        self.dfu = os.path.join(out_dir, "firmware.dfu")
        self.sizes = {}
        self.types = []
        self.printf_float = False


class DoesNotFit(Exception):
    pass


def _memory_figures(syms):
    flash_used = syms["_etext_load"] - FLASH_ORIGIN
    data = syms["_edata"] - syms["_sdata"]
    bss = syms["_ebss"] - syms["_sbss"]
    static_ram = syms["_ebss"] - RAM_ORIGIN
    stack = syms.get("_stack_size", 0)
    heap_min = syms.get("_heap_min_size", 0)
    arena_min = syms.get("_arena_min_size", 0)
    arena_region = syms.get("_arena_end", syms["_ebss"]) - syms.get("_arena_start", syms["_ebss"])
    return {"flash": flash_used, "text": flash_used - data, "data": data, "bss": bss,
            "static_ram": static_ram, "stack": stack, "heap_min": heap_min, "arena_min": arena_min,
            "arena_region": arena_region}


def _arena_bytes(region, collector):
    """The arena arena.c makes of the region: after its bookkeeping, size
    bytes and size/8 of map; without the collector, the whole region (less
    its start's alignment)."""
    if collector:
        return max(region - (32 + 64) * 4 - 8, 0) // 9 * 8
    return max(region - 7, 0) // 8 * 8


def _does_not_fit_message(cfg, link_cmd, elf, link_output, arena):
    """Re-link with --noinhibit-exec to measure the image that does not
    fit, and say by how much each memory overflows."""
    probe = elf + ".overflow"
    cmd = [c if c != elf else probe for c in link_cmd] + ["-Wl,--noinhibit-exec"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = []
    try:
        f = _memory_figures(_nm(cfg, probe))
    except (toolchain.ToolchainError, KeyError, OSError):
        f = None
    finally:
        if os.path.exists(probe):
            os.unlink(probe)
    if f:
        need_ram = f["static_ram"] + f["arena_min"] + f["heap_min"] + f["stack"]
        if need_ram > RAM_SIZE:
            arena_txt = (f"heap arena {arena} B + its map ({f['arena_min']} B, --arena)" if arena
                         else f"heap arena minimum {f['arena_min']} B")
            parts.append(
                f"RAM: needs {need_ram} B of {RAM_SIZE} B ({need_ram - RAM_SIZE} B too many): "
                f"static data {f['static_ram']} B, {arena_txt}, newlib heap {f['heap_min']} B, "
                f"stack {f['stack']} B")
        if f["flash"] > FLASH_SIZE:
            parts.append(f"flash: needs {f['flash']} B of {FLASH_SIZE} B ({f['flash'] - FLASH_SIZE} B too many)")
    if not parts:
        m = re.search(r"region `?(\w+)'? overflowed by (\d+) bytes", link_output)
        if m:
            parts.append(f"{m.group(1)} overflowed by {m.group(2)} B")
        else:
            parts.append(link_output.strip().splitlines()[-1] if link_output.strip() else "link failed")
    return "; ".join(parts)


_OVERFLOW_RE = re.compile(r"RAM overflow|flash overflow|region `?(RAM|FLASH)'? overflowed|will not fit in region")


def _build(compiled, out_dir, qemu=False, float_mode="single", trace_leds=False, arena_size=None,
           tracebacks=True, sizes=True, images=True, log=None):
    cfg = target_config()
    cc = _tool(cfg["PYB_CC"])
    cflags = compile_flags(cfg, qemu=qemu, float_mode=float_mode, trace_leds=trace_leds,
                           arena_size=arena_size, tracebacks=tracebacks)
    lib = runtime_library(cfg, cflags)
    out_dir = os.path.abspath(out_dir)
    driver.write_c(compiled, out_dir)
    fw = Firmware(out_dir)
    log = log or os.path.join(out_dir, "build.log")
    if os.path.exists(log):
        os.unlink(log)
    obj_dir = os.path.join(out_dir, "obj")
    os.makedirs(obj_dir, exist_ok=True)
    gen_flags = [*cflags, *GENERATED_EXTRA_CFLAGS, "-I", out_dir]
    jobs, objects = [], []
    for name in sorted(compiled.files):
        if name.endswith(".c"):
            obj = os.path.join(obj_dir, name[:-2] + ".o")
            jobs.append(([cc, *gen_flags, "-c", "-o", obj, os.path.join(out_dir, name)],
                         f"compiling the generated {name} for the Pyboard (an internal compiler error)"))
            objects.append(obj)
    module_c = f"{compiled.module}.c"
    sizes_obj = None
    if sizes and module_c in compiled.files:
        fw.types = frame_and_task_types(compiled.files[module_c])
        if fw.types:
            sizes_c = os.path.join(out_dir, "sizes.c")
            with open(sizes_c, "w") as f:
                f.write(_sizes_source(module_c, fw.types))
            sizes_obj = os.path.join(obj_dir, "sizes.o")
            # A real object (not LTO bytecode): nm -S reads the sizes from it.
            sizes_flags = [f for f in gen_flags if not f.startswith("-flto")]
            jobs.append(([cc, *sizes_flags, "-c", "-o", sizes_obj, sizes_c], "compiling sizes.c"))
    _compile_all(jobs, log)

    for p in (fw.elf, fw.bin, fw.hex, fw.dfu):
        if os.path.exists(p):
            os.unlink(p)
    # Linked first without newlib's float printf; if something still uses
    # the printf family (generated code may call snprintf, e.g. round(x, n)),
    # once more with it, or such floats would print as empty text.
    syms = None
    for extra in ([], PRINTF_FLOAT_LDFLAGS):
        link = [cc, *link_flags(cfg, fw.map, arena_size_of(cflags)), *extra, "-o", fw.elf, *objects,
                "-Wl,--whole-archive", lib, "-Wl,--no-whole-archive", *cfg["PYB_LDLIBS"]]
        proc = subprocess.run(link, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if proc.returncode != 0:
            if _OVERFLOW_RE.search(proc.stdout):
                raise DoesNotFit(_does_not_fit_message(cfg, link, fw.elf, proc.stdout, arena_size_of(cflags)))
            with open(log, "a") as f:
                f.write(" ".join(shlex.quote(c) for c in link) + "\n" + proc.stdout + "\n")
            lines = [l for l in proc.stdout.splitlines() if l.strip()]
            first = next((l for l in lines if "error" in l.lower() or "undefined" in l), lines[0] if lines else "")
            raise toolchain.ToolchainError(f"linking the Pyboard firmware failed: {first.strip()} "
                                           f"(full output in {log})")
        syms = _nm(cfg, fw.elf)
        if extra or not uses_printf(syms):
            break
    if proc.stdout.strip():
        sys.stderr.write(proc.stdout)
    fw.printf_float = "_printf_float" in syms

    try:
        fw.mem = _memory_figures(syms)
    except KeyError as e:
        raise toolchain.ToolchainError(f"{fw.elf}: linker symbol {e} missing (targets/pyboard/linker.ld)")
    fw.mem["collector"] = compiled.collector
    fw.mem["heap"] = _arena_bytes(fw.mem["arena_region"], compiled.collector)
    cap = arena_size_of(cflags)
    if cap is not None:
        fw.mem["heap"] = min(fw.mem["heap"], cap // 8 * 8)
    fw.mem["arena"] = cap
    if images:
        objcopy = _tool(cfg["PYB_OBJCOPY"] or "arm-none-eabi-objcopy")
        _run_tool([objcopy, "-O", "binary", fw.elf, fw.bin], "objcopy (bin)")
        _run_tool([objcopy, "-O", "ihex", fw.elf, fw.hex], "objcopy (hex)")
        dfu.write_dfu(fw.bin, fw.dfu, FLASH_ORIGIN)
    if sizes_obj:
        ssyms = _nm(cfg, sizes_obj, sizes=True)
        for _, name in fw.types:
            entry = ssyms.get("ua_sizeof__" + name)
            if entry:
                fw.sizes[name] = entry[1]
    return fw


def _pct(n, of):
    p = 100.0 * n / of
    return "<0.1%" if 0 < p < 0.05 else f"{p:.1f}%"


def size_report(fw, float_mode="single"):
    m = fw.mem
    lines = [f"uasyncc: firmware for the {PART} in {fw.out_dir}: firmware.elf .bin .hex .dfu "
             f"(float: {float_mode} precision)"]
    lines.append(f"  flash        {m['flash']:7d} B of {FLASH_SIZE} B ({_pct(m['flash'], FLASH_SIZE)}): "
                 f"code+constants {m['text']} B, initialised data {m['data']} B")
    lines.append(f"  static RAM   {m['static_ram']:7d} B of {RAM_SIZE} B ({_pct(m['static_ram'], RAM_SIZE)}): "
                 f".data {m['data']} B + .bss {m['bss']} B (without the heap and the stack)")
    how = (f"--arena {m['arena']}" if m.get("arena") is not None
           else "all the RAM between .bss and the stack, taken at start-up")
    allocator = (f"plus its collector's map, {m['heap'] // 8} B" if m["collector"]
                 else "bump allocation, no collector: the program's allocation is bounded")
    lines.append(f"  heap arena   {m['heap']:7d} B ({_pct(m['heap'], RAM_SIZE)} of RAM; {how}; {allocator})")
    lines.append(f"  newlib heap  {m['heap_min']:7d} B (malloc, for its float formatting; below the stack)")
    lines.append(f"  stack        {m['stack']:7d} B ({_pct(m['stack'], RAM_SIZE)} of RAM, at the top)")
    if fw.types:
        lines.append("  coroutine frames and tasks (bytes; frames of awaited coroutines are nested in their caller's):")
        width = max(len(n) for _, n in fw.types)
        for _, name in fw.types:
            size = fw.sizes.get(name)
            shown = f"{size:6d} B ({_pct(size, RAM_SIZE)} of RAM)" if size is not None else "     ?"
            lines.append(f"    {name:<{width}} {shown}")
    return "\n".join(lines) + "\n"


def build(compiled, out_dir, report=True, qemu=False, float_mode="single", trace_leds=False,
          arena_size=None, tracebacks=True) -> int:
    """Build firmware for the Pyboard into out_dir. 0 when built, 2 when
    the program does not fit (with a message saying by how much)."""
    try:
        fw = _build(compiled, out_dir, qemu=qemu, float_mode=float_mode, trace_leds=trace_leds,
                    arena_size=arena_size, tracebacks=tracebacks, sizes=report)
    except DoesNotFit as e:
        sys.stderr.write(f"uasyncc: the program does not fit in the {PART}: {e}\n")
        return 2
    if report:
        sys.stderr.write(size_report(fw, float_mode))
    return 0


# ------------------------------------------------------------ QEMU runs

def cached_firmware(compiled, qemu=True, float_mode="single", trace_leds=False, arena_size=None,
                    tracebacks=True):
    """The firmware ELF for compiled C in the cache, built when the C, the
    runtime, the target or the flags changed. Raises DoesNotFit."""
    cfg = target_config()
    cflags = compile_flags(cfg, qemu=qemu, float_mode=float_mode, trace_leds=trace_leds,
                           arena_size=arena_size, tracebacks=tracebacks)
    key = toolchain.cache_key({**compiled.files, **_target_files()},
                              ["pyboard-firmware", LINK_VERSION, cfg["PYB_CC"], *cflags,
                               *link_flags(cfg, "")])
    out = os.path.join(toolchain.cache_dir(), "pyboard-fw-" + key)
    elf = os.path.join(out, "firmware.elf")
    if os.path.exists(elf):
        return elf
    tmp = tempfile.mkdtemp(dir=toolchain.cache_dir(), prefix="tmp-pyboard-fw-")
    try:
        _build(compiled, tmp, qemu=qemu, float_mode=float_mode, trace_leds=trace_leds,
               arena_size=arena_size, tracebacks=tracebacks, sizes=False, images=False,
               log=os.path.join(toolchain.cache_dir(), "pyboard-failure.log"))
        # The map file names the build directory; it is only informative.
        try:
            os.rename(tmp, out)
        except OSError:
            pass   # another process built it at the same time
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not os.path.exists(elf):
        raise toolchain.ToolchainError(f"the firmware was not created in {out}")
    return elf


def run(compiled, timeout=60, float_mode="single", trace_leds=False, arena_size=None, args=None,
        virtual_time=False, arena_report=False, tracebacks=True) -> int:
    """Build (or reuse) the firmware with semihosting and run it under
    QEMU's netduinoplus2. The firmware's console (UART) output goes to our
    stdout unchanged and its stderr (tracebacks, through semihosting) to
    our stderr; returns its exit status, 124 when stopped by the timeout, 2
    when the program does not fit. virtual_time passes `--virtual-time` in
    the firmware's argv (semihosting): the port's clock then advances only
    when idle, jumping to each deadline, as the host's --virtual-time.
    arena_report passes `--arena-report`: the arena's peak use is printed
    on stderr at exit. UASYNCC_SWITCH_PRESS_MS in the environment (as for
    the host build) becomes `--switch-press-ms=...`: simulated presses of
    the USR switch at those times ("263-417": pressed, then released)."""
    args = list(args or []) + (["--virtual-time"] if virtual_time else []) \
        + (["--arena-report"] if arena_report else []) + firmware_env_args(os.environ)
    try:
        elf = cached_firmware(compiled, qemu=True, float_mode=float_mode, trace_leds=trace_leds,
                              arena_size=arena_size, tracebacks=tracebacks)
    except DoesNotFit as e:
        sys.stderr.write(f"uasyncc: the program does not fit in the {PART}: {e}\n")
        return 2
    if not qemu.qemu_available():
        raise toolchain.ToolchainError(
            f"{qemu.QEMU} not found: install it (apt-get install qemu-system-arm) to run firmware")
    sys.stdout.flush()
    status, out, err = qemu.run_firmware_split(elf, timeout, args)
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    if err:
        sys.stderr.write(err.decode("utf-8", "replace"))
        sys.stderr.flush()
    return status


def firmware_env_args(environ):
    """Test settings the host build reads from its environment, as the
    firmware's argv (it has no environment): UASYNCC_SWITCH_PRESS_MS."""
    presses = (environ.get("UASYNCC_SWITCH_PRESS_MS") or "").strip()
    if presses and re.fullmatch(r"\d+(-\d+)?(,\d+(-\d+)?)*", presses):
        return ["--switch-press-ms=" + presses]
    return []


ARENA_REPORT_RE = re.compile(r"uasyncc: arena peak (\d+) B of (\d+) B")


def arena_peak(stderr_text):
    """(peak, size) from the stderr of a run with arena_report, or None."""
    m = ARENA_REPORT_RE.search(stderr_text)
    return (int(m.group(1)), int(m.group(2))) if m else None


# ------------------------------------------------------------ flashing

def dfu_command(bin_path, dfu_util="dfu-util"):
    """dfu-util's command line to flash firmware.bin through the STM32 ROM
    bootloader: alternate setting 0 (internal flash), the raw image at
    0x08000000, then leave DFU mode so the program starts. (The .bin with
    an explicit address is used rather than the .dfu so the address is
    visible on the command line; both work with dfu-util.)"""
    return [dfu_util, "-a", "0", "-s", f"{FLASH_ORIGIN:#010x}:leave", "-D", str(bin_path)]


def flash(compiled, out_dir, dfu_util="dfu-util", float_mode="single", trace_leds=False,
          arena_size=None, tracebacks=True) -> int:
    """Build the firmware for a board on its own (no semihosting) and
    flash it with dfu-util. 0 on success, 2 when it cannot be done."""
    status = build(compiled, out_dir, report=True, qemu=False, float_mode=float_mode,
                   trace_leds=trace_leds, arena_size=arena_size, tracebacks=tracebacks)
    if status != 0:
        return status
    exe = shutil.which(dfu_util)
    if not exe:
        sys.stderr.write("uasyncc: dfu-util not found: install it (apt-get install dfu-util) to flash a board\n")
        return 2
    cmd = dfu_command(os.path.join(os.path.abspath(out_dir), "firmware.bin"), dfu_util)
    sys.stderr.write("uasyncc: " + " ".join(shlex.quote(c) for c in cmd) + "\n")
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        proc = subprocess.Popen([exe, *cmd[1:]], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
    except OSError as e:
        sys.stderr.write(f"uasyncc: cannot run {dfu_util}: {e.strerror}\n")
        return 2
    # dfu-util's messages and progress, shown as they come (on stderr:
    # stdout is the program's).
    text = ""
    for chunk in iter(lambda: proc.stdout.read1(4096), b""):
        part = chunk.decode("utf-8", "replace")
        text += part
        sys.stderr.write(part)
        sys.stderr.flush()
    proc.wait()
    if proc.returncode != 0:
        if text and not text.endswith("\n"):
            sys.stderr.write("\n")
        sys.stderr.write(f"uasyncc: dfu-util failed (exit status {proc.returncode}): {DFU_HINT}, "
                         f"then run `uasyncc flash` again\n")
        return 2
    sys.stderr.write("uasyncc: flashed; the board is running the program (console on UART(1): X9 TX, X10 RX)\n")
    return 0
