"""Compile-time parsing of format specs, %-formatting and str.format.

The runtime formats values against a ua_spec; everything about the format
string itself is decided here, so a bad spec is a compile error."""
import re
from dataclasses import dataclass

from . import types as T


class SpecError(Exception):
    pass


@dataclass(frozen=True)
class Spec:
    fill: str = " "
    align: str = ""
    sign: str = ""
    alternate: bool = False
    grouping: bool = False
    width: int = -1
    precision: int = -1
    type: str = ""
    as_float: bool = False     # an int formatted with a float presentation type


_SPEC = re.compile(r"^(?:(?P<fill>.)?(?P<align>[<>=^]))?(?P<sign>[-+ ])?(?P<alt>#)?(?P<zero>0)?"
                   r"(?P<width>\d+)?(?P<group>,)?(?:\.(?P<prec>\d+))?(?P<type>[bcdeEfFgGnosxX%])?$")

INT_TYPES = set("bcdoxXn")
FLOAT_TYPES = set("eEfFgG%")


def parse_spec(text, t):
    t = T.resolve(t)
    m = _SPEC.match(text)
    if not m:
        raise SpecError(f"invalid format specifier '{text}'")
    fill, align = m.group("fill") or " ", m.group("align") or ""
    if m.group("zero") and not align:
        fill, align = "0", "="
    ty = m.group("type") or ""
    as_float = False
    if t in (T.INT, T.BOOL):
        if ty in FLOAT_TYPES:
            as_float = True
        elif ty == "s" or (ty == "" and t is T.BOOL and (m.group("prec") or m.group("sign"))):
            raise SpecError(f"Unknown format code '{ty or 's'}' for object of type '{t.name}'")
        elif ty == "" and m.group("prec"):
            raise SpecError("Precision not allowed in integer format specifier")
        if ty == "n":
            ty = "d"
    elif t is T.FLOAT:
        if ty and ty not in FLOAT_TYPES:
            raise SpecError(f"Unknown format code '{ty}' for object of type 'float'")
    elif t is T.STR:
        if ty not in ("", "s"):
            raise SpecError(f"Unknown format code '{ty}' for object of type 'str'")
        if m.group("sign"):
            raise SpecError("Sign not allowed in string format specifier")
        if align == "=":
            raise SpecError("'=' alignment not allowed in string format specifier")
    else:
        if text:
            raise SpecError(f"format spec '{text}' is not supported for {t.name}")
    return Spec(fill=fill, align=align, sign=m.group("sign") or "", alternate=bool(m.group("alt")),
                grouping=bool(m.group("group")), width=int(m.group("width") or -1),
                precision=int(m.group("prec") or -1), type=ty, as_float=as_float)


@dataclass(frozen=True)
class Field:
    """One replacement in a format string: which argument, how."""
    arg: object          # index into the positional arguments, or a keyword name
    conversion: str      # '', 'r', 's'
    spec: object         # Spec, or None for plain str()


def parse_format_method(fmt, arg_types, kwarg_types):
    """'{} {:>5} {name!r}'.format(...) -> list of str and Field."""
    pieces, auto, manual = [], 0, False
    i, n = 0, len(fmt)
    text = []
    while i < n:
        c = fmt[i]
        if c in "{}" and i + 1 < n and fmt[i + 1] == c:
            text.append(c)
            i += 2
            continue
        if c == "}":
            raise SpecError("Single '}' encountered in format string")
        if c != "{":
            text.append(c)
            i += 1
            continue
        j = fmt.find("}", i)
        if j < 0:
            raise SpecError("Single '{' encountered in format string")
        body = fmt[i + 1:j]
        if "{" in body:
            raise SpecError("nested replacement fields are not supported")
        name, _, spec = body.partition(":")
        name, _, conv = name.partition("!")
        if conv not in ("", "r", "s"):
            raise SpecError(f"Unknown conversion specifier {conv}")
        if name == "":
            if manual:
                raise SpecError("cannot switch from manual field specification to automatic field numbering")
            arg, auto = auto, auto + 1
        elif name.isdigit():
            if auto:
                raise SpecError("cannot switch from automatic field numbering to manual field specification")
            manual, arg = True, int(name)
        else:
            arg = name
        if isinstance(arg, int):
            if arg >= len(arg_types):
                raise SpecError(f"Replacement index {arg} out of range for positional args tuple")
            t = arg_types[arg]
        else:
            if arg not in kwarg_types:
                raise SpecError(f"format string names '{arg}', which is not passed")
            t = kwarg_types[arg]
        if text:
            pieces.append("".join(text))
            text = []
        pieces.append(Field(arg, conv, parse_spec(spec, T.STR if conv else t) if spec else None))
        i = j + 1
    if text:
        pieces.append("".join(text))
    return pieces


_PERCENT = re.compile(r"%(?P<flags>[-+ 0#]*)(?P<width>\d+)?(?:\.(?P<prec>\d+))?(?P<type>[sdirfFeEgGxXoc%])")


def parse_percent(fmt, arg_types):
    """'%5.1f and %s' % (x, y) -> list of str and Field."""
    pieces, pos, argi = [], 0, 0
    for m in _PERCENT.finditer(fmt):
        if m.start() > pos:
            pieces.append(fmt[pos:m.start()])
        pos = m.end()
        ty = m.group("type")
        if ty == "%":
            pieces.append("%")
            continue
        if argi >= len(arg_types):
            raise SpecError("not enough arguments for format string")
        t = T.resolve(arg_types[argi])
        flags = m.group("flags")
        width = int(m.group("width") or -1)
        prec = int(m.group("prec") or -1)
        align = "<" if "-" in flags else ""
        fill = " "
        if "0" in flags and "-" not in flags and ty not in "sr":
            fill, align = "0", "="
        sign = "+" if "+" in flags else (" " if " " in flags else "")
        if ty in "sr":
            spec = Spec(fill=fill, align="<" if "-" in flags else ">", width=width, precision=prec)
            pieces.append(Field(argi, "r" if ty == "r" else "s", spec if (width >= 0 or prec >= 0) else None))
        else:
            if t not in (T.INT, T.FLOAT, T.BOOL):
                raise SpecError(f"%{ty} format: a real number is required, not {t.name}")
            if ty in "di":
                conv_t = "d"
            elif ty == "c":
                raise SpecError("%c is not supported yet")
            else:
                conv_t = ty
            if conv_t in "xXo" and t is T.FLOAT:
                raise SpecError(f"%{ty} format: an integer is required, not float")
            if conv_t in "fFeEgG":
                if prec < 0:
                    prec = 6
                spec = Spec(fill=fill, align=align, sign=sign, alternate="#" in flags, width=width,
                            precision=prec, type=conv_t, as_float=t is not T.FLOAT)
            else:
                spec = Spec(fill=fill, align=align, sign=sign, alternate="#" in flags, width=width,
                            type=conv_t)
                if t is T.FLOAT:
                    spec = Spec(**{**spec.__dict__, "as_float": False})
            pieces.append(Field(argi, "int" if (conv_t in "dxXo" and t is T.FLOAT) else "", spec))
        argi += 1
    if argi != len(arg_types):
        raise SpecError("not all arguments converted during string formatting")
    if pos < len(fmt):
        rest = fmt[pos:]
        if "%" in rest:
            raise SpecError(f"unsupported format character in '{rest}'")
        pieces.append(rest)
    return pieces
