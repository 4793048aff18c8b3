"""C interop: a native module's Python API read from its C header with
pycparser, by the naming convention written at the top of targets/pyboard/pyb.h:

    T pyb_NAME(args)                   pyb.NAME(args)
    T pyb_Class_METHOD(int32_t id, ..) pyb.Class(id).METHOD(..)
    T pyb_Class_METHOD__N(..)          the overload with N Python arguments
    void pyb_Class_init(int32_t id, ..) pyb.Class(id, ..)
    enum { pyb_Class_NAME = v }        pyb.Class.NAME (pyb.Class.ns.NAME for
                                       pyb_Class_ns_NAME with a lower-case ns)
"""
import functools
import re
from dataclasses import dataclass, field

from pycparser import c_ast, c_parser

from . import types as T

PREAMBLE = "typedef int int32_t; typedef unsigned int uint32_t; typedef _Bool bool;\n"
SCALARS = {"int32_t": T.INT, "int": T.INT, "uint32_t": T.INT, "float": T.FLOAT, "double": T.FLOAT,
           "bool": T.BOOL, "_Bool": T.BOOL, "void": T.NONE}


class InteropError(Exception):
    pass


@dataclass
class NativeFunction:
    c_name: str
    params: list          # Python-visible parameter kinds: a Type, "str" or "callback"
    result: object        # a Type
    takes_id: bool = False


@dataclass
class NativeClass:
    name: str
    module: str
    methods: dict = field(default_factory=dict)     # name -> {arity: NativeFunction}
    init: object = None                             # NativeFunction or None
    constants: dict = field(default_factory=dict)   # NAME -> int
    namespaces: dict = field(default_factory=dict)  # ns -> {NAME: int}
    takes_id: bool = True


@dataclass
class NativeModule:
    name: str
    header: str
    functions: dict = field(default_factory=dict)   # name -> NativeFunction
    classes: dict = field(default_factory=dict)
    constants: dict = field(default_factory=dict)


def _strip(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _type_name(node):
    if isinstance(node, c_ast.TypeDecl) and isinstance(node.type, c_ast.IdentifierType):
        return " ".join(node.type.names)
    return None


def _params(func, c_name):
    """Python-visible parameters of a C function declaration."""
    out, names = [], []
    args = func.args.params if func.args else []
    i = 0
    while i < len(args):
        p = args[i]
        if isinstance(p, c_ast.Typename) and _type_name(p.type) == "void":
            break
        names.append(p.name)
        t = p.type
        if isinstance(t, c_ast.PtrDecl) and isinstance(t.type, c_ast.FuncDecl):
            out.append("callback")
        elif isinstance(t, c_ast.PtrDecl) and _type_name(t.type) == "char":
            if i + 1 >= len(args) or _type_name(args[i + 1].type) not in ("int32_t", "uint32_t", "int"):
                raise InteropError(f"{c_name}: a char * parameter must be followed by its length")
            out.append("str")
            i += 1
        else:
            name = _type_name(t)
            if name not in SCALARS or name == "void":
                raise InteropError(f"{c_name}: parameter type {name or 'pointer'} has no Python equivalent")
            out.append(SCALARS[name])
        i += 1
    return out, names


@functools.lru_cache(maxsize=None)
def load(header_path, module):
    with open(header_path) as f:
        text = _strip(f.read())
    try:
        tree = c_parser.CParser().parse(PREAMBLE + text, header_path)
    except Exception as e:   # pycparser's ParseError
        raise InteropError(f"{header_path}: {e}")
    mod = NativeModule(module, header_path)
    prefix = module + "_"
    for decl in tree.ext:
        if not isinstance(decl, c_ast.Decl):
            continue
        if isinstance(decl.type, c_ast.Enum):
            for item in decl.type.values.enumerators:
                _constant(mod, prefix, item.name, _enum_value(item))
        elif isinstance(decl.type, c_ast.FuncDecl) and decl.name.startswith(prefix):
            _function(mod, prefix, decl)
    return mod


def _enum_value(item):
    v = item.value
    if isinstance(v, c_ast.UnaryOp) and v.op == "-":
        return -int(v.expr.value, 0)
    return int(v.value, 0)


def _constant(mod, prefix, c_name, value):
    rest = c_name[len(prefix):]
    m = re.match(r"([A-Z]\w*?)_(.+)$", rest)
    if not m:
        mod.constants[rest] = value
        return
    cls = _class(mod, m.group(1))
    name = m.group(2)
    ns = re.match(r"([a-z]\w*?)_(\w+)$", name)
    if ns:
        cls.namespaces.setdefault(ns.group(1), {})[ns.group(2)] = value
    else:
        cls.constants[name] = value


def _class(mod, name):
    if name not in mod.classes:
        mod.classes[name] = NativeClass(name, mod.name)
    return mod.classes[name]


def _function(mod, prefix, decl):
    c_name = decl.name
    rest = c_name[len(prefix):]
    result_name = _type_name(decl.type.type)
    if result_name not in SCALARS:
        raise InteropError(f"{c_name}: result type has no Python equivalent")
    params, names = _params(decl.type, c_name)
    m = re.match(r"([A-Z][A-Za-z0-9]*)_([a-z]\w*?)(?:__(\d+))?$", rest)
    if not m:
        mod.functions[rest] = NativeFunction(c_name, params, SCALARS[result_name])
        return
    cls = _class(mod, m.group(1))
    method = m.group(2)
    takes_id = bool(names) and names[0] == "id"
    if takes_id:
        params = params[1:]
    else:
        cls.takes_id = False
    fn = NativeFunction(c_name, params, SCALARS[result_name], takes_id)
    if method == "init":
        cls.init = fn
        return
    arity = int(m.group(3)) if m.group(3) else len(params)
    if arity != len(params):
        raise InteropError(f"{c_name}: the __{arity} suffix does not match its {len(params)} arguments")
    cls.methods.setdefault(method, {})[arity] = fn
