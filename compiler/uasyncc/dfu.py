"""DfuSe (.dfu) files for the STM32 ROM bootloader / dfu-util.

Layout (ST UM0391 "DfuSe File Format Specification"), little-endian:

  prefix   11 B  "DfuSe", bVersion=1, DFUImageSize (u32: the whole file
                 without the 16-byte suffix), bTargets (u8)
  target  274 B  "Target", bAlternateSetting (u8), bTargetNamed (u32, 1),
                 szTargetName (255 B, NUL padded), dwTargetSize (u32: bytes
                 of the elements that follow, headers included),
                 dwNbElements (u32)
  element   8 B  dwElementAddress, dwElementSize, then the data
  suffix   16 B  bcdDevice=0xFFFF, idProduct=0xDF11, idVendor=0x0483,
                 bcdDFU=0x011A, ucDfuSignature (the bytes 'U','F','D'),
                 bLength=16, dwCRC

dwCRC (DFU 1.1 spec, appendix B): CRC-32 (polynomial 0x04C11DB7 reflected,
initial value 0xFFFFFFFF) over every byte of the file before dwCRC, WITHOUT
the final XOR. zlib.crc32 applies the final XOR, so dwCRC is
``~zlib.crc32(data) & 0xFFFFFFFF``; this is what dfu-util computes
(dfu_file.c: crc = 0xffffffff, crc = table[(crc ^ b) & 0xff] ^ (crc >> 8))
and what its dfuse-pack.py writes (0xFFFFFFFF & -zlib.crc32(data) - 1).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

PYBOARD_FLASH_ADDRESS = 0x08000000
ST_VID = 0x0483
DFU_PID = 0xDF11
BCD_DFU = 0x011A
DEFAULT_TARGET_NAME = "ST..."

_PREFIX = struct.Struct("<5sBIB")
_TARGET = struct.Struct("<6sBI255sII")
_ELEMENT = struct.Struct("<II")
_SUFFIX = struct.Struct("<HHHH3sB")  # without dwCRC


class DfuError(ValueError):
    pass


@dataclass
class DfuElement:
    address: int
    data: bytes


@dataclass
class DfuTarget:
    alternate: int
    name: str
    elements: list


def dfu_crc(data: bytes) -> int:
    """The DFU suffix CRC of ``data`` (CRC-32 without the final XOR)."""
    return ~zlib.crc32(data) & 0xFFFFFFFF


def make_dfu(elements, alternate: int = 0, name: str = DEFAULT_TARGET_NAME,
             vid: int = ST_VID, pid: int = DFU_PID, device: int = 0xFFFF) -> bytes:
    """A DfuSe file with one target holding ``elements`` [(address, data)]."""
    body = b""
    for address, data in elements:
        if not 0 <= address <= 0xFFFFFFFF:
            raise DfuError(f"element address {address:#x} out of range")
        body += _ELEMENT.pack(address, len(data)) + bytes(data)
    tname = name.encode("ascii")
    if len(tname) > 254:
        raise DfuError("target name too long")
    target = _TARGET.pack(b"Target", alternate, 1, tname, len(body), len(elements)) + body
    size = _PREFIX.size + len(target)
    image = _PREFIX.pack(b"DfuSe", 1, size, 1) + target
    image += _SUFFIX.pack(device, pid, vid, BCD_DFU, b"UFD", 16)
    return image + struct.pack("<I", dfu_crc(image))


def bin_to_dfu(bin_data: bytes, address: int = PYBOARD_FLASH_ADDRESS) -> bytes:
    """A DfuSe file flashing ``bin_data`` at ``address``."""
    return make_dfu([(address, bin_data)])


def write_dfu(bin_path, dfu_path, address: int = PYBOARD_FLASH_ADDRESS) -> None:
    with open(bin_path, "rb") as f:
        data = f.read()
    with open(dfu_path, "wb") as f:
        f.write(bin_to_dfu(data, address))


def parse_dfu_file(blob: bytes) -> tuple[list, dict]:
    """Check a DfuSe file; return (targets, suffix fields)."""
    blob = bytes(blob)
    if len(blob) < _PREFIX.size + 16:
        raise DfuError("file too short for a DfuSe file")
    body, crc = blob[:-4], struct.unpack("<I", blob[-4:])[0]
    if dfu_crc(body) != crc:
        raise DfuError(f"CRC mismatch: file has {crc:#010x}, computed {dfu_crc(body):#010x}")
    device, pid, vid, bcd, ufd, length = _SUFFIX.unpack(blob[-16:-4])
    if ufd != b"UFD" or length != 16:
        raise DfuError("bad DFU suffix signature or length")
    sig, version, size, ntargets = _PREFIX.unpack_from(blob, 0)
    if sig != b"DfuSe" or version != 1:
        raise DfuError("not a DfuSe v1 file")
    if size != len(blob) - 16:
        raise DfuError(f"DFUImageSize {size} != file size without suffix {len(blob) - 16}")
    pos = _PREFIX.size
    targets = []
    for _ in range(ntargets):
        if pos + _TARGET.size > size:
            raise DfuError("truncated target prefix")
        tsig, alt, named, tname, tsize, nelem = _TARGET.unpack_from(blob, pos)
        if tsig != b"Target":
            raise DfuError("bad target signature")
        pos += _TARGET.size
        end = pos + tsize
        if end > size:
            raise DfuError("target size runs past the image")
        elements = []
        for _ in range(nelem):
            if pos + _ELEMENT.size > end:
                raise DfuError("truncated element header")
            addr, esize = _ELEMENT.unpack_from(blob, pos)
            pos += _ELEMENT.size
            if pos + esize > end:
                raise DfuError("element data runs past its target")
            elements.append(DfuElement(addr, blob[pos:pos + esize]))
            pos += esize
        if pos != end:
            raise DfuError("target size does not match its elements")
        name = tname.split(b"\0", 1)[0].decode("ascii", "replace") if named else ""
        targets.append(DfuTarget(alt, name, elements))
    if pos != size:
        raise DfuError("trailing bytes before the suffix")
    suffix = {"bcdDevice": device, "idProduct": pid, "idVendor": vid, "bcdDFU": bcd}
    return targets, suffix


def parse_dfu(blob: bytes) -> list:
    """Check a DfuSe file and return its elements as [(address, data)]."""
    targets, _ = parse_dfu_file(blob)
    return [(e.address, e.data) for t in targets for e in t.elements]


def main(argv=None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description="make a DfuSe .dfu from a .bin")
    ap.add_argument("bin")
    ap.add_argument("dfu")
    ap.add_argument("--address", type=lambda s: int(s, 0), default=PYBOARD_FLASH_ADDRESS,
                    help="load address of the .bin (default 0x08000000)")
    ns = ap.parse_args(argv)
    write_dfu(ns.bin, ns.dfu, ns.address)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
