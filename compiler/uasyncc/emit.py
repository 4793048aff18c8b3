"""C emission: FunctionIRs to one C module, through jinja2 templates for the
file's structure and Python code for statements and expressions.

Generated names: a function `blink` of module `app` is `app_blink`, its
frame `app_blink_frame`, its resume function `app_blink_resume`, its await
labels `BLINK_AWAIT_L12`. Every statement is preceded by a #line directive
that points at the Python source, so __LINE__ in the checking macros of
ua_gen.h is the Python line."""
import re

import jinja2

from . import astnodes as A
from . import fixedlists
from . import types as T
from .formatting import Field, Spec, parse_percent
from .lower import AwaitStmt, ForGen, ForRange, ForSeq, I64, is_generator_call
from .paths import TEMPLATES
from .sema import BUILTIN_EXC, ENV_PARAM, VarInfo

BUILTIN_KEY_ERROR = BUILTIN_EXC["KeyError"]

FAILING_MACROS = re.compile(r"\bUA_(FAIL|CHECK|CHECK_VOID|NONNULL|OP1|OP2|ADD|SUB|MUL|LIST_SLOT|LIST_OF|APPEND)\b")

C_RESERVED = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
    "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
    "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
    "volatile", "while", "bool", "true", "false", "NULL", "fr", "err_line", "on_error", "main",
    "errno", "stdin", "stdout", "stderr", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t",
    "uint16_t", "uint32_t", "uint64_t", "size_t", "asm", "typeof", "_Bool", "offsetof",
}


def c_ident(name):
    if name in C_RESERVED or name.endswith("_") or name.lower().startswith("ua_") or "__" in name:
        return name + "_py"
    return name


def c_string(s):
    out = ['"']
    for b in s.encode("utf-8"):
        c = chr(b)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif 32 <= b < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % b)
    out.append('"')
    return "".join(out)


def c_bytes(b):
    """A C string literal of exactly these bytes (its length is kept apart)."""
    out = ['"']
    for v in b:
        c = chr(v)
        if c in '"\\':
            out.append("\\" + c)
        elif 32 <= v < 127 and c != "?":
            out.append(c)
        else:
            out.append("\\%03o" % v)
    out.append('"')
    return "".join(out)


def c_float(v):
    if v != v:
        return "(ua_float)NAN"
    if v in (float("inf"), float("-inf")):
        return "(ua_float)INFINITY" if v > 0 else "(-(ua_float)INFINITY)"
    r = repr(v)
    if "e" not in r and "." not in r:
        r += ".0"
    return f"(ua_float){r}"


# A child coroutine that parked or did sleep(0) suspends its parent with
# the same status (the run loop queues a UA_YIELDED task itself).
SUSPENDED_CASES = "case UA_PENDING: return UA_PENDING;\ncase UA_YIELDED: return UA_YIELDED;\n"

# one per process; the files are checked against the templates' sources
_TEMPLATE_CACHE = jinja2.FileSystemBytecodeCache()


class ModuleEmitter:
    def __init__(self, prog, functions, module_ir, path, collector):
        self.prog = prog
        self.collector = collector            # the arena's collector is linked (bounded.py)
        self.functions = functions            # FunctionIR list
        self.module_ir = module_ir
        self.path = path                      # the name used in #line and tracebacks
        self.tuples = {}                      # key -> (c_name, TupleT)
        self.helpers = {}                     # name -> (prototype, body)
        self.statics = []                     # file-scope definitions (root tasks)
        self.heap_edges = self.recursive_awaits()
        self.structs = {}       # name -> fields of generated structs (Message)
        self.bytes_literals = {}    # bytes value -> the name of its static object
        self.shutdown = self.needs_shutdown()
        self.held_tasks = self.holds_tasks()
        self.fixed = fixedlists.fixed_lists([*functions, module_ir])   # id(VarInfo) -> item count

    def needs_shutdown(self):
        """Whether asyncio.run() must cancel the tasks it leaves, as CPython's
        does: code in a try or with statement can see it, and so can a loop
        run again later (another asyncio.run, run_until_complete, run_forever,
        or this one in a loop or a function), which must not run them on.
        Otherwise nothing can tell, and the program is spared the cost."""
        bodies = [self.prog.module_body, *(inst.body for inst in self.prog.instances)]
        nodes = [n for body in bodies for s in body for n in A.walk(s)]
        if any(isinstance(n, (A.Try, A.With)) for n in nodes):
            return True
        runs = [n for n in nodes if isinstance(n, A.Call) and getattr(n, "kind", "").startswith(RUNS_THE_LOOP)]
        once = [n for s in self.prog.module_body if not isinstance(s, (A.For, A.While)) for n in A.walk(s)
                if isinstance(n, A.Call) and getattr(n, "kind", "") == "asyncio.run"]
        return len(runs) > 1 or runs != once

    def holds_tasks(self):
        """Whether a task from create_task() can be held by something other
        than one owning variable (a list, a gather, an object, a variable
        read otherwise): then a finished task goes to the collector
        (ua_task_to_collector). A discarded one is freed when it finishes,
        an owned one by its variable."""
        calls, accounted = [], set()
        for body, owned in [(self.prog.module_body, [])] + \
                [(inst.body, getattr(inst, "owned_tasks", [])) for inst in self.prog.instances]:
            for n in (n for s in body for n in A.walk(s)):
                if isinstance(n, A.Call) and getattr(n, "kind", None) in ("asyncio.create_task", "loop.create_task"):
                    calls.append(n)
                elif isinstance(n, A.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], A.Name) \
                        and any(v is n.targets[0].binding for v in owned):
                    accounted.add(id(n.value))
        return any(not getattr(c, "discarded", False) and id(c) not in accounted for c in calls)

    def recursive_awaits(self):
        """Awaits of a coroutine that can (indirectly) await its caller
        again: their frames cannot nest by value, so they live in the arena."""
        graph = {id(f.inst): [c for a in f.awaits for c in self.children_of(a)]
                 for f in self.functions if f.is_async}

        def reaches(src, dst):
            seen, todo = set(), [src]
            while todo:
                n = todo.pop()
                for c in graph.get(id(n), []):
                    if c is dst:
                        return True
                    if id(c) not in seen:
                        seen.add(id(c))
                        todo.append(c)
            return False

        return {id(a) for f in self.functions if f.is_async for a in f.awaits
                if (a.kind == "coro" or (a.kind == "yield_from" and is_generator_call(a.value)))
                and reaches(a.value.instance, f.inst)}

    # ----------------------------------------------------------- types
    def declarator(self, v, name):
        """(C type, declarator) of variable v called name: a fixed list is an array."""
        n = self.fixed.get(id(v))
        if n:
            return self.ctype(T.resolve(v.type).elem), f"{name}[{n}]"
        return self.ctype(v.type), name

    def ctype(self, t):
        t = T.finalize(t)
        if isinstance(t, T.Prim):
            return t.c_type
        if isinstance(t, T.ListT):
            return "ua_list *"
        if isinstance(t, T.SetT):
            return "ua_set *"
        if isinstance(t, T.TaskT):
            return "ua_task *"
        if isinstance(t, T.TupleT):
            k = T.key(t)
            if k not in self.tuples:
                for e in t.elts:
                    self.ctype(e)
                self.tuples[k] = ("ua_" + T.mangle(t), t)
            return self.tuples[k][0]
        if isinstance(t, (T.LoopT, T.ClassT)):    # known statically: nothing to pass
            return "ua_none"
        if isinstance(t, T.NativeObjT):
            return "ua_int"
        if isinstance(t, T.InstT):
            return f"{t.cls.c_name} *"
        if isinstance(t, T.PrimT):
            if t.kind == "message" and t.c_struct not in self.structs:
                self.structs[t.c_struct] = [("ua_event", "ev"), ("bool", "has_data"), (self.ctype(t.elem), "data")]
            return f"{t.c_struct} *"
        if isinstance(t, T.OptT):      # None is NULL
            return self.ctype(t.inner)
        if isinstance(t, T.CallableT):
            return "ua_callable"
        if isinstance(t, (T.DictT, T.DictViewT)):
            return "ua_dict *"
        if isinstance(t, T.ContextT):
            return "const ua_gen_context *"
        if isinstance(t, T.ExcArgsT):
            return "ua_exc *"
        if isinstance(t, T.OutcomeT):    # a struct, registered like a tuple
            k = T.key(t)
            if k not in self.tuples:
                self.ctype(t.value)
                self.tuples[k] = ("ua_outcome_" + T.mangle(t.value), t)
            return self.tuples[k][0]
        if isinstance(t, T.CoroT):     # a coroutine not started: its frame
            return f"{t.instance.c_name}_frame"
        if isinstance(t, T.EnvT):
            return f"{t.owner.c_name}_env *"
        if isinstance(t, T.GenT):      # a generator object: its frame in the arena
            return f"struct {t.instance.c_name}_frame *"
        if isinstance(t, T.ExcClassT):
            return "const ua_exc_type *"
        if isinstance(t, T.ClassT):    # known statically: no value
            return "ua_none"
        raise AssertionError(f"no C type for {t.name}")

    def zero(self, t):
        t = T.resolve(t)
        if isinstance(t, T.CallableT):
            return "(ua_callable){0}"
        if isinstance(t, (T.TupleT, T.OutcomeT, T.CoroT)):
            return f"({self.ctype(t)}){{0}}"
        if isinstance(t, (T.ListT, T.TaskT, T.InstT, T.PrimT, T.OptT, T.DictT, T.SetT, T.GenT)) or \
                t in (T.STR, T.EXC, T.BYTES, T.BYTEARRAY):
            return "NULL"
        if t is T.MEMVIEW:
            return "(ua_memview){0}"
        if t is T.BOOL:
            return "false"
        return "0"

    # -------------------------------------------------------- printing
    def writer(self, out, value, t, repr_=False):
        """C statement writing an evaluated value (a C lvalue or temp)."""
        t = T.resolve(t)
        if t is T.INT:
            return f"ua_out_int({out}, {value});"
        if t is T.FLOAT:
            return f"ua_out_float({out}, {value});"
        if t is T.BOOL:
            return f"ua_out_bool({out}, {value});"
        if t is T.STR:
            return f"ua_out_{'repr_' if repr_ else ''}str({out}, {value});"
        if t is T.NONE:
            return f"(void){value}; ua_out_none({out});"
        if isinstance(t, (T.ListT, T.TupleT)):
            return f"{self.container_writer(t)}({out}, {value});"
        if t in (T.BYTES, T.BYTEARRAY):
            return f"ua_out_repr_bytes({out}, ua_buf_of({value}), {'true' if t is T.BYTEARRAY else 'false'});"
        if isinstance(t, T.SetT):
            return f"{self.set_writer(t)}({out}, {value});"
        if t is T.EXC:
            return f"ua_gen_write_exc({out}, {value}, {'true' if repr_ else 'false'});"
        if isinstance(t, T.ExcArgsT):
            return f"ua_gen_write_exc_args({out}, {value});"
        if t is T.EXC_TYPE or isinstance(t, T.ExcClassT):
            return f"ua_gen_write_exc_type({out}, {value});"
        if isinstance(t, T.ClassT):
            return f"(void){value}; ua_out_cstr({out}, {c_string(class_repr(t.cls))});"
        if isinstance(t, T.OptT):
            return f"if ({value}) {{ {self.writer(out, value, t.inner, repr_)} }} else ua_out_none({out});"
        if isinstance(t, T.DictT):
            return f"{self.dict_writer(t)}({out}, {value});"
        if isinstance(t, T.OutcomeT):   # f0: the exception, f1: the value
            return (f"if (({value}).f0) ua_gen_write_exc({out}, ({value}).f0, {'true' if repr_ else 'false'}); "
                    f"else {{ {self.writer(out, f'({value}).f1', t.value, repr_)} }}")
        raise AssertionError(t)

    def dict_writer(self, t):
        name = "write_" + T.mangle(t)
        if name not in self.helpers:
            self.helpers[name] = None
            key = self.dict_key_at(t, "v->keys[i]")
            val = f"UA_DICT_VALUE({self.ctype(t.value)}, v, i)"
            body = (f"    ua_out_cstr(o, \"{{\");\n"
                    f"    for (uint32_t i = 0; i < v->len; i++) {{\n"
                    f"        if (i) ua_out_cstr(o, \", \");\n"
                    f"        {self.writer('o', key, t.key, True)}\n"
                    f"        ua_out_cstr(o, \": \");\n"
                    f"        {self.writer('o', val, t.value, True)}\n"
                    f"    }}\n    ua_out_cstr(o, \"}}\");\n")
            self.helpers[name] = (f"static void {name}(ua_out *o, const ua_dict *v)", body)
        return name

    def set_writer(self, t):
        name = "write_" + T.mangle(t)
        if name not in self.helpers:
            self.helpers[name] = None
            body = ('    if (!v->used) { ua_out_cstr(o, "set()"); return; }\n'
                    '    ua_out_cstr(o, "{");\n    uint32_t pos = 0;\n    ua_dkey k;\n'
                    '    for (bool first = true; ua_set_next(v, &pos, &k); first = false) {\n'
                    '        if (!first) ua_out_cstr(o, ", ");\n'
                    '        ua_out_int(o, k.i);\n    }\n    ua_out_cstr(o, "}");\n')
            self.helpers[name] = (f"static void {name}(ua_out *o, const ua_set *v)", body)
        return name

    def bytes_literal(self, value):
        """A bytes constant: a static object over a string literal (flash)."""
        name = self.bytes_literals.get(value)
        if name is None:
            name = self.bytes_literals[value] = f"bytes_lit{len(self.bytes_literals)}_"
            self.statics.append(f"static const ua_bytes {name} = {{{len(value)}, 0, (uint8_t *){c_bytes(value)}}};")
        return f"(&{name})"

    def container_writer(self, t):
        name = "write_" + T.mangle(t)
        if name in self.helpers:
            return name
        ct = self.ctype(t)
        self.helpers[name] = None
        if isinstance(t, T.ListT):
            et = self.ctype(t.elem)
            body = (f"    ua_out_cstr(o, \"[\");\n"
                    f"    for (uint32_t i = 0; i < v->len; i++) {{\n"
                    f"        if (i) ua_out_cstr(o, \", \");\n"
                    f"        {self.writer('o', f'UA_LIST_AT({et}, v, i)', t.elem, True)}\n"
                    f"    }}\n    ua_out_cstr(o, \"]\");\n")
            proto = f"static void {name}(ua_out *o, const ua_list *v)"
        else:
            opening, closing = ("[", "]") if t.as_list else ("(", ")")
            parts = [f'    ua_out_cstr(o, "{opening}");']
            for i, e in enumerate(t.elts):
                if i:
                    parts.append('    ua_out_cstr(o, ", ");')
                parts.append("    " + self.writer("o", f"v.f{i}", e, True))
            if len(t.elts) == 1 and not t.as_list:
                parts.append('    ua_out_cstr(o, ",");')
            parts.append(f'    ua_out_cstr(o, "{closing}");')
            body = "\n".join(parts) + "\n"
            proto = f"static void {name}(ua_out *o, {ct} v)"
        self.helpers[name] = (proto, body)
        return name

    def equality(self, t):
        """A helper comparing two lists or tuples item by item."""
        t = T.finalize(t)
        name = "equal_" + T.mangle(t)
        if name in self.helpers:
            return name
        self.helpers[name] = None
        ct = self.ctype(t)
        fe = FunctionEmitter(self, _HelperIR())
        if isinstance(t, T.ListT):
            et = T.resolve(t.elem)
            item = lambda side: f"UA_LIST_AT({self.ctype(et)}, {side}, i)"
            eq = fe.compare("==", item("a"), et, item("b"), et)
            body = (f"    if (a->len != b->len) return false;\n"
                    f"    for (uint32_t i = 0; i < a->len; i++)\n        if (!({eq})) return false;\n"
                    f"    return true;\n")
        else:
            parts = [fe.compare("==", f"a.f{i}", et, f"b.f{i}", et) for i, et in enumerate(t.elts)]
            body = f"    return {' && '.join(parts) or 'true'};\n"
        self.helpers[name] = (f"static bool {name}({ct} a, {ct} b)", body)
        return name

    def dict_new(self, t):
        """A new empty dict of type t: int or str keys inline, tuple keys
        boxed with their equality and repr functions."""
        t = T.resolve(t)
        key, vt = T.finalize(t.key), self.ctype(t.value)
        if isinstance(key, T.TupleT):
            ct, name = self.ctype(key), T.mangle(key)
            if "key_eq_" + name not in self.helpers:
                self.helpers["key_eq_" + name] = (
                    f"static bool key_eq_{name}(const void *a, const void *b)",
                    f"    return {self.equality(key)}(*(const {ct} *)a, *(const {ct} *)b);\n")
                self.helpers["key_repr_" + name] = None
                self.helpers["key_repr_" + name] = (
                    f"static void key_repr_{name}(ua_out *o, const void *k)",
                    f"    {self.writer('o', f'(*(const {ct} *)k)', key, True)}\n")
            return f"ua_dict_new_boxed(sizeof({ct}), key_eq_{name}, key_repr_{name}, sizeof({vt}))"
        return f"ua_dict_new({'true' if key is T.STR else 'false'}, sizeof({vt}))"

    def dict_key_at(self, t, slot):
        """The key in ua_dkey lvalue slot of a dict of type t, as a C value."""
        key = T.resolve(T.resolve(t).key)
        if isinstance(key, T.TupleT):
            return f"(*(const {self.ctype(key)} *){slot}.p)"
        return f"{slot}.{'s' if key is T.STR else 'i'}"

    def dkey(self, t, value_c):
        """A key value as a ua_dkey; a tuple's points to a copy that lives
        until the end of the enclosing block."""
        key = T.resolve(T.resolve(t).key)
        if isinstance(key, T.TupleT):
            return f"((ua_dkey){{ .p = ({self.ctype(key)}[]){{ {value_c} }} }})"
        return f"((ua_dkey){{ .{'s' if key is T.STR else 'i'} = {value_c} }})"

    def ordering(self, t):
        """A helper comparing two tuples item by item: <0, 0 or >0."""
        t = T.finalize(t)
        name = "order_" + T.mangle(t)
        if name in self.helpers:
            return name
        self.helpers[name] = None
        fe = FunctionEmitter(self, _HelperIR())
        tests = "".join(f"    if (!({fe.compare('==', f'a.f{i}', et, f'b.f{i}', et)}))"
                        f" return {fe.compare('<', f'a.f{i}', et, f'b.f{i}', et)} ? -1 : 1;\n"
                        for i, et in enumerate(t.elts))
        self.helpers[name] = (f"static int {name}({self.ctype(t)} a, {self.ctype(t)} b)", tests + "    return 0;\n")
        return name

    def less(self, t, a, b):
        """C test a < b for sortable items of type t."""
        t = T.resolve(t)
        if t is T.STR:
            return f"ua_str_cmp({a}, {b}) < 0"
        if isinstance(t, T.TupleT):
            return f"{self.ordering(t)}({a}, {b}) < 0"
        return f"{a} < {b}"

    def list_sorter(self, elem):
        """A stable in-place sort for lists of ints, floats, bools or strs."""
        name = "sort_list_" + T.mangle(elem)
        if name not in self.helpers:
            et = self.ctype(elem)
            less = self.less(elem, "v", "a[j - 1]")
            body = (f"    {et} *a = ({et} *)l->items;\n"
                    f"    for (uint32_t i = 1; i < l->len; i++) {{\n"
                    f"        {et} v = a[i];\n        uint32_t j = i;\n"
                    f"        while (j > 0 && {less}) {{ a[j] = a[j - 1]; j--; }}\n"
                    f"        a[j] = v;\n    }}\n")
            self.helpers[name] = (f"static void {name}(ua_list *l)", body)
        return name

    def list_key_sorter(self, elem, key):
        """A stable in-place sort of a list by a parallel list of keys (ints,
        floats, bools or strs), the keys moved along with the items;
        reverse keeps equal keys in their order, as CPython does."""
        name = f"sort_list_{T.mangle(elem)}_by_{T.mangle(key)}"
        if name not in self.helpers:
            et, kt = self.ctype(elem), self.ctype(key)
            before = f"(reverse ? {self.less(key, 'k[j - 1]', 'kv')} : {self.less(key, 'kv', 'k[j - 1]')})"
            body = (f"    {et} *a = ({et} *)l->items;\n    {kt} *k = ({kt} *)keys->items;\n"
                    f"    for (uint32_t i = 1; i < l->len; i++) {{\n"
                    f"        {et} v = a[i];\n        {kt} kv = k[i];\n        uint32_t j = i;\n"
                    f"        while (j > 0 && {before}) {{ a[j] = a[j - 1]; k[j] = k[j - 1]; j--; }}\n"
                    f"        a[j] = v;\n        k[j] = kv;\n    }}\n")
            self.helpers[name] = (f"static void {name}(ua_list *l, ua_list *keys, bool reverse)", body)
        return name

    # ------------------------------------------------------- functions
    def emit(self):
        funcs = [FunctionEmitter(self, f).emit() for f in self.functions]
        init = FunctionEmitter(self, self.module_ir).emit()
        order = self.frame_order()
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), keep_trailing_newline=True,
                                 trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                                 # compiled templates kept in the temp dir (~0.1 s a run)
                                 bytecode_cache=_TEMPLATE_CACHE)
        tuples = [(name, ["ua_exc *", self.ctype(t.value)] if isinstance(t, T.OutcomeT)
                   else [self.ctype(e) for e in t.elts] or ["char"])    # () still needs a member
                  for name, t in self.tuples.values()]
        globals_ = [self.declarator(v, self.global_name(v.name)) for v in self.prog.globals.values()]
        callbacks = [self.callback_info(inst) for inst in self.prog.callbacks.values()]
        callbacks += self.callable_callbacks()
        c = env.get_template("module.c.j2").render(
            path=self.path, module=self.prog.module_name, tuples=tuples, frames=order,
            globals=globals_, funcs=funcs, init=init, helpers=list(self.helpers.values()),
            statics=self.statics, callbacks=callbacks, headers=sorted(self.prog.native_headers),
            isr_callbacks=[inst.c_name for inst in self.prog.isr_callbacks.values()],
            exc_classes=[(c.c_ref[1:], c.name, c.base.c_ref) for c in self.prog.exc_classes],
            classes=[(c.c_name, self.prim_member(c) + [(self.ctype(T.finalize(t)), c_ident(n))
                                                       for n, (t, _) in c.fields.items()])
                     for c in self.prog.classes],
            trampolines=self.trampolines(), structs=self.structs, envs=self.environments(),
            exc_fields=self.exc_field_structs(),
            exc_handlers=[inst.c_name for inst in self.prog.exc_handlers.values()],
            tasks=[f for f in self.functions if f.is_async and f.inst.used_as_task])
        h = env.get_template("module.h.j2").render(module=self.prog.module_name, path=self.path)
        main = env.get_template("main.c.j2").render(module=self.prog.module_name,
                                                    features=runtime_features(c, self.collector, self.held_tasks))
        return c, h, main

    def prim_member(self, cls):
        """A class deriving from an asyncio primitive starts with its struct,
        which the runtime functions get a pointer to."""
        prim = cls.prim_base()
        if prim is None:
            return []
        self.ctype(prim[1])     # a Message's struct is generated for its data type
        return [(T.finalize(prim[1]).c_struct, "prim_")]

    def exc_fields_struct(self, cls):
        """The struct of the attributes of an exception class (its base's
        struct first, so a base's view of it is a prefix), or None."""
        if not any(c.fields for c in T.lineage(cls)):
            return None
        return f"{cls.c_ref[1:-5]}_fields"

    def exc_declared_fields(self, cls):
        """The attributes a class adds to its base's."""
        inherited = {n for c in list(T.lineage(cls))[1:] for n in c.fields}
        return [(n, t) for n, (t, _) in cls.fields.items() if n not in inherited]

    def exc_field_owners(self, attr):
        """The classes that declare attribute attr (a class's subclasses share it)."""
        return [c for c in self.prog.exc_classes if any(n == attr for n, _ in self.exc_declared_fields(c))]

    def exc_field_structs(self):
        out = []
        for c in self.prog.exc_classes:
            name = self.exc_fields_struct(c)
            if name is None:
                continue
            members = [(f"{self.exc_fields_struct(c.base)}", "base_")] if c.base.user and \
                self.exc_fields_struct(c.base) else []
            members += [(self.ctype(T.finalize(t)), c_ident(n)) for n, t in self.exc_declared_fields(c)]
            out.append((name, members or [("char", "unused_")]))
        return out

    def global_name(self, name):
        return f"{self.prog.module_name}_{name}"

    def trampolines(self):
        """One per function instance called through a callable: the
        callable's uniform signature (an object pointer first)."""
        out, seen = [], set()
        for m in self.prog.members:
            inst = m.instance
            if inst is None or id(inst) in seen:
                continue
            seen.add(id(inst))
            rt = self.ctype(inst.return_type)
            args = [self.ctype(t) for t in inst.arg_types]
            if m.self_type is not None:
                params = ["void *self"] + [f"{t} a{i}" for i, t in enumerate(args[1:])]
                call = [f"({args[0]})self"] + [f"a{i}" for i in range(len(args) - 1)]
            else:
                params = ["void *self"] + [f"{t} a{i}" for i, t in enumerate(args)]
                call = [f"a{i}" for i in range(len(args))]
            body = ("(void)self; " if m.self_type is None else "") + f"return {inst.c_name}({', '.join(call)});"
            out.append((f"static {rt} {inst.c_name}_tramp({', '.join(params)})", body))
        return out

    def environments(self):
        """The closure environment of each instance that has one: the
        enclosing environment and the captured variables (the cells)."""
        out = []
        for f in self.functions:
            inst = f.inst
            if inst is None or not inst.func.has_env:
                continue
            fields = [(self.ctype(inst.vars[ENV_PARAM].type), "up")] if inst.func.captured else []
            for v in inst.vars.values():
                if getattr(v, "cell", False):
                    fields.append((self.ctype(v.type), c_ident(v.name)))
                    if _flagged_cell(v):
                        fields.append(("bool", f"{c_ident(v.name)}bound_"))
            out.append((f"{inst.c_name}_env", fields or [("char", "unused_")]))
        return out

    def callback_info(self, inst):
        args = [(self.ctype(t), f"a{i}") for i, t in enumerate(inst.arg_types)]
        call = f"{inst.c_name}({', '.join(f'cb->{n}' for _, n in args)})"
        return {"name": f"{inst.c_name}_callback", "call": call, "args": args}

    def callable_callback_name(self, ct):
        return "ua_cb_through_" + T.mangle(ct)

    def callable_callbacks(self):
        """One callback task type per callable signature scheduled: the
        callable and the arguments, called through at run time."""
        out, seen = [], set()
        for ct in self.prog.callable_callbacks:
            name = self.callable_callback_name(ct)
            if name in seen:
                continue
            seen.add(name)
            params = [self.ctype(p) for p in ct.params]
            fn = f"(({self.ctype(ct.result)} (*)({', '.join(['void *'] + params)}))cb->fn.fn)"
            args = [(t, f"a{i}") for i, t in enumerate(params)]
            call = f"{fn}({', '.join(['cb->fn.self'] + [f'cb->{n}' for _, n in args])})"
            out.append({"name": name, "call": call, "args": [("ua_callable", "fn")] + args})
        return out

    def frame_order(self):
        """Frames in an order where every child frame is declared before the
        frame that holds it by value."""
        by_inst = {id(f.inst): f for f in self.functions if f.is_async}
        done, order, visiting = set(), [], set()

        def visit(f):
            if id(f) in done:
                return
            if id(f) in visiting:
                span = f.inst.func.node.span
                raise self.prog.source.error(span, f"coroutine '{f.name}' awaits itself (directly or not): "
                                                   "recursive coroutines are not supported yet")
            visiting.add(id(f))
            for a in f.awaits:
                if id(a) in self.heap_edges:
                    continue
                for child in self.children_of(a):
                    visit(by_inst[id(child)])
            for v in f.frame_vars:      # generator frames held by value
                t = T.resolve(v.type)
                if isinstance(t, T.CoroT) and id(t.instance) in by_inst:
                    visit(by_inst[id(t.instance)])
            visiting.discard(id(f))
            done.add(id(f))
            order.append(self.frame_struct(f))

        for f in self.functions:
            if f.is_async:
                visit(f)
        return order

    def children_of(self, a):
        if a.kind == "coro" or (a.kind == "yield_from" and is_generator_call(a.value)):
            return [a.value.instance]
        if a.kind == "gather":
            if a.value.gather_mode == "coros":
                return [T.resolve(a.value.args[0].value.type).elem.instance]
            if a.value.gather_mode == "tasks":
                return []
            return [c.instance for c in a.value.args]
        if a.kind == "wait_for":
            return [a.value.args[0].instance]
        return []

    def gather_block(self, owner, a):
        """The arena block of one gather: the record and its children (a
        failed gather's other children go on after the parent left)."""
        return f"{owner}_{a.member}_gather"

    def gather_typedef(self, owner, a):
        mode = a.value.gather_mode
        if mode == "tasks":
            return f"typedef struct {{ ua_gather g; ua_list *tasks; ua_task *k[]; }} {self.gather_block(owner, a)};"
        if mode == "coros":
            inst = T.resolve(a.value.args[0].value.type).elem.instance
            return f"typedef struct {{ ua_gather g; uint32_t n; {inst.c_name}_task c[]; }} {self.gather_block(owner, a)};"
        kids = " ".join(f"{c.instance.c_name}_task c{i};" for i, c in enumerate(a.value.args))
        return (f"typedef struct {{ ua_gather g; ua_task *k[{len(a.value.args)}]; {kids} }} "
                f"{self.gather_block(owner, a)};")

    def prim_slots(self, a):
        """What a primitive's await keeps in the frame across resumptions
        (an Event's wait keeps nothing: its resumption needs no Event)."""
        pt = T.resolve(a.value.func.value.type)
        method = a.value.kind.split(".")[2]
        if f"{pt.kind}.{method}" == "event.wait":
            return ""
        slots = f"{pt.c_struct} *p;"
        if pt.kind == "queue" and method in ("put", "get"):
            slots += f" {self.ctype(pt.elem)} item;"
        if pt.kind == "barrier" and method == "wait":
            slots += " ua_int index;"
        if pt.kind == "mbarrier":
            slots += " bool last;"
        return slots

    def frame_struct(self, f):
        fields = [("uint16_t", "state")]
        fields += [self.declarator(v, field_name(v)) for v in f.params + f.frame_vars]
        fields += getattr(f, "extra_fields", [])
        members, pre = [], []
        for a in f.awaits:
            if a.kind == "coro":
                ptr = "*" if id(a) in self.heap_edges else ""
                members.append(f"{a.value.instance.c_name}_frame {ptr}{a.member};")
            elif a.kind == "task":
                members.append(f"ua_task *{a.member};")
            elif a.kind == "yield_from":    # the inner generator: by value when made here (and not recursive)
                inst = T.resolve(a.value.type).instance
                by_value = is_generator_call(a.value) and id(a) not in self.heap_edges
                members.append(f"{inst.c_name}_frame {'' if by_value else '*'}{a.member};")
            elif a.kind == "gather":
                members.append(f"{self.gather_block(f.c_name, a)} *{a.member};")
                pre.append(self.gather_typedef(f.c_name, a))
            elif a.kind == "prim" and self.prim_slots(a):
                members.append(f"struct {{ {self.prim_slots(a)} }} {a.member};")
            elif a.kind == "wait_for":
                inst = a.value.args[0].instance
                members.append(f"struct {{ ua_timeout to; {inst.c_name}_task task; }} {a.member};")
        if f.inst.func.is_generator:
            fields.append((self.ctype(T.finalize(f.inst.yield_type)), "yielded"))
        result = self.ctype(f.return_type)
        return {"name": f"{f.c_name}_frame", "fields": fields, "members": members, "result": result,
                "pre": pre}


class FunctionEmitter:
    def __init__(self, mod, ir):
        self.mod = mod
        self.ir = ir
        self.lines = []
        self.indent = 1
        self.frame = {id(v) for v in (ir.params + ir.frame_vars)} if ir.is_async else set()
        self.loops = []          # (break label or None)
        self.used_labels = set()
        self.n_labels = 0
        self.n_tmp = 0
        self.cur_line = 0
        self.since_directive = 0
        self.region = 0          # the innermost try region (the value of `handler`)
        self.n_regions = 0
        self.dispatch = []       # (region, handler after dispatch, label)
        self.n_try = 0
        self.finally_stack = []  # enclosing try/finally blocks
        self.handled = []        # C expressions of the exceptions being handled
        self.extra_locals = []
        ir.extra_fields = []

    # ----------------------------------------------------------- output
    def put(self, text):
        for line in text.split("\n"):
            # keep __LINE__ (the traceback line) on the statement's line
            if self.since_directive and FAILING_MACROS.search(line):
                self.line_directive(self.cur_line)
            self.lines.append("    " * self.indent + line if line else "")
            self.since_directive += 1

    def line_directive(self, line):
        self.cur_line = line
        self.since_directive = 0
        self.lines.append(f'#line {line} "{self.mod.path}"')

    def fresh(self, base):
        self.n_tmp += 1
        return f"{base}{self.n_tmp}_"

    def emit(self):
        ir = self.ir
        if ir.inst is not None and ir.inst.func.has_env:
            self.environment_prologue()
        for v in getattr(ir, "unbound_checked", []):
            if _flagged_cell(v):    # its flag is in the environment
                continue
            flag = field_name(v) + "bound_"
            if id(v) in self.frame:
                ir.extra_fields.append(("bool", flag))
            else:
                self.extra_locals.append(("bool", f"{flag} __attribute__((unused))", "false"))
        self.block(ir.body)
        body = self.lines
        is_module = ir.inst is None
        fails = any(FAILING_MACROS.search(l) or "goto on_error" in l for l in body)
        # a Python variable may be assigned and never read: that is no C warning
        locals_ = []
        for v in ir.c_locals:
            ct, name = self.mod.declarator(v, self.var_c(v))
            zero = "{0}" if id(v) in self.mod.fixed else self.mod.zero(v.type)
            locals_.append(f"{ct} {name} __attribute__((unused)) = {zero};")
        locals_ += [f"{ct} {name} __attribute__((unused)) = {zero};" if "__attribute__" not in name
                    else f"{ct} {name} = {zero};" for ct, name, zero in self.extra_locals]
        if self.dispatch:
            locals_.append("int handler = 0;")
        ret = self.mod.ctype(ir.return_type)
        name = ir.c_name
        if ir.is_async:
            signature = f"static ua_status {name}_resume({name}_frame *fr)"
        elif is_module:
            signature = f"void {name}(void)"
        else:
            params = ", ".join(f"{self.mod.ctype(v.type)} {field_name(v)}" for v in ir.params) or "void"
            signature = f"static {ret} {name}({params})"
        span = ir.inst.func.node.span if ir.inst else A.Span(1, 1)
        return {
            "name": name, "py_name": ir.name, "signature": signature, "is_async": ir.is_async,
            "is_module": is_module, "locals": locals_, "body": body, "fails": fails,
            "awaits": [(a.state, a.label) for a in ir.awaits], "line": span.line,
            "ret_zero": self.mod.zero(ir.return_type), "ret_none": T.resolve(ir.return_type) is T.NONE,
            "dispatch": self.dispatch, "releases": self.releases(),
            "path": self.mod.path,
        }

    def writer(self, out, value, t, repr_=False):
        return self.mod.writer(out, value, t, repr_)

    def environment_prologue(self):
        """Make this call's environment on entry (a coroutine's first
        resume): its cells, the captured parameters copied in."""
        inst = self.ir.inst
        ct = f"{inst.c_name}_env"
        if not inst.env_escapes:     # in this call's frame, zeroed with it
            if self.ir.is_async:
                self.ir.extra_fields.append((ct, "envs_"))
                self.extra_locals.append((f"{ct} *", "env_ __attribute__((unused))", "&fr->envs_"))
            else:
                self.extra_locals.append((ct, "envs_", "{0}"))
                self.extra_locals.append((f"{ct} *", "env_", "&envs_"))
        elif self.ir.is_async:
            self.ir.extra_fields.append((f"{ct} *", "env_"))
        else:
            self.extra_locals.append((f"{ct} *", "env_", "NULL"))
        env = self.env_c(0)
        if inst.env_escapes:
            self.put(f"{env} = UA_NONNULL({ct} *, ua_alloc(sizeof({ct})));")
            self.put(f"memset({env}, 0, sizeof({ct}));")
        if inst.func.captured:
            self.put(f"{env}->up = {self.env_c(1)};")
        for v in self.ir.params:
            if getattr(v, "cell", False):
                raw = f"fr->{field_name(v)}" if self.ir.is_async else field_name(v)
                self.put(f"{env}->{c_ident(v.name)} = {raw};")

    # ----------------------------------------------------------- names
    def env_c(self, hops):
        """The environment of the function `hops` levels out: 0 is this
        call's own, 1 the one it was given, then up its chain."""
        if hops == 0:
            return "fr->env_" if self.ir.is_async and self.ir.inst.env_escapes else "env_"
        up = self.ir.inst.vars[ENV_PARAM]
        return (f"fr->{field_name(up)}" if self.ir.is_async else field_name(up)) + "->up" * (hops - 1)

    def e_EnvRef(self, e):
        return self.env_c(e.hops)

    def var_c(self, v):
        if getattr(v, "cell", False):
            hops, inst = 0, self.ir.inst
            while inst is not v.owner:
                inst, hops = inst.func.outer_inst, hops + 1
            return f"{self.env_c(hops)}->{c_ident(v.name)}"
        if v.kind == "global":
            return self.mod.global_name(v.name)
        if id(v) in self.frame:
            return f"fr->{field_name(v)}"
        return field_name(v)

    # ------------------------------------------------------ statements
    def block(self, stmts):
        for s in stmts:
            self.stmt(s)

    def stmt(self, s):
        if not isinstance(s, (A.Global, A.Pass)) and not getattr(s, "docstring", False):
            self.line_directive(s.span.line)
        getattr(self, "stmt_" + type(s).__name__)(s)

    def stmt_Pass(self, s):
        pass

    def stmt_Global(self, s):
        pass

    def stmt_Nonlocal(self, s):
        pass

    def stmt_ExprStmt(self, s):
        if getattr(s, "docstring", False) or getattr(s, "noop", False):
            return
        self.put(self.expr_stmt(s.value))

    def stmt_Assign(self, s):
        vt = T.resolve(s.value.type)
        if self.fixed_size(s.targets[0]):
            self.fill_fixed(s.targets[0], s.value)
            return
        if len(s.targets) == 1:
            self.assign(s.targets[0], self.coerced(s.value, _target_type(s.targets[0], vt)), vt)
            return
        tmp = self.fresh("v")
        self.put(f"{{ {self.mod.ctype(vt)} {tmp} = {self.expr(s.value)};")
        for t in s.targets:
            self.assign(t, self.coerce(tmp, vt, _target_type(t, vt)), vt)
        self.put("}")

    def stmt_AnnAssign(self, s):
        if s.value is not None and self.fixed_size(s.target):
            self.fill_fixed(s.target, s.value)
        elif s.value is not None:
            vt = T.resolve(s.value.type)
            self.assign(s.target, self.coerced(s.value, _target_type(s.target, vt)), vt)

    def fixed_size(self, e):
        """The item count of a list variable held as a C array (fixedlists.py), or None."""
        if isinstance(e, A.Name) and isinstance(e.binding, VarInfo):
            return self.mod.fixed.get(id(e.binding))
        return None

    def fill_fixed(self, target, literal):
        """v = [a, b, ...] for a fixed list v: every item is evaluated before
        any is stored (the literal may read v)."""
        et = T.resolve(target.binding.type).elem
        var = self.var_c(target.binding)
        if len(literal.elts) <= 8 and all(map(_is_number_constant, literal.elts)):
            # a few constants: stored one by one (GCC builds the array on
            # the stack first, and copies it in a loop)
            self.put(" ".join(f"{var}[{i}] = {self.coerced(x, et)};" for i, x in enumerate(literal.elts)))
            return
        items = ", ".join(self.coerced(x, et) for x in literal.elts)
        tmp = self.fresh("items")
        self.put(f"{{ const {self.mod.ctype(et)} {tmp}[] = {{{items}}};"
                 f" memcpy({var}, {tmp}, sizeof {tmp}); }}")

    def list_slot(self, lst, index, assignment=False):
        """The C lvalue of lst[index] (lst a list); `assignment`: lst[index] = v."""
        et = self.mod.ctype(T.resolve(T.resolve(lst.type).elem))
        n = self.fixed_size(lst)
        if n:
            return f"UA_ARRAY_SLOT({self.var_c(lst.binding)}, {n}, {self.coerced(index, T.INT)}, {_c_bool(assignment)})"
        macro = "UA_LIST_STORE_SLOT" if assignment else "UA_LIST_SLOT"
        return f"{macro}({et}, {self.expr(lst)}, {self.coerced(index, T.INT)})"

    def assign(self, target, value_c, vt):
        owned = getattr(self.ir.inst, "owned_tasks", []) if self.ir.inst else []
        if isinstance(target, A.Name) and any(v is target.binding for v in owned):
            var = self.var_c(target.binding)    # the task it held has no other reference
            self.put(f"{{ ua_task *old_ = {var}; {var} = {value_c}; ua_task_owned({var}); ua_task_release(old_); }}")
        elif isinstance(target, A.Name):
            self.put(f"{self.var_c(target.binding)} = {value_c};")
            flag = self.bound_flag(target.binding) if isinstance(target.binding, VarInfo) else None
            if flag:
                self.put(f"{flag} = true;")
        elif isinstance(target, A.Attribute) and hasattr(target, "exc_field"):
            self.put(f"{self.exception_field_place(target)} = {value_c};")
        elif isinstance(target, A.Attribute):
            self.put(f"({self.expr(target.value)})->{c_ident(target.field)} = {value_c};")
        elif isinstance(target, A.Subscript) and isinstance(T.resolve(target.value.type), T.DictT):
            dt = T.resolve(target.value.type)
            v = self.fresh("v")
            self.put(f"{{ {self.mod.ctype(dt.value)} {v} = {value_c};"
                     f" if (!ua_dict_set({self.expr(target.value)}, {self.dkey(dt, target.index)}, &{v})) UA_FAIL(); }}")
        elif isinstance(target, A.Subscript) and T.resolve(target.value.type) in T.BUFFERS:
            self.put(self.buffer_store(target, value_c, vt))
        elif isinstance(target, A.Subscript):
            self.put(f"{self.list_slot(target.value, target.index, assignment=True)} = {value_c};")
        elif isinstance(target, (A.Tuple, A.List)):
            vt = T.resolve(vt)      # an item of a tuple type made before its parts were known
            tmp = self.fresh("u")
            self.put(f"{{ {self.mod.ctype(vt)} {tmp} = {value_c};")
            if isinstance(vt, T.TupleT):
                for i, (t, et) in enumerate(zip(target.elts, vt.elts)):
                    self.assign(t, self.coerce(f"{tmp}.f{i}", et, _target_type(t, et)), et)
            else:
                n = len(target.elts)
                self.put(f"if ({tmp}->len != {n}) {{ ua_raise(&ua_ValueError, {tmp}->len < {n} ? "
                         f"\"not enough values to unpack (expected {n})\" : \"too many values to unpack (expected {n})\"); UA_FAIL(); }}")
                et = self.mod.ctype(vt.elem)
                for i, t in enumerate(target.elts):
                    self.assign(t, self.coerce(f"UA_LIST_AT({et}, {tmp}, {i})", vt.elem, _target_type(t, vt.elem)), vt.elem)
            self.put("}")
        else:
            raise AssertionError(target)

    def stmt_AugAssign(self, s):
        if getattr(s, "inplace", None):     # bytearray += data, set |= other: the object changes
            tt, vt = T.resolve(s.target_type), T.resolve(s.value.type)
            d, v = self.fresh("d"), self.fresh("v")
            other = self.buf(v, vt) if s.inplace == "bytearray_extend" else v
            self.put(f"{{ {self.mod.ctype(tt)} {d} = {self.expr(s.target)}; {self.mod.ctype(vt)} {v} = "
                     f"{self.expr(s.value)}; if (!ua_{s.inplace}({d}, {other})) UA_FAIL(); }}")
            return
        if isinstance(s.target, A.Name):
            if getattr(s.target, "check_bound", False) or _flagged_cell(s.target.binding):
                self.put(f"(void){self.e_Name(s.target)};")
            cur = self.var_c(s.target.binding)
            val = self.binop(s.op, cur, T.resolve(s.target_type), self.expr(s.value),
                             T.resolve(s.value.type), T.resolve(s.result_type), s)
            self.put(f"{cur} = {self.coerce(val, s.result_type, s.target.binding.type)};")
            return
        slot = self.fresh("slot")
        if isinstance(s.target, A.Subscript) and isinstance(T.resolve(s.target.value.type), T.DictT):
            dt = T.resolve(s.target.value.type)
            et = T.resolve(dt.value)
            decl, d, i = self.dict_lookup(self.expr(s.target.value), dt, s.target.index)
            self.put(f"{{ {decl} {self.mod.ctype(et)} *{slot} = &UA_DICT_VALUE({self.mod.ctype(et)}, {d}, {i});")
            val = self.binop(s.op, f"*{slot}", T.resolve(s.target_type), self.expr(s.value), T.resolve(s.value.type),
                             T.resolve(s.result_type), s)
            self.put(f"    *{slot} = {self.coerce(val, s.result_type, et)};\n}}")
            return
        if isinstance(s.target, A.Attribute) and hasattr(s.target, "exc_field"):
            et = T.resolve(s.target.type)
            place = f"&{self.exception_field_place(s.target)}"
        elif isinstance(s.target, A.Attribute):
            et = T.resolve(s.target.type)
            place = f"&({self.expr(s.target.value)})->{c_ident(s.target.field)}"
        else:
            et = T.resolve(T.resolve(s.target.value.type).elem)
            place = f"&{self.list_slot(s.target.value, s.target.index)}"
        self.put(f"{{ {self.mod.ctype(et)} *{slot} = {place};")
        val = self.binop(s.op, f"*{slot}", T.resolve(s.target_type), self.expr(s.value), T.resolve(s.value.type),
                         T.resolve(s.result_type), s)
        self.put(f"    *{slot} = {self.coerce(val, s.result_type, et)};\n}}")

    def stmt_If(self, s):
        self.put(f"if ({self.cond(s.test)}) {{")
        self.nested(s.body)
        if s.orelse:
            self.put("} else {")
            self.nested(s.orelse)
        self.put("}")

    def nested(self, stmts):
        self.indent += 1
        self.block(stmts)
        self.indent -= 1

    def loop_body(self, s, head):
        label = None
        if s.orelse:
            self.n_labels += 1
            label = f"LOOP_BREAK_{self.n_labels}"
        self.put(head)
        self.loops.append(label)
        self.nested(s.body)
        self.loops.pop()
        self.put("}")
        if label:
            self.block(s.orelse)
            if label in self.used_labels:    # a break skips the else part
                self.lines.append(f"{label}:;")

    def stmt_While(self, s):
        self.loop_body(s, f"while ({self.cond(s.test)}) {{")

    def stmt_ForRange(self, s):
        ctr, stop = self.var_c(s.counter), self.var_c(s.stop)
        self.put(f"{ctr} = {self.coerced(s.start_expr, T.INT)};")
        self.put(f"{stop} = {self.coerced(s.stop_expr, T.INT)};")
        if s.step is None:      # no overflow: the counter stops at stop <= INT32_MAX
            head = f"for (; {ctr} < {stop}; {ctr}++) {{"
        else:
            step = self.var_c(s.step)
            self.put(f"{step} = {self.coerced(s.step_expr, T.INT)};")
            self.put(f'if ({step} == 0) {{ ua_raise(&ua_ValueError, "range() arg 3 must not be zero"); UA_FAIL(); }}')
            head = f"for (; {step} > 0 ? {ctr} < {stop} : {ctr} > {stop}; {ctr} += {step}) {{"
        s.body.insert(0, _SetTarget(s.target, ctr, T.INT, s.span))
        self.loop_body(s, head)

    def stmt_ForSeq(self, s):
        if isinstance(T.resolve(s.seqs[0][1].type), T.SetT):
            self.for_set(s)
            return
        idx = self.var_c(s.index)
        lengths, items = [], []
        for var, e in s.seqs:
            c = self.var_c(var)
            self.put(f"{c} = {self.expr(e)};")
            length, item = self.sequence_access(c, T.resolve(e.type), idx)
            lengths.append(length)
            items.append(item)
        if s.kind == "seq":
            item, item_t = items[0], T.resolve(s.target.type) if s.target.type else None
            et = self.sequence_elem(T.resolve(s.seqs[0][1].type))
        else:
            tt = T.resolve(s.target.type)
            if s.kind == "enumerate":
                first = f"(ua_int)({idx})"
                if s.start is not None:
                    first = f"UA_ADD((ua_int)({idx}), {self.coerced(s.start, T.INT)})"
                items = [first] + items
            item = f"(({self.mod.ctype(tt)}){{{', '.join(items)}}})"
            et = tt
        length = lengths[0]
        for other in lengths[1:]:
            length = f"({length} < {other} ? {length} : {other})"
        s.body.insert(0, _SetTarget(s.target, item, et, s.span))
        self.loop_body(s, f"for ({idx} = 0; {idx} < {length}; {idx}++) {{")

    def for_set(self, s):
        """A for loop over a set walks its table as CPython's iterator does:
        RuntimeError when the body changed the set's size."""
        (var, e), = s.seqs
        st = T.resolve(e.type)
        c, pos = self.var_c(var), self.var_c(s.index)
        used = self.hidden("uint32_t", self.fresh("set_used"))
        self.put(f"{c} = {self.expr(e)};\n{used} = {c}->used;")
        s.body.insert(0, _RawC(s.span, f"if ({c}->used != {used}) {{ ua_raise(&ua_RuntimeError, "
                                       f"\"Set changed size during iteration\"); UA_FAIL(); }}\n"
                                       f"while ({pos} <= {c}->mask && {c}->table[{pos}].state != UA_SLOT_ACTIVE) {pos}++;\n"
                                       f"if ({pos} > {c}->mask) break;"))
        field = "s" if T.resolve(st.elem) is T.STR else "i"
        s.body.insert(1, _SetTarget(s.target, f"{c}->table[{pos}].key.{field}", T.resolve(st.elem), s.span))
        self.loop_body(s, f"for ({pos} = 0; ; {pos}++) {{")

    def sequence_elem(self, st):
        if isinstance(st, T.DictT):
            return T.resolve(st.key)
        if isinstance(st, T.DictViewT):
            return T.resolve(st.item())
        if isinstance(st, T.ListT):
            return T.resolve(st.elem)
        if isinstance(st, T.TupleT):
            return T.resolve(st.elts[0]) if st.elts else T.NONE
        if st in T.BUFFERS:
            return T.INT
        return T.STR

    def sequence_access(self, seq, st, idx):
        """(length, item) C expressions for a list, tuple, str or dict at idx."""
        if isinstance(st, (T.DictT, T.DictViewT)):
            dt = T.resolve(st if isinstance(st, T.DictT) else st.dict_t)
            mode = "keys" if isinstance(st, T.DictT) else st.mode
            key = self.mod.dict_key_at(dt, f"{seq}->keys[{idx}]")
            value = f"UA_DICT_VALUE({self.mod.ctype(dt.value)}, {seq}, {idx})"
            item = {"keys": key, "values": value,
                    "items": f"(({self.mod.ctype(st.item())}){{{key}, {value}}})" if mode == "items" else None}[mode]
            return f"(int64_t){seq}->len", item
        if isinstance(st, T.ListT):
            return f"(int64_t){seq}->len", f"UA_LIST_AT({self.mod.ctype(st.elem)}, {seq}, {idx})"
        if st is T.MEMVIEW:
            return f"(int64_t)({seq}).len", f"(ua_int)({seq}).obj->data[({seq}).start + {idx}]"
        if st in T.BUFFERS:
            return f"(int64_t)({seq})->len", f"(ua_int)({seq})->data[{idx}]"
        if isinstance(st, T.TupleT):
            n = len(st.elts)
            fields = ", ".join(f"{seq}.f{i}" for i in range(n))
            et = self.mod.ctype(st.elts[0]) if n else "ua_none"
            return str(n), (f"(({et}[]){{{fields}}})[{idx}]" if n else "0")
        return f"(int64_t)strlen({seq})", f"UA_NONNULL(ua_str, ua_str_getitem({seq}, (ua_int){idx}))"

    def stmt_ForGen(self, s):
        inst = s.call.instance
        g = self.var_c(s.frame)
        self.put(f"{g} = {self.frame_init(inst, s.call.bound_args)};")
        self.generator_loop(s, f"{inst.c_name}_resume(&{g})", f"{g}.yielded", inst)

    def stmt_ForGenObj(self, s):
        inst = T.resolve(s.iter.type).instance
        g = self.var_c(s.holder)
        self.put(f"{g} = {self.expr(s.iter)};")
        self.generator_loop(s, f"UA_GEN_NEXT({inst.c_name}_resume, {g})", f"{g}->yielded", inst)

    def generator_loop(self, s, resume, yielded, inst):
        """A for loop whose every turn resumes the generator for its next item."""
        st = self.fresh("st")
        s.body.insert(0, _RawC(s.span, f"ua_status {st} = {resume};\n"
                                       f"if ({st} == UA_RAISED) UA_FAIL();\nif ({st} != UA_YIELD) break;"))
        s.body.insert(1, _SetTarget(s.target, yielded, T.resolve(inst.yield_type), s.span))
        self.loop_body(s, "for (;;) {")

    def stmt__RawC(self, s):
        self.put(s.text)

    def stmt_Append(self, s):
        rt = T.resolve(s.result.type)
        if isinstance(rt, T.DictT):     # the key first, as Python
            vt = self.mod.ctype(rt.value)
            self.put(f"{{ ua_dkey k_ = {self.dkey(rt, s.key)}; {vt} v_ = {self.coerced(s.value, rt.value)};"
                     f" if (!ua_dict_set({self.var_c(s.result)}, k_, &v_)) UA_FAIL(); }}")
            return
        et = T.resolve(rt.elem)
        value = self.coerced(s.value, et)
        if isinstance(rt, T.SetT):
            self.put(f"if (!ua_set_add({self.var_c(s.result)}, {self.set_key(rt, value)})) UA_FAIL();")
            return
        if not isinstance(et, T.CoroT):     # a frame is a struct: no cast
            value = f"({self.mod.ctype(et)}){value}"
        self.put(f"UA_APPEND({self.var_c(s.result)}, ({value}));")

    def e_ListComp(self, e):
        result, body = e.lowered
        saved, self.lines = self.lines, []
        rt = T.resolve(result.type)
        if isinstance(rt, T.SetT):
            self.put(f"{self.var_c(result)} = UA_NONNULL(ua_set *, ua_set_new({self.str_keys(rt)}));")
        elif isinstance(rt, T.DictT):
            self.put(f"{self.var_c(result)} = UA_NONNULL(ua_dict *, {self.mod.dict_new(rt)});")
        else:
            self.put(f"{self.var_c(result)} = UA_NONNULL(ua_list *, ua_list_new(sizeof({self.mod.ctype(rt.elem)}), 0));")
        self.block(body)
        lines, self.lines = self.lines, saved
        return "({\n" + "\n".join(lines) + f"\n{self.var_c(result)}; }})"

    e_GeneratorExp = e_ListComp
    e_SetComp = e_ListComp
    e_DictComp = e_ListComp

    def e_SetItems(self, e):
        return f"UA_NONNULL(ua_list *, ua_set_items({self.expr(e.value)}))"

    def e_Set(self, e):
        t = T.resolve(e.type)
        keys = [self.set_key(t, self.coerced(x, t.elem)) for x in e.elts]
        if len(e.elts) > 2 and all(_folded_constant(x) for x in e.elts):   # as CPython builds it
            return (f"UA_NONNULL(ua_set *, ua_set_of_constants({self.str_keys(t)}, (const ua_dkey[]){{{', '.join(keys)}}},"
                    f" {len(keys)}))")
        tmp = self.fresh("set")
        adds = " ".join(f"if (!ua_set_add({tmp}, {k})) UA_FAIL();" for k in keys)
        return f"({{ ua_set *{tmp} = UA_NONNULL(ua_set *, ua_set_new({self.str_keys(t)})); {adds} {tmp}; }})"

    def str_keys(self, set_t):
        return "true" if T.resolve(T.resolve(set_t).elem) is T.STR else "false"

    def set_key(self, set_t, value_c):
        field = "s" if T.resolve(T.resolve(set_t).elem) is T.STR else "i"
        return f"((ua_dkey){{ .{field} = {value_c} }})"

    def buf(self, c, t):
        """A bytes-like value as a ua_buf (pointer and length)."""
        return f"ua_memview_buf({c})" if T.resolve(t) is T.MEMVIEW else f"ua_buf_of({c})"

    def slice_args(self, sl):
        part = lambda x, d: (self.coerced(x, T.INT), "true") if x is not None else (d, "false")
        (a, ha), (b, hb), (c, _) = part(sl.lower, "0"), part(sl.upper, "0"), part(sl.step, "1")
        return a, ha, b, hb, c

    INDEX_ERRORS = {"bytes": "index out of range", "bytearray": "bytearray index out of range",
                    "memoryview": "index out of bounds on dimension 1"}

    def buffer_subscript(self, e, ct):
        v = self.fresh("b")
        head = f"{self.mod.ctype(ct)} {v} = {self.expr(e.value)};"
        if isinstance(e.index, A.Slice):
            a, ha, b, hb, c = self.slice_args(e.index)
            if ct is T.MEMVIEW:
                out = self.fresh("mv")
                return (f"({{ {head} ua_memview {out}; if (!ua_memview_slice({v}, {a}, {ha}, {b}, {hb}, &{out}))"
                        f" UA_FAIL(); {out}; }})")
            mutable = "true" if ct is T.BYTEARRAY else "false"
            return (f"({{ {head} UA_NONNULL({self.mod.ctype(ct)}, ua_bytes_slice({self.buf(v, ct)}, {a}, {ha}, {b},"
                    f" {hb}, {c}, {mutable})); }})")
        i = self.fresh("i")
        b = self.buf(v, ct)
        return (f"({{ {head} uint32_t {i}; if (!ua_bytes_index({b}.n, {self.coerced(e.index, T.INT)},"
                f" \"{self.INDEX_ERRORS[ct.name]}\", &{i})) UA_FAIL(); (ua_int){b}.p[{i}]; }})")

    def buffer_store(self, target, value_c, vt):
        ct = T.resolve(target.value.type)
        v = self.fresh("b")
        head = f"{self.mod.ctype(ct)} {v} = {self.expr(target.value)};"
        if isinstance(target.index, A.Slice):
            a, ha, b, hb, c = self.slice_args(target.index)
            src = self.fresh("src")
            head += f" {self.mod.ctype(vt)} {src} = {value_c};"
            if ct is T.MEMVIEW:
                call = f"ua_memview_set_slice({v}, {a}, {ha}, {b}, {hb}, {self.buf(src, vt)})"
            else:
                call = f"ua_bytearray_set_slice({v}, {a}, {ha}, {b}, {hb}, {c}, {self.buf(src, vt)})"
            return f"{{ {head} if (!{call}) UA_FAIL(); }}"
        idx = self.coerced(target.index, T.INT)
        if ct is T.MEMVIEW:
            return f"{{ {head} if (!ua_memview_setitem({v}, {idx}, {self.coerce(value_c, vt, T.INT)})) UA_FAIL(); }}"
        i, x = self.fresh("i"), self.fresh("x")
        return (f"{{ {head} uint32_t {i}; if (!ua_bytes_index({v}->len, {idx}, \"bytearray index out of range\", &{i}))"
                f" UA_FAIL(); ua_int {x} = {self.coerce(value_c, vt, T.INT)}; if (!ua_byte_check({x})) UA_FAIL();"
                f" {v}->data[{i}] = (uint8_t){x}; }}")

    def stmt__SetTarget(self, s):
        self.assign(s.target, self.coerce(s.value_c, s.type, _target_type(s.target, s.type)), s.type)

    # ------------------------------------------------ exceptions, finally
    def hidden(self, ctype, name, zero="0"):
        """A variable of the generated code: a frame field in a coroutine
        (it may live across an await), else a C local."""
        if self.ir.is_async:
            self.ir.extra_fields.append((ctype, name))
            return f"fr->{name}"
        self.extra_locals.append((ctype, name, zero))
        return name

    def new_region(self, after, label):
        self.n_regions += 1
        self.dispatch.append((self.n_regions, after, label))
        return self.n_regions

    def set_region(self, region):
        self.region = region
        self.put(f"handler = {region};")

    def stmt_Try(self, s):
        self.n_try += 1
        n, outer = self.n_try, self.region
        fin = None
        after_body = outer
        if s.finalbody:
            fin = {"reason": self.hidden("uint8_t", f"try{n}_reason"), "label": f"TRY{n}_FINALLY",
                   "loops": len(self.loops), "uses": set()}
            saved = self.hidden("ua_exc *", f"try{n}_pending", "NULL")
            after_body = self.new_region(outer, f"TRY{n}_FIN_EXC")
            self.finally_stack.append(fin)
        body_region = self.new_region(after_body, f"TRY{n}_EXCEPT") if s.handlers else after_body
        self.set_region(body_region)
        self.nested(s.body)
        self.set_region(after_body)
        self.block(s.orelse)
        if s.handlers:
            self.put(f"goto TRY{n}_END;")
            self.lines.append(f"TRY{n}_EXCEPT:;")
            caught = self.hidden("ua_exc *", f"try{n}_caught", "NULL")
            for i, h in enumerate(s.handlers):
                test = " || ".join(f"ua_gen_exc_is(ua_raised, {c.c_ref})" for c in h.classes) if h.classes else "true"
                self.put(f"{'if' if i == 0 else '} else if'} ({test}) {{")
                self.indent += 1
                self.put(f"{caught} = ua_exc_take();")
                if h.name:
                    self.put(f"{self.var_c(h.var)} = {caught};")
                    if self.bound_flag(h.var):
                        self.put(f"{self.bound_flag(h.var)} = true;")
                self.handled.append(caught)
                self.block(h.body)
                self.handled.pop()
                self.put(f"goto TRY{n}_END;")
                self.indent -= 1
            self.put("}")
            self.put(f"goto TRY{n}_FIN_EXC;" if fin else "goto on_error;   /* no clause matched */")
            self.lines.append(f"TRY{n}_END:;")
        if fin:
            self.finally_stack.pop()
            self.put(f"{fin['reason']} = 0;\ngoto TRY{n}_FINALLY;")
            self.lines.append(f"TRY{n}_FIN_EXC:")
            self.put(f"{fin['reason']} = 1;\n{saved} = ua_exc_take();")
            self.lines.append(f"TRY{n}_FINALLY:;")
            self.set_region(outer)
            self.block(s.finalbody)
            self.put(f"if ({fin['reason']} == 1) {{ ua_raise_exc({saved}); UA_FAIL(); }}")
            if "return" in fin["uses"]:
                self.put(f"if ({fin['reason']} == 2) {{")
                self.nested_text(self.return_path)
                self.put("}")
            if "break" in fin["uses"]:
                self.put(f"if ({fin['reason']} == 3) {{")
                self.nested_text(lambda: self.jump_path("break"))
                self.put("}")
            if "continue" in fin["uses"]:
                self.put(f"if ({fin['reason']} == 4) {{")
                self.nested_text(lambda: self.jump_path("continue"))
                self.put("}")
        else:
            self.region = outer

    def nested_text(self, fn):
        self.indent += 1
        fn()
        self.indent -= 1

    def return_path(self):
        """Return the value already stored, through the enclosing finally blocks."""
        if self.finally_stack:
            fin = self.finally_stack[-1]
            fin["uses"].add("return")
            self.put(f"{fin['reason']} = 2;\ngoto {fin['label']};")
        elif self.ir.is_async:
            self.put(f"{self.releases()}\nreturn UA_DONE;")
        else:
            self.put(f"{self.releases()}\nreturn retval;")

    def jump_path(self, kind):
        """break/continue, through the finally blocks inside the loop."""
        if self.finally_stack and self.finally_stack[-1]["loops"] == len(self.loops):
            fin = self.finally_stack[-1]
            fin["uses"].add(kind)
            self.put(f"{fin['reason']} = {3 if kind == 'break' else 4};\ngoto {fin['label']};")
        elif kind == "break":
            label = self.loops[-1]
            if label:
                self.used_labels.add(label)
            self.put(f"goto {label};" if label else "break;")
        else:
            self.put("continue;")

    def stmt_Raise(self, s):
        if s.exc is None:
            self.put(f"ua_raise_exc({self.handled[-1]});\nUA_FAIL();")
            return
        cls = getattr(s, "raise_class", None)
        if cls is not None:
            self.put(f"ua_raise({cls.c_ref}, \"\");\nUA_FAIL();")
        elif isinstance(s.exc, A.Call) and getattr(s.exc, "kind", None) == "exc.new" and simple_exception(s.exc) \
                and not s.exc.args:
            self.put(f"ua_raise({s.exc.exc_class.c_ref}, \"\");\nUA_FAIL();")
        else:
            self.put(f"ua_raise_exc({self.expr(s.exc)});\nUA_FAIL();")

    def exception_args(self, cls, items):
        """(declarations, str(e), args_repr, number of args) as C for an
        exception of class cls made with the evaluated arguments items
        [(C value, type)]."""
        if not items:
            return "", '""', "NULL", "0"
        reprs = lambda o: " ".join(("ua_out_cstr(%s, \", \"); " % o if i else "") + self.writer(o, c, t, True)
                                   for i, (c, t) in enumerate(items))
        if len(items) == 1:
            c, t = items[0]
            t = T.resolve(t)
            if t is T.STR:      # one str: the message alone says it all
                return "", (self.string_builder(lambda o: self.writer(o, c, t, True))
                            if cls.derives(BUILTIN_KEY_ERROR) else c), "NULL", "1"
            if isinstance(t, T.OptT) or t is T.EXC:
                return "", self.string_builder(lambda o: self.writer(o, c, t)), self.string_builder(reprs), "1"
            r = self.fresh("repr")      # str(x) is repr(x): built once
            return f"ua_str {r} = {self.string_builder(reprs)};", r, r, "1"
        r = self.fresh("repr")          # str() of several arguments is the tuple's repr
        message = self.string_builder(lambda o: f"ua_out_cstr({o}, \"(\"); ua_out_str({o}, {r}); ua_out_cstr({o}, \")\");")
        return f"ua_str {r} = {self.string_builder(reprs)};", message, r, str(len(items))

    def new_exception(self, e):
        """An exception object: the arguments evaluated once, e.args set from
        them, then the class's __init__ (if it has one) run on it."""
        cls = e.exc_class
        decls, temps = [], {}
        for a in list(e.args) + [k.value for k in e.keywords]:
            tmp = self.fresh("x")
            decls.append(f"{self.mod.ctype(a.type)} {tmp} = {self.expr(a)};")
            temps[id(a)] = tmp
        x = self.fresh("exc")
        parts = decls + [f"ua_exc *{x} = UA_NONNULL(ua_exc *, ua_exc_new({cls.c_ref}, \"\"));"]
        if not e.init_sets_args:
            pre, message, args_repr, n = self.exception_args(cls, [(temps[id(a)], T.resolve(a.type)) for a in e.args])
            parts.append(f"{pre} ua_gen_exc_set_args({x}, {message}, {args_repr}, {n});")
        fields = self.mod.exc_fields_struct(cls)
        if fields:
            parts.append(f"if (!ua_gen_exc_fields({x}, sizeof({fields}))) UA_FAIL();")
        if e.exc_init is not None:
            inst = e.exc_init
            args = [x] + [self.coerce(temps[id(a)], a.type, t) if id(a) in temps else self.coerced(a, t)
                          for a, t in zip(e.bound_args[1:], inst.arg_types[1:])]
            parts.append(f"(void)UA_CHECK(ua_none, {inst.c_name}({', '.join(args)}));")
        return f"({{ {' '.join(parts)} {x}; }})"

    def exception_init(self, e):
        """BaseException.__init__(self, *args) through super(): e.args again."""
        decls, items = [], []
        for a in e.args:
            tmp = self.fresh("x")
            decls.append(f"{self.mod.ctype(a.type)} {tmp} = {self.expr(a)};")
            items.append((tmp, T.resolve(a.type)))
        pre, message, args_repr, n = self.exception_args(e.exc_class, items)
        return (f"({{ {' '.join(decls)} {pre} ua_gen_exc_set_args({self.expr(e.exc_self)}, {message}, {args_repr}, {n});"
                f" UA_NONE; }})")

    def exception_field(self, obj_c, attr):
        """e.attr read from the class of e's that has it, else AttributeError."""
        x, v = self.fresh("exc"), self.fresh("attr")
        owners = self.mod.exc_field_owners(attr)
        t = T.resolve(owners[0].fields[attr][0])
        tests = " else ".join(f"if (ua_gen_exc_is({x}, {c.c_ref})) {v} = (({self.mod.exc_fields_struct(c)} *){x}->fields)->{c_ident(attr)};"
                              for c in owners)
        return (f"({{ ua_exc *{x} = {obj_c}; {self.mod.ctype(t)} {v} = {self.mod.zero(t)}; {tests}"
                f" else {{ ua_gen_exc_no_attribute({x}, {c_string(attr)}); UA_FAIL(); }} {v}; }})")

    def exception_field_place(self, target):
        """The lvalue of self.attr in an exception class's __init__."""
        owner = next(c for c in reversed(list(T.lineage(self.ir.inst.func.cls))) if target.attr in c.fields)
        return f"(({self.mod.exc_fields_struct(owner)} *)({self.expr(target.value)})->fields)->{c_ident(target.attr)}"

    def exc_message(self, call):
        if not call.args:
            return '""'
        if call.exc_class.derives(BUILTIN_KEY_ERROR):     # str(KeyError('k')) is "'k'"
            return self.to_str(call.args[0], repr_=True)
        return self.expr(call.args[0])

    def stmt_Delete(self, s):
        for t in s.targets:
            if isinstance(T.resolve(t.value.type), T.DictT):
                decl, d, i = self.dict_lookup(self.expr(t.value), T.resolve(t.value.type), t.index)
                self.put(f"{{ {decl} ua_dict_delete_at({d}, (uint32_t){i}); }}")
                continue
            l, i = self.fresh("l"), self.fresh("i")
            self.put(f"{{ ua_list *{l} = {self.expr(t.value)}; uint32_t {i};"
                     f" if (!ua_list_index({l}, {self.coerced(t.index, T.INT)}, &{i})) UA_FAIL(); ua_list_delete({l}, {i}); }}")

    def stmt_Break(self, s):
        self.jump_path("break")

    def stmt_Continue(self, s):
        self.jump_path("continue")

    def releases(self):
        """Free the tasks held only by this function's variables (at exits)."""
        owned = getattr(self.ir.inst, "owned_tasks", []) if self.ir.inst else []
        return " ".join(f"ua_task_release({self.var_c(v)});" for v in owned)

    def stmt_Return(self, s):
        rt = self.ir.return_type
        value = "UA_NONE" if s.value is None else self.coerced(s.value, rt)
        if not self.finally_stack:
            if self.ir.is_async:
                self.put(f"fr->result = {value};\n{self.releases()}\nreturn UA_DONE;")
            elif self.releases():
                self.put(f"{{ {self.mod.ctype(rt)} ret_ = {value}; {self.releases()} return ret_; }}")
            else:
                self.put(f"return {value};")
            return
        if self.ir.is_async:
            self.put(f"fr->result = {value};")
        else:
            if not any(name == "retval" for _, name, _ in self.extra_locals):
                self.extra_locals.append((self.mod.ctype(rt), "retval", self.mod.zero(rt)))
            self.put(f"retval = {value};")
        self.return_path()

    def stmt_Assert(self, s):
        msg = '""'
        if s.msg is not None:
            msg = self.to_str(s.msg)
        self.put(f"if (!({self.cond(s.test)})) {{ ua_raise(&ua_AssertionError, {msg}); UA_FAIL(); }}")

    def stmt_AwaitStmt(self, a):
        self.await_stmt(a)
        flag = self.bound_flag(a.target) if a.target is not None else None
        if flag:
            self.put(f"{flag} = true;")

    def await_stmt(self, a):
        m = f"fr->{a.member}"
        target = None
        if a.target is not None:
            target = self.var_c(a.target)
        if a.kind == "coro" and id(a) in self.mod.heap_edges:
            inst = a.value.instance
            ft = f"{inst.c_name}_frame"
            init = self.fresh("child")
            self.put(f"{{ {ft} {init} = {self.frame_init(inst, a.value.bound_args)};\n"
                     f"  {m} = UA_NONNULL({ft} *, ua_alloc(sizeof({ft})));\n  *{m} = {init}; }}")
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.put(f"switch ({inst.c_name}_resume({m})) {{\n"
                     f"{SUSPENDED_CASES}case UA_RAISED: ua_free({m}, sizeof({ft})); UA_FAIL();\ndefault: break;\n}}")
            if target:
                self.put(f"{target} = {self.coerce(m + '->result', inst.return_type, a.target.type)};")
            self.put(f"ua_free({m}, sizeof({ft}));")
        elif a.kind == "coro":
            inst = a.value.instance
            self.put(f"{m} = {self.frame_init(inst, a.value.bound_args)};")
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.put(f"switch ({inst.c_name}_resume(&{m})) {{\n"
                     f"{SUSPENDED_CASES}case UA_RAISED: UA_FAIL();\ndefault: break;\n}}")
            if target:
                self.put(f"{target} = {self.coerce(m + '.result', inst.return_type, a.target.type)};")
        elif a.kind in ("sleep", "sleep_ms"):
            arg = a.value.args[0]
            # sleep(0) leaves the run queue to the loop (UA_YIELDED)
            if isinstance(arg, A.Constant) and arg.value == 0:
                self.put(f"fr->state = {a.state};\nreturn UA_YIELDED;")
            else:
                ctype, t, to_ms = (("ua_float", T.FLOAT, "ua_gen_seconds_to_ms") if a.kind == "sleep"
                                   else ("ua_int", T.INT, "ua_gen_ms"))
                d = self.fresh("delay")
                self.put(f"{{ {ctype} {d} = {self.coerced(arg, t)};\n"
                         f"  fr->state = {a.state};\n"
                         f"  if ({d} <= 0) return UA_YIELDED;\n"
                         f"  ua_sleep_ms({to_ms}({d}));\n  return UA_PENDING; }}")
            self.resume_label(a)
            self.put("if (ua_resume_cancelled()) UA_FAIL();")
            if target:
                self.put(f"{target} = UA_NONE;")
        elif a.kind == "task":
            rt = T.resolve(a.value.type).result
            self.put(f"{m} = {self.expr(a.value)};")
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.await_call(f"ua_task_await({m})")
            if target:
                value = f"*({self.mod.ctype(rt)} *)UA_TASK_RESULT({m})"
                self.put(f"{target} = {self.coerce(value, rt, a.target.type)};")
        elif a.kind == "gather":
            self.await_gather(a, m, target)
        elif a.kind == "yield":
            value = "UA_NONE" if a.value is None else self.coerced(a.value, self.ir.inst.yield_type)
            self.put(f"fr->yielded = {value};\nfr->state = {a.state};\nreturn UA_YIELD;")
            self.resume_label(a)
        elif a.kind == "prim":
            self.await_primitive(a, m, target)
        elif a.kind == "yield_from":
            self.yield_from(a, m, target)
        elif a.kind == "wait_for":
            call, timeout = a.value.args
            inst = call.instance
            self.put(self.task_init(f"{m}.task", inst, call.bound_args, 0))
            d = self.fresh("timeout")
            if a.value.kind == "asyncio.wait_for":
                self.put(f"{{ ua_float {d} = {self.coerced(timeout, T.FLOAT)};\n"
                         f"  ua_timeout_init(&{m}.to, &{m}.task.hdr, ua_gen_seconds_to_ms({d}), {d} <= 0); }}")
            else:
                self.put(f"{{ ua_int {d} = {self.coerced(timeout, T.INT)};\n"
                         f"  ua_timeout_init(&{m}.to, &{m}.task.hdr, ua_gen_ms({d}), {d} <= 0); }}")
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.await_call(f"ua_wait_for(&{m}.to)")
            if target:
                self.put(f"{target} = {self.coerce(m + '.task.frame.result', inst.return_type, a.target.type)};")
        else:
            raise AssertionError(a.kind)

    def yield_from(self, a, m, target):
        """Resume the inner generator at every resumption, passing its items
        on, until it returns (its value is the expression's)."""
        inst = T.resolve(a.value.type).instance
        ft = f"{inst.c_name}_frame"
        on_heap = id(a) in self.mod.heap_edges     # a generator delegating to itself: frames in the arena
        by_value = is_generator_call(a.value) and not on_heap
        inner = f"&{m}" if by_value else m
        if by_value:
            self.put(f"{m} = {self.frame_init(inst, a.value.bound_args)};")
        elif on_heap:
            init = self.fresh("child")
            self.put(f"{{ {ft} {init} = {self.frame_init(inst, a.value.bound_args)};\n"
                     f"  {m} = UA_NONNULL({ft} *, ua_alloc(sizeof({ft})));\n  *{m} = {init}; }}")
        else:
            self.put(f"{m} = {self.expr(a.value)};")
        self.put(f"fr->state = {a.state};")
        self.resume_label(a)
        st = self.fresh("st")
        yt = self.ir.inst.yield_type
        free = f" ua_free({m}, sizeof({ft}));" if on_heap else ""
        self.put(f"{{ ua_status {st} = UA_GEN_NEXT({inst.c_name}_resume, {inner});\n"
                 f"  if ({st} == UA_RAISED) {{{free} UA_FAIL(); }}\n"
                 f"  if ({st} == UA_YIELD) {{ fr->yielded = {self.coerce(f'({inner})->yielded', inst.yield_type, yt)};"
                 f" return UA_YIELD; }}")
        if target:      # a generator that had finished before gives None
            value = self.coerce(f"({inner})->result", inst.return_type, a.target.type)
            self.put(f"  {target} = {st} == UA_DONE ? {value} : {self.mod.zero(a.target.type)};")
        if on_heap:
            self.put(f" {free}")
        self.put("}")

    def await_gather(self, a, m, target):
        block = self.mod.gather_block(self.ir.c_name, a)
        mode = a.value.gather_mode
        lt = T.resolve(a.value.type).result
        et = self.mod.ctype(lt.elem) if isinstance(lt, T.ListT) else None
        size = f"sizeof({block})"
        if mode == "static":
            children = a.value.args
            self.put(f"{m} = UA_NONNULL({block} *, ua_alloc({size}));")
            self.put(f"ua_gather_init(&{m}->g, {m}->k);")
            if a.value.return_exceptions:
                self.put(f"{m}->g.return_exceptions = true;")
            for i, c in enumerate(children):
                kid = f"{m}->c{i}"
                self.put(self.task_init(kid, c.instance, c.bound_args, 0))
                self.put(f"ua_gather_start(&{m}->g, &{kid}.hdr);")
            count = str(len(children))
            result = lambda i: f"&{m}->c{i}.frame.result"
            results = [result(i) for i in range(len(children))]
        elif mode == "tasks":
            tl = self.fresh("tasks")
            self.put(f"{{ ua_list *{tl} = {self.expr(a.value.args[0].value)};\n"
                     f"  {m} = UA_NONNULL({block} *, ua_alloc({size} + {tl}->len * sizeof(ua_task *)));\n"
                     f"  ua_gather_init(&{m}->g, {m}->k);\n  {m}->tasks = {tl}; }}")
            size = f"sizeof({block}) + {m}->g.n_kids * sizeof(ua_task *)"
            if a.value.return_exceptions:
                self.put(f"{m}->g.return_exceptions = true;")
            self.put(f"for (uint32_t i = 0; i < {m}->tasks->len; i++) "
                     f"ua_gather_add(&{m}->g, UA_LIST_AT(ua_task *, {m}->tasks, i));")
            count = f"{m}->tasks->len"
            results = None
        else:
            inst = T.resolve(a.value.args[0].value.type).elem.instance
            frames = self.fresh("frames")
            self.put(f"{{ ua_list *{frames} = {self.expr(a.value.args[0].value)};")
            size = f"sizeof({block}) + {frames}->len * (sizeof({inst.c_name}_task) + sizeof(ua_task *))"
            self.put(f"  {m} = UA_NONNULL({block} *, ua_alloc({size}));\n"
                     f"  ua_gather_init(&{m}->g, (ua_task **)(void *)&{m}->c[{frames}->len]);\n"
                     f"  {m}->n = {frames}->len;" + (f"\n  {m}->g.return_exceptions = true;"
                                                     if a.value.return_exceptions else ""))
            self.put(f"  for (uint32_t i = 0; i < {frames}->len; i++) {{\n"
                     f"    {m}->c[i].frame = UA_LIST_AT({inst.c_name}_frame, {frames}, i);\n"
                     f"    ua_task_init(&{m}->c[i].hdr, {inst.c_name}_step, 0);\n"
                     f"    ua_gather_start(&{m}->g, &{m}->c[i].hdr);\n  }}\n}}")
            size = f"sizeof({block}) + {m}->n * (sizeof({inst.c_name}_task) + sizeof(ua_task *))"
            results = None
        self.put(f"fr->state = {a.state};")
        self.resume_label(a)
        release = f"ua_gather_release(&{m}->g, {m}, {size});"
        self.put(f"switch (ua_gather_await(&{m}->g)) {{\ncase UA_PENDING: return UA_PENDING;\n"
                 f"case UA_RAISED: {release} UA_FAIL();\ndefault: break;\n}}")
        if isinstance(lt, T.TupleT):     # results of different types
            fields = ", ".join(f"{m}->c{i}.frame.result" for i in range(len(lt.elts)))
            value = f"(({self.mod.ctype(lt)}){{{fields}}})"
            if target:
                self.put(f"{target} = {value};")
            self.put(f"ua_gather_release(&{m}->g, {m}, {size});")
            return
        lst = self.fresh("results")
        outcome = isinstance(T.resolve(lt.elem), T.OutcomeT)
        self.put(f"{{ ua_list *{lst} = ua_list_new(sizeof({et}), 0);")
        if results is not None:
            tasks = [f"&{m}->c{i}.hdr" for i in range(len(results))]
            pairs = list(zip(tasks, results))
            for task, r in pairs:
                self.put("  " + self.gather_item(lst, task, r, lt, outcome))
        elif mode == "tasks":
            self.put(f"  for (uint32_t i = 0; {lst} && i < {count}; i++) {{ ua_task *k = UA_LIST_AT(ua_task *, {m}->tasks, i);\n"
                     f"    {self.gather_item(lst, 'k', 'UA_TASK_RESULT(k)', lt, outcome)} }}")
        else:
            self.put(f"  for (uint32_t i = 0; {lst} && i < {m}->g.n_kids; i++) {{ ua_task *k = {m}->g.kids[i];\n"
                     f"    {self.gather_item(lst, 'k', 'UA_TASK_RESULT(k)', lt, outcome)} }}")
        self.put(f"  {release}")
        self.put(f"  if (!{lst}) UA_FAIL();")
        if target:
            self.put(f"  {target} = {lst};")
        self.put("}")

    def gather_item(self, lst, task, result_ptr, lt, outcome):
        """Append a finished child's result (or, with return_exceptions, its
        outcome) to the results list."""
        if not outcome:
            return f"if ({lst}) ua_list_append({lst}, {result_ptr});"
        ot = T.resolve(lt.elem)
        vt = self.mod.ctype(ot.value)
        return (f"if ({lst}) {{ {self.mod.ctype(ot)} o_ = {{0}}; if (ua_task_outcome({task}) == UA_RAISED) "
                f"o_.f0 = ua_exc_take(); else o_.f1 = *({vt} *)({result_ptr}); ua_list_append({lst}, &o_); }}")

    def await_call(self, call):
        """A runtime await function, called again at each resumption."""
        self.put(f"switch ({call}) {{\ncase UA_PENDING: return UA_PENDING;\n"
                 f"case UA_RAISED: UA_FAIL();\ndefault: break;\n}}")

    PRIM_AWAITS = {"tsflag.wait": "ua_tsflag_wait(P)",
                   "lock.acquire": "ua_lock_acquire(P)", "sem.acquire": "ua_sem_acquire(P)",
                   "cond.acquire": "ua_cond_acquire(P)", "cond.wait": "ua_cond_wait(P)",
                   "queue.put": "ua_queue_put(P, &M.item)", "queue.get": "ua_queue_get(P, &M.item)",
                   "queue.join": "ua_queue_join(P)", "barrier.wait": "ua_barrier_wait(P, &M.index)",
                   "barrier.reset": "ua_barrier_reset(P)", "barrier.abort": "ua_barrier_abort(P)",
                   "message.wait": "ua_event_wait(&P->ev)"}

    def await_primitive(self, a, m, target):
        call = a.value
        pt = T.resolve(call.func.value.type)
        method = call.kind.split(".", 2)[2]
        if f"{pt.kind}.{method}" == "event.wait":
            # in two inline parts: the busiest wait, and a set Event costs
            # one test; the resumption needs nothing kept in the frame
            self.put(f"fr->state = {a.state};")
            self.put(f"if (ua_event_wait_park({self.expr(call.func.value)})) return UA_PENDING;")
            self.put(f"goto {a.label}_SET;")
            self.resume_label(a)
            self.put("if (ua_event_wait_resumed()) UA_FAIL();")
            self.lines.append(f"{a.label}_SET:;")
            self.prim_result(a, m, pt, method, target)
            return
        self.put(f"{m}.p = {self.expr(call.func.value)};")
        if f"{pt.kind}.{method}" == "queue.put":
            self.put(f"{m}.item = {self.coerced(call.args[0], pt.elem)};")
        if f"{pt.kind}.{method}" == "barrier.wait":
            self.put(f"{m}.index = 0;")
        if pt.kind == "mbarrier":       # count in now; wait unless this one was the last
            self.put(f"if (!ua_gen_mbarrier_trigger({m}.p, &{m}.last)) UA_FAIL();")
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.put(f"if (!{m}.last) {{")
            self.indent += 1
            self.await_call(f"ua_event_wait(&{m}.p->ev)")
            self.indent -= 1
            self.put("}")
            if target:
                self.put(f"{target} = UA_NONE;")
            return
        if f"{pt.kind}.{method}" == "cond.wait_for":
            # `await cond.wait_for(pred)` is `while not pred(): await cond.wait()`
            pred = call.predicate
            self.put(f"while (!UA_CHECK(bool, {self.coerce_truth(pred)})) {{")
            self.indent += 1
            self.put(f"fr->state = {a.state};")
            self.resume_label(a)
            self.await_call(f"ua_cond_wait({m}.p)")
            self.indent -= 1
            self.put("}")
            if target:
                self.put(f"{target} = true;")
            return
        self.put(f"fr->state = {a.state};")
        self.resume_label(a)
        self.await_call(self.PRIM_AWAITS[f"{pt.kind}.{method}"].replace("P", f"{m}.p").replace("M", m))
        self.prim_result(a, m, pt, method, target)

    def prim_result(self, a, m, pt, method, target):
        """What a primitive's await gives its target, if it has one."""
        if target:
            rt = T.resolve(a.target.type)
            if method == "get":
                self.put(f"{target} = {m}.item;")
            elif pt.kind == "message":
                self.put(f"{target} = {m}.p->data;")
            elif method == "wait" and pt.kind == "barrier":
                self.put(f"{target} = {m}.index;")
            elif rt is T.BOOL:
                self.put(f"{target} = true;")
            else:
                self.put(f"{target} = UA_NONE;")

    def coerce_truth(self, pred):
        """A call of a predicate function as a C condition."""
        c = f"{pred.c_name}()"
        return self.truthy(c, pred.return_type) if T.resolve(pred.return_type) is not T.BOOL else c

    def resume_label(self, a):
        """Where a resumed coroutine continues; `handler` is a C local, so it
        is set again to the try region the await is in."""
        self.lines.append(f"{a.label}:;")
        if self.region:
            self.put(f"handler = {self.region};")

    def frame_init(self, inst, args, braced=False):
        """A new frame of inst called with args: a compound literal, or
        (braced) the initializer of one."""
        params = [inst.vars[p.name] for p in inst.func.node.params]
        inits = [f".{field_name(p)} = {self.coerced(a, t)}" for p, a, t in zip(params, args, inst.arg_types)]
        braces = f"{{ {', '.join(['.state = 0'] + inits)} }}"
        return braces if braced else f"({inst.c_name}_frame){braces}"

    def task_init(self, task, inst, args, flags):
        """Assign a whole new task (header and root frame) to the lvalue
        task: one zeroing of the struct, not one for each half."""
        return (f"{task} = ({inst.c_name}_task){{ .hdr = UA_TASK_HEADER({inst.c_name}_step, {flags}),"
                f" .frame = {self.frame_init(inst, args, braced=True)} }};")

    # ----------------------------------------------------- expressions
    def coerce(self, c, from_t, to_t):
        f, t = T.resolve(from_t), T.resolve(to_t)
        if isinstance(t, T.OptT) and f is T.NONE:
            none = "((ua_callable){0})" if isinstance(T.resolve(t.inner), T.CallableT) else "NULL"
            return f"((void)({c}), {none})" if c != "UA_NONE" else none
        if t is T.FLOAT and f in (T.INT, T.BOOL):
            return f"(ua_float)({c})"
        if t is T.INT and f is T.BOOL:
            return f"(ua_int)({c})"
        return c

    def coerced(self, e, to_t):
        return self.coerce(self.expr(e), e.type, to_t)

    def expr_stmt(self, e):
        """An expression evaluated for its effect."""
        if isinstance(e, A.Call) and getattr(e, "kind", None) == "builtin.print":
            return self.print_call(e)
        return f"(void){self.expr(e)};"

    def expr(self, e):
        if hasattr(e, "callable_member"):
            return self.callable_value(e)
        c = getattr(self, "e_" + type(e).__name__)(e)
        use = getattr(e, "null_check", None)
        if use:
            t = self.mod.ctype(e.type)
            msg = {"await": "object NoneType can't be used in 'await' expression",
                   "call": "'NoneType' object is not callable"}.get(use, f"'NoneType' object has no attribute '{use}'")
            kind = "ua_gen_AttributeError" if use not in ("await", "call") else "ua_TypeError"
            test = "!nn_.fn" if use == "call" else "!nn_"
            c = f"({{ {t} nn_ = {c}; if ({test}) {{ ua_raise(&{kind}, {c_string(msg)}); UA_FAIL(); }} nn_; }})"
        return c

    def e_Constant(self, e):
        v = e.value
        if v is True:
            return "true"
        if v is False:
            return "false"
        if v is None:
            return "UA_NONE"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, float):
            return c_float(v)
        if isinstance(v, bytes):
            return self.mod.bytes_literal(v)
        return c_string(v)

    def bound_flag(self, v):
        """The flag of a local some read of which may precede its assignment."""
        if _flagged_cell(v):
            return f"{self.var_c(v)}bound_"
        flagged = getattr(self.ir, "unbound_checked", [])
        if not any(f is v for f in flagged):
            return None
        return f"fr->{field_name(v)}bound_" if id(v) in self.frame else f"{field_name(v)}bound_"

    def e_Name(self, e):
        if e.binding == "__name__":
            return '"__main__"'
        if isinstance(e.binding, VarInfo):
            c = self.var_c(e.binding)
            if _flagged_cell(e.binding) and e.binding.owner is not self.ir.inst:
                # a closure's read: the enclosing function may not have assigned it (yet)
                msg = c_string(f"cannot access free variable '{e.binding.name}' where it is not associated "
                               "with a value in enclosing scope")
                return (f"({{ if (!{self.bound_flag(e.binding)}) {{ ua_raise(&ua_gen_NameError, {msg});"
                        f" UA_FAIL(); }} {c}; }})")
            if getattr(e, "check_bound", False):
                msg = c_string(f"cannot access local variable '{e.binding.name}' where it is not associated with a value")
                return (f"({{ if (!{self.bound_flag(e.binding)}) {{ ua_raise(&ua_gen_UnboundLocalError, {msg});"
                        f" UA_FAIL(); }} {c}; }})")
            return c
        if isinstance(T.resolve(e.type), (T.LoopT, T.ClassT)):
            return "UA_NONE"
        if isinstance(T.resolve(e.type), T.ExcClassT):
            return T.resolve(e.type).cls.c_ref
        raise AssertionError(e.id)

    def e_Attribute(self, e):
        if T.resolve(e.type) is T.EXC_ARGS:     # e.args: the exception itself
            return self.expr(e.value)
        if getattr(e, "class_of", False):       # x.__class__
            return self.type_of(e.value)
        if hasattr(e, "type_name"):             # C.__name__
            if e.type_name is None:
                return f"(({self.expr(e.value)})->name)"
            return f"((void)({self.expr(e.value)}), {c_string(e.type_name)})"
        if isinstance(getattr(e, "binding", None), tuple) and e.binding[0] == "exc":   # asyncio.CancelledError
            return e.binding[1].c_ref
        if getattr(e, "prim_of", None) is not None:   # the primitive an object derives from
            return f"(&({self.expr(e.value)})->prim_)"
        if hasattr(e, "prim_attribute"):
            fn = {"barrier.parties": "ua_barrier_parties", "barrier.n_waiting": "ua_barrier_n_waiting",
                  "barrier.broken": "ua_barrier_broken", "queue.maxsize": "ua_queue_maxsize"}[e.prim_attribute]
            return f"{fn}({self.expr(e.value)})"
        if hasattr(e, "property_call"):
            return self.expr(e.property_call)
        if hasattr(e, "field"):
            return f"({self.expr(e.value)})->{c_ident(e.field)}"
        if hasattr(e, "exc_field"):
            return self.exception_field(self.expr(e.value), e.exc_field)
        if hasattr(e, "const_expr"):
            return self.expr(e.const_expr)
        return str(e.const_value)

    def e_Tuple(self, e):
        t = T.resolve(e.type)
        items = ", ".join(self.coerced(x, et) for x, et in zip(e.elts, t.elts)) or "0"
        return f"(({self.mod.ctype(t)}){{{items}}})"

    def e_List(self, e):
        t = T.resolve(e.type)
        et = self.mod.ctype(t.elem)
        if not e.elts:
            return f"UA_NONNULL(ua_list *, ua_list_new(sizeof({et}), 0))"
        items = ", ".join(self.coerced(x, t.elem) for x in e.elts)
        return f"UA_LIST_OF({et}, {len(e.elts)}, {items})"

    def e_Subscript(self, e):
        ct = T.resolve(e.value.type)
        if isinstance(ct, T.OptT):
            ct = T.resolve(ct.inner)
        if isinstance(ct, T.DictT):
            decl, d, i = self.dict_lookup(self.expr(e.value), ct, e.index)
            return f"({{ {decl} UA_DICT_VALUE({self.mod.ctype(ct.value)}, {d}, {i}); }})"
        if ct in T.BUFFERS:
            return self.buffer_subscript(e, ct)
        if isinstance(e.index, A.Slice):
            sl = e.index
            part = lambda x, d: (self.coerced(x, T.INT), "true") if x is not None else (d, "false")
            (a, ha), (b, hb), (c, _) = part(sl.lower, "0"), part(sl.upper, "0"), part(sl.step, "1")
            fn = "ua_str_slice" if ct is T.STR else "ua_list_slice"
            rt = "ua_str" if ct is T.STR else "ua_list *"
            decls, (v, a, b, c) = self.in_order([e.value, sl.lower, sl.upper, sl.step],
                                                [self.expr(e.value), a, b, c])
            call = f"UA_NONNULL({rt}, {fn}({v}, {a}, {ha}, {b}, {hb}, {c}))"
            return f"({{ {decls} {call}; }})" if decls else call
        if hasattr(e, "const_index"):
            return f"({self.expr(e.value)}).f{e.const_index}"
        if getattr(e, "out_of_range", False):
            return (f"({{ ua_raise(&ua_IndexError, \"tuple index out of range\"); UA_FAIL();"
                    f" ({self.mod.ctype(e.type)}){self.mod.zero(e.type)}; }})")
        if isinstance(ct, T.ListT):
            return self.list_slot(e.value, e.index)
        idx = self.coerced(e.index, T.INT)
        if ct is T.STR:
            return f"UA_NONNULL(ua_str, ua_str_getitem({self.expr(e.value)}, {idx}))"
        if ct is T.CONTEXT:
            return f"({self.expr(e.value)})->{e.index.value}"
        if ct is T.EXC_ARGS:
            return f"UA_NONNULL(ua_str, ua_gen_exc_arg({self.expr(e.value)}, {idx}))"
        n = len(ct.elts)
        tmp, i = self.fresh("tup"), self.fresh("i")
        et = self.mod.ctype(ct.elts[0])
        fields = ", ".join(f"{tmp}.f{k}" for k in range(n))
        return (f"({{ {self.mod.ctype(ct)} {tmp} = {self.expr(e.value)}; ua_int {i} = {idx};"
                f" if ({i} < 0) {i} += {n}; if ({i} < 0 || {i} >= {n}) {{ ua_raise(&ua_IndexError,"
                f" \"tuple index out of range\"); UA_FAIL(); }} (({et}[]){{{fields}}})[{i}]; }})")

    def e_UnaryOp(self, e):
        t = T.resolve(e.operand.type)
        if e.op == "not":
            return f"(!{self.cond(e.operand)})"
        v = self.expr(e.operand)
        if e.op == "~":
            return f"(~(ua_int)({v}))"
        if e.op == "+":
            return self.coerce(v, t, e.type)
        if t is T.FLOAT:
            return f"(-({v}))"
        return f"UA_OP1(ua_int, ua_int_neg, (ua_int)({v}))"

    def e_BinOp(self, e):
        return self.binop(e.op, self.expr(e.left), T.resolve(e.left.type), self.expr(e.right),
                          T.resolve(e.right.type), T.resolve(e.type), e)

    def binop(self, op, l, lt, r, rt, res, node):
        if res is T.STR:
            if op == "+":
                return f"({{ ua_str l_ = {l}; UA_NONNULL(ua_str, ua_str_concat(l_, {r})); }})"
            if op == "*":
                return f"({{ __auto_type lhs_ = {l}; __auto_type rhs_ = {r};" \
                       f" UA_NONNULL(ua_str, ua_str_repeat({'lhs_, rhs_' if lt is T.STR else 'rhs_, lhs_'})); }})"
            if op == "%":
                return self.percent(l, node)
        if res in (T.BYTES, T.BYTEARRAY):
            mutable = "true" if res is T.BYTEARRAY else "false"
            a, b = self.fresh("l"), self.fresh("r")
            head = f"{self.mod.ctype(lt)} {a} = {l}; {self.mod.ctype(rt)} {b} = {r};"
            if op == "+":
                call = f"ua_bytes_concat({self.buf(a, lt)}, {self.buf(b, rt)}, {mutable})"
            elif lt in T.BUFFERS:
                call = f"ua_bytes_repeat({self.buf(a, lt)}, {b}, {mutable})"
            else:
                call = f"ua_bytes_repeat({self.buf(b, rt)}, {a}, {mutable})"
            return f"({{ {head} UA_NONNULL({self.mod.ctype(res)}, {call}); }})"
        if isinstance(res, T.SetT):
            fn = {"|": "ua_set_union", "&": "ua_set_intersection", "-": "ua_set_difference",
                  "^": "ua_set_symmetric_difference"}[op]
            return f"UA_NONNULL(ua_set *, {fn}({l}, {r}))"
        if isinstance(res, T.ListT):
            ct = self.mod.ctype(res.elem)
            out = self.fresh("cat")
            return (f"({{ ua_list *{out} = UA_NONNULL(ua_list *, ua_list_slice({l}, 0, false, 0, false, 1));"
                    f" {self.list_extend(out, r, ct)} {out}; }})")
        if op == "/":
            if lt is T.FLOAT or rt is T.FLOAT:
                return f"UA_OP2(ua_float, ua_float_div, {self.coerce(l, lt, T.FLOAT)}, {self.coerce(r, rt, T.FLOAT)})"
            return f"UA_OP2(ua_float, ua_int_truediv, (ua_int)({l}), (ua_int)({r}))"
        if res is T.FLOAT:
            l, r = self.coerce(l, lt, T.FLOAT), self.coerce(r, rt, T.FLOAT)
            if op in "+-*":
                return f"({l} {op} {r})"
            fn = {"//": "ua_float_floordiv", "%": "ua_float_mod", "**": "ua_float_pow"}[op]
            return f"UA_OP2(ua_float, {fn}, {l}, {r})"
        bitwise = {"&": "and", "|": "or", "^": "xor"}
        if res is T.BOOL:
            return f"ua_bool_{bitwise[op]}({l}, {r})"
        l, r = f"(ua_int)({l})" if lt is T.BOOL else l, f"(ua_int)({r})" if rt is T.BOOL else r
        if op in ("+", "-", "*"):
            return f"UA_{ {'+': 'ADD', '-': 'SUB', '*': 'MUL'}[op] }({l}, {r})"
        if op in bitwise:
            return f"ua_int_{bitwise[op]}({l}, {r})"
        fn = {"//": "ua_int_floordiv", "%": "ua_int_mod", "**": "ua_int_pow", "<<": "ua_int_lshift",
              ">>": "ua_int_rshift"}[op]
        return f"UA_OP2(ua_int, {fn}, {l}, {r})"

    def e_BoolOp(self, e):
        t = T.resolve(e.type)
        if t is T.BOOL:
            return "(" + (" && " if e.op == "and" else " || ").join(self.cond(v) for v in e.values) + ")"
        ct = self.mod.ctype(t)
        # `a or b or c` is the first truthy operand (`and`: the first falsy),
        # flat however many operands there are
        r = self.fresh("b")
        stop = self.truthy(r, t) if e.op == "or" else f"!{self.truthy(r, t)}"
        parts = []
        for i, v in enumerate(e.values):
            parts.append(f"{r} = {self.coerced(v, t)};")
            if i + 1 < len(e.values):
                parts.append(f"if ({stop}) break;")
        return f"({{ {ct} {r}; do {{ {' '.join(parts)} }} while (0); {r}; }})"

    def e_IfExp(self, e):
        t = e.type
        return f"({self.cond(e.test)} ? {self.coerced(e.body, t)} : {self.coerced(e.orelse, t)})"

    def e_Compare(self, e):
        operands = [e.left] + e.comparators
        if len(e.ops) == 1:
            decls, (l, r) = self.in_order(operands, [self.expr(e.left), self.expr(e.comparators[0])])
            test = self.compare(e.ops[0], l, e.left.type, r, e.comparators[0].type)
            return f"({{ {decls} {test}; }})" if decls else test
        # a < b < c: each operand evaluated once, the rest only while true;
        # flat (a do/while with breaks), however long the chain
        r = self.fresh("cmp")
        names = [self.fresh("c") for _ in operands]
        parts = [f"{self.mod.ctype(operands[0].type)} {names[0]} = {self.expr(operands[0])};"]
        for i, op in enumerate(e.ops):
            x = operands[i + 1]
            parts.append(f"{self.mod.ctype(x.type)} {names[i + 1]} = {self.expr(x)};")
            parts.append(f"{r} = {self.compare(op, names[i], operands[i].type, names[i + 1], x.type)};")
            if i + 1 < len(e.ops):
                parts.append(f"if (!{r}) break;")
        return f"({{ bool {r}; do {{ {' '.join(parts)} }} while (0); {r}; }})"

    def compare(self, op, l, lt, r, rt):
        lt, rt = T.resolve(lt), T.resolve(rt)
        if l == r and lt is not T.NONE:   # `x == x`: valid Python, a C warning
            tmp = self.fresh("same")
            r = f"({{ {self.mod.ctype(rt)} {tmp} = {r}; {tmp}; }})"
        if op in ("is", "is not", "==", "!=") and T.NONE in (lt, rt) and \
                (isinstance(lt, T.OptT) or isinstance(rt, T.OptT)):
            ptr = l if isinstance(lt, T.OptT) else r
            other = r if isinstance(lt, T.OptT) else l
            test = "==" if op in ("is", "==") else "!="
            inner = T.resolve((lt if isinstance(lt, T.OptT) else rt).inner)
            if isinstance(inner, T.CallableT):
                ptr = f"({ptr}).fn"
            return f"((void)({other}), {ptr} {test} NULL)"
        if op in ("is", "is not", "==", "!=") and (lt is T.NONE or rt is T.NONE):
            same = lt is T.NONE and rt is T.NONE
            positive = op in ("is", "==")
            return f"((void)({l}), (void)({r}), {'true' if same == positive else 'false'})"
        neg = "!" if op in ("not in", "!=") else ""
        if op in ("in", "not in") and rt in T.BUFFERS:
            if lt in T.BUFFERS:
                return f"({neg}(ua_bytes_find({self.buf(r, rt)}, {self.buf(l, lt)}) >= 0))"
            found = self.fresh("found")
            return (f"({{ ua_int {found} = ua_bytes_find_byte({self.buf(r, rt)}, {self.coerce(l, lt, T.INT)});"
                    f" if ({found} == -2) UA_FAIL(); {neg}({found} >= 0); }})")
        if op in ("==", "!=") and lt in T.BUFFERS:
            return f"({neg}ua_bytes_eq({self.buf(l, lt)}, {self.buf(r, rt)}))"
        if op in ("<", "<=", ">", ">=") and lt in T.BUFFERS:
            return f"(ua_bytes_cmp({self.buf(l, lt)}, {self.buf(r, rt)}) {op} 0)"
        if op in ("in", "not in") and isinstance(rt, T.SetT):
            return f"({neg}ua_set_contains({r}, {self.set_key(rt, l)}))"
        if op in ("==", "!=") and isinstance(lt, T.SetT):
            return f"({neg}ua_set_eq({l}, {r}))"
        if op in ("<", "<=", ">", ">=") and isinstance(lt, T.SetT):      # subset tests; < and > also need a size difference
            a, b = self.fresh("a"), self.fresh("b")
            small, big = (a, b) if op in ("<", "<=") else (b, a)
            strict = f" && {small}->used < {big}->used" if op in ("<", ">") else ""
            return f"({{ ua_set *{a} = {l}; ua_set *{b} = {r}; ua_set_issubset({small}, {big}){strict}; }})"
        if op in ("in", "not in") and isinstance(rt, T.DictT):
            return f"(ua_dict_find({r}, {self.mod.dkey(rt, l)}) {'>=' if op == 'in' else '<'} 0)"
        if op in ("in", "not in") and isinstance(rt, (T.ListT, T.TupleT)):
            neg = "!" if op == "not in" else ""
            v, i = self.fresh("v"), self.fresh("i")
            et = T.resolve(rt.elem) if isinstance(rt, T.ListT) else (T.resolve(rt.elts[0]) if rt.elts else lt)
            seq = self.fresh("seq")
            length, item = self.sequence_access(seq, rt, i)
            eq = self.compare("==", item, et, v, lt)
            return (f"({{ {self.mod.ctype(rt)} {seq} = {r}; {self.mod.ctype(lt)} {v} = {l}; bool found_{v} = false;"
                    f" for (int64_t {i} = 0; {i} < {length}; {i}++) if ({eq}) {{ found_{v} = true; break; }}"
                    f" {neg}found_{v}; }})")
        if op in ("in", "not in"):
            return f"({'!' if op == 'not in' else ''}ua_str_contains({r}, {l}))"
        if isinstance(lt, T.InstT):
            return f"({l} {'==' if op in ('is', '==') else '!='} {r})"
        if isinstance(lt, T.ClassT) and isinstance(rt, T.ClassT):    # type(x) is C: known statically
            same = (lt.cls is rt.cls) == (op in ("is", "=="))
            return f"((void)({l}), (void)({r}), {'true' if same else 'false'})"
        if lt is T.EXC_TYPE or isinstance(lt, T.ExcClassT):
            return f"({l} {'==' if op in ('is', '==') else '!='} {r})"
        if isinstance(lt, (T.ListT, T.TupleT)) and op in ("==", "!="):
            return f"({'!' if op == '!=' else ''}{self.mod.equality(lt)}({l}, {r}))"
        if lt is T.STR:
            if op == "==":
                return f"ua_str_eq({l}, {r})"
            if op == "!=":
                return f"(!ua_str_eq({l}, {r}))"
            return f"(ua_str_cmp({l}, {r}) {op} 0)"
        if op in ("<", "<=", ">", ">=") and isinstance(lt, T.TupleT):
            return f"({self.mod.ordering(lt)}({l}, {r}) {op} 0)"
        if T.FLOAT in (lt, rt):
            l, r = self.coerce(l, lt, T.FLOAT), self.coerce(r, rt, T.FLOAT)
        return f"({l} {op} {r})"

    def cond(self, e):
        t = T.resolve(e.type)
        if isinstance(e, A.BoolOp) and getattr(e, "mixed", False):
            return "(" + (" && " if e.op == "and" else " || ").join(self.cond(v) for v in e.values) + ")"
        c = self.expr(e)
        if t is T.BOOL:
            return c
        if t in (T.NONE, T.STR, T.BYTES, T.BYTEARRAY) or isinstance(t, (T.ListT, T.TupleT, T.OptT, T.SetT)):
            tmp = self.fresh("t")
            return f"({{ {self.mod.ctype(t)} {tmp} = {c}; {self.truthy(tmp, t)}; }})"
        return self.truthy(c, t)

    def truthy(self, c, t):
        t = T.resolve(t)
        if isinstance(t, T.OptT):
            if isinstance(T.resolve(t.inner), T.CallableT):
                return f"(({c}).fn != NULL)"
            return f"({c} != NULL && {self.truthy(c, t.inner)})"
        if isinstance(t, T.CallableT) or t is T.HANDLER:
            return "true"
        if t is T.BOOL:
            return c
        if t in (T.INT, T.FLOAT):
            return f"({c} != 0)"
        if t is T.STR:
            return f"({c}[0] != '\\0')"
        if isinstance(t, T.ListT) or t in (T.BYTES, T.BYTEARRAY):
            return f"({c}->len != 0)"
        if t is T.MEMVIEW:
            return f"(({c}).len != 0)"
        if isinstance(t, T.SetT):
            return f"({c}->used != 0)"
        if isinstance(t, T.TupleT):
            return f"((void){c}, {'true' if t.elts else 'false'})"
        if t is T.NONE:
            return f"((void){c}, false)"
        raise AssertionError(t)

    # ---------------------------------------------------------- strings
    def string_builder(self, write_fn):
        """A statement expression that builds a str from the writes that
        write_fn(out) returns."""
        sb = self.fresh("sb")
        writes = write_fn(f"&{sb}")
        return (f"({{ char {sb}buf[64]; ua_out {sb}; ua_out_begin_string(&{sb}, {sb}buf, sizeof {sb}buf); "
                f"{writes} UA_NONNULL(ua_str, ua_out_end_string(&{sb})); }})")

    def to_str(self, e, repr_=False):
        t = T.resolve(e.type)
        if t is T.STR and not repr_:
            return self.expr(e)
        tmp = self.fresh("s")
        return self.string_builder(
            lambda o: f"{{ {self.mod.ctype(t)} {tmp} = {self.expr(e)}; {self.writer(o, tmp, t, repr_)} }}")

    def e_JoinedStr(self, e):
        pre, writes = self.joined_parts(e)
        return self.string_builder(lambda o: pre + " " + " ".join(w(o) for w in writes))

    def joined_parts(self, e):
        """Declarations evaluating e's fields in order, then writers of its pieces."""
        decls, writes = [], []
        for p in e.parts:
            if isinstance(p, str):
                writes.append(lambda o, p=p: f"ua_out_bytes({o}, {c_string(p)}, {len(p.encode())});")
                continue
            t = T.resolve(p.value.type)
            tmp = self.fresh("f")
            decls.append(f"{self.mod.ctype(t)} {tmp} = {self.expr(p.value)};")
            writes.append(lambda o, tmp=tmp, t=t, p=p: self.field_writer(o, tmp, t, p.conversion,
                                                                         getattr(p, "spec", None)))
        return " ".join(decls), writes

    def field_writer(self, o, value, t, conversion, spec):
        t = T.resolve(t)
        if spec is None:
            return self.writer(o, value, t, conversion == "r")
        if conversion in ("r", "s") and t is not T.STR or conversion == "r":
            inner = self.fresh("r")
            built = self.string_builder(lambda o2: self.writer(o2, value, t, conversion == "r"))
            return f"{{ ua_str {inner} = {built}; ua_fmt_str({o}, {inner}, {self.spec_c(spec)}); }}"
        if conversion == "int":
            return f"ua_fmt_int({o}, UA_OP1(ua_int, ua_float_to_int, {value}), {self.spec_c(spec)});"
        if spec.as_float:
            return f"ua_fmt_float({o}, (ua_float)({value}), {self.spec_c(spec)});"
        fn = {T.INT: "ua_fmt_int", T.FLOAT: "ua_fmt_float", T.STR: "ua_fmt_str", T.BOOL: "ua_fmt_bool"}.get(t)
        if fn is None:
            inner = self.fresh("r")
            built = self.string_builder(lambda o2: self.writer(o2, value, t))
            return f"{{ ua_str {inner} = {built}; ua_fmt_str({o}, {inner}, {self.spec_c(spec)}); }}"
        return f"{fn}({o}, {value}, {self.spec_c(spec)});"

    def spec_c(self, s: Spec):
        fill = "'\\''" if s.fill == "'" else ("'\\\\'" if s.fill == "\\" else f"'{s.fill}'")
        ch = lambda c: f"'{c}'" if c else "0"
        return (f"&(const ua_spec){{ {fill}, {ch(s.align)}, {ch(s.sign)}, {str(s.alternate).lower()}, "
                f"{str(s.grouping).lower()}, {s.width}, {s.precision}, {ch(s.type)} }}")

    def format_fields(self, pieces, args):
        """Declarations and writers for %-format / str.format pieces."""
        decls, temps = [], {}
        for key, (e, t) in args.items():
            tmp = self.fresh("a")
            decls.append(f"{self.mod.ctype(t)} {tmp} = {self.expr(e)};")
            temps[key] = (tmp, t)
        writes = []
        for p in pieces:
            if isinstance(p, str):
                writes.append(lambda o, p=p: f"ua_out_bytes({o}, {c_string(p)}, {len(p.encode())});")
            else:
                tmp, t = temps[p.arg]
                writes.append(lambda o, p=p, tmp=tmp, t=t: self.field_writer(o, tmp, t, p.conversion, p.spec))
        return " ".join(decls), writes

    def percent(self, fmt_c, node):
        left, right = node.left, node.right
        if not (isinstance(left, A.Constant) and isinstance(left.value, str)):
            raise node_error(self, left, "%-formatting is supported on string literals only")
        rt = T.resolve(right.type)
        if isinstance(rt, T.TupleT) and isinstance(right, A.Tuple):
            items = list(zip(right.elts, rt.elts))
        elif isinstance(rt, T.TupleT):
            raise node_error(self, right, "%-formatting needs a tuple display (a, b) here")
        else:
            items = [(right, rt)]
        from .formatting import SpecError
        try:
            pieces = parse_percent(left.value, [t for _, t in items])
        except SpecError as x:
            raise node_error(self, left, str(x))
        pre, writes = self.format_fields(pieces, {i: it for i, it in enumerate(items)})
        return self.string_builder(lambda o: pre + " " + " ".join(w(o) for w in writes))

    # ------------------------------------------------------------- calls
    def in_order(self, py_args, c_args):
        """(declarations, arguments): C leaves the order in which a call's
        arguments are evaluated open, Python goes left to right; when an
        argument calls something, every argument goes through a local
        first, in order."""
        if len(c_args) < 2 or not any(isinstance(n, (A.Call, A.Await)) for a in py_args if a is not None
                                      for n in A.walk(a)):
            return "", c_args
        decls, names = [], []
        for c in c_args:
            tmp = self.fresh("arg")
            decls.append(f"__auto_type {tmp} = {c};")
            names.append(tmp)
        return " ".join(decls), names

    def e_Call(self, e):
        kind = e.kind
        if kind == "user" and e.instance.func.is_async:    # gather(*[coro(x) ...])
            return self.frame_init(e.instance, e.bound_args)
        if kind == "user" and e.instance.func.is_generator:   # a generator object
            ft, g = f"{e.instance.c_name}_frame", self.fresh("gen")
            return (f"({{ {ft} *{g} = UA_NONNULL({ft} *, ua_alloc(sizeof({ft})));"
                    f" *{g} = {self.frame_init(e.instance, e.bound_args)}; {g}; }})")
        if kind == "user":
            inst = e.instance
            decls, args = self.in_order(e.bound_args, [self.coerced(a, t) for a, t in zip(e.bound_args, inst.arg_types)])
            rt = self.mod.ctype(inst.return_type)
            if decls:
                return f"({{ {decls} UA_CHECK({rt}, {inst.c_name}({', '.join(args)})); }})"
            return f"UA_CHECK({rt}, {inst.c_name}({', '.join(args)}))"
        if kind.startswith("builtin."):
            return self.builtin(kind[8:], e)
        if kind == "callable":
            return self.call_through(e)
        if kind == "native.call":
            return self.native_call(e.native_fn, e.native_self, e.native_args)
        if kind == "new":
            cls = e.new_class
            tmp = self.fresh("obj")
            ct = cls.c_name
            inits = []
            for name in cls.fields:
                const = cls.constant(name)
                if const is not None:
                    inits.append(f"{tmp}->{c_ident(name)} = {self.expr(const)};")
            init = ""
            prim = cls.prim_base()
            if prim is not None:     # ready before __init__ runs; super().__init__(...) sets it up again
                inits.append(self.prim_init(prim[0], {}, f"&{tmp}->prim_", T.finalize(prim[1])))
            if e.init_instance is not None:
                inst = e.init_instance
                decls, args = self.in_order(e.bound_args[1:], [self.coerced(a, t) for a, t in
                                                               zip(e.bound_args[1:], inst.arg_types[1:])])
                init = f"{decls} (void)UA_CHECK(ua_none, {inst.c_name}({', '.join([tmp] + args)}));"
            return (f"({{ {ct} *{tmp} = UA_NONNULL({ct} *, ua_alloc_obj(sizeof({ct})));"
                    f" {' '.join(inits)} {init} {tmp}; }})")
        if kind == "exc.new" and simple_exception(e):
            new = f"UA_NONNULL(ua_exc *, ua_exc_new({e.exc_class.c_ref}, {self.exc_message(e)}))"
            return f"ua_gen_exc_one_arg({new})" if e.args else new
        if kind == "exc.new":
            return self.new_exception(e)
        if kind == "exc.init":
            return self.exception_init(e)
        if kind == "native.new":
            cls = e.native_cls
            ident = str(getattr(e, "id_const", 0)) if e.id_expr is None else self.coerced(e.id_expr, T.INT)
            if not e.init_args:
                return ident
            tmp = self.fresh("id")
            init = self.native_call(cls.init, None, e.init_args, self_c=tmp)
            return f"({{ ua_int {tmp} = {ident}; (void){init}; {tmp}; }})"
        if kind == "str.format":
            args = {i: (a, T.resolve(a.type)) for i, a in enumerate(e.args)}
            args.update({k.arg: (k.value, T.resolve(k.value.type)) for k in e.keywords})
            pre, writes = self.format_fields(e.pieces, args)
            return self.string_builder(lambda o: pre + " " + " ".join(w(o) for w in writes))
        if kind.startswith("list."):
            return self.list_method(kind[5:], e)
        if kind == "str.encode":
            return f"UA_NONNULL(const ua_bytes *, ua_str_encode({self.expr(e.func.value)}, {_c_bool(e.ascii)}))"
        if kind.startswith("str."):
            return self.str_method(kind[4:], e)
        if kind.startswith("buffer."):
            return self.buffer_method(kind[7:], e)
        if kind.startswith("set."):
            return self.set_method(kind[4:], e)
        if kind == "int.to_bytes":
            length = self.coerced(e.byte_arg, T.INT) if e.byte_arg is not None else "1"
            return (f"UA_NONNULL(const ua_bytes *, ua_int_to_bytes({self.coerced(e.func.value, T.INT)}, {length},"
                    f" {_c_bool(e.little)}, {_c_bool(e.signed)}))")
        if kind == "int.from_bytes":
            v = self.fresh("b")
            bt = T.resolve(e.byte_arg.type)
            r = self.fresh("n")
            return (f"({{ {self.mod.ctype(bt)} {v} = {self.expr(e.byte_arg)}; ua_int {r};"
                    f" if (!ua_int_from_bytes({self.buf(v, bt)}, {_c_bool(e.little)}, {_c_bool(e.signed)}, &{r}))"
                    f" UA_FAIL(); {r}; }})")
        if kind.startswith("dict."):
            return self.dict_method(kind[5:], e)
        if kind == "context.get":
            return f"({self.expr(e.func.value)})->{e.args[0].value}"
        if kind == "prim.new":
            return self.new_primitive(e)
        if kind == "prim.init":      # super().__init__(...) of a class deriving from a primitive
            pt = T.finalize(e.prim_target.prim_of)
            return f"({{ {self.prim_init(e.prim, e.prim_args, self.expr(e.prim_target), pt)} UA_NONE; }})"
        if kind.startswith("prim."):
            return self.prim_method(e)
        if kind.startswith("task."):
            fn = {"cancel": "ua_task_cancel", "done": "ua_task_finished", "cancelled": "ua_task_cancelled"}
            return f"{fn[kind[5:]]}({self.expr(e.func.value)})"
        return self.api(kind, e)

    def new_primitive(self, e):
        t = T.resolve(e.type)
        st, tmp = t.c_struct, self.fresh("prim")
        init = self.prim_init(e.prim, e.prim_args, tmp, t)
        return f"({{ {st} *{tmp} = UA_NONNULL({st} *, ua_alloc(sizeof({st}))); {init} {tmp}; }})"

    def prim_init(self, prim, args, tmp, t):
        """C statements initialising the primitive at pointer tmp (a C
        expression evaluated more than once: a name or &obj->prim_)."""
        st = t.c_struct
        arg = lambda name, default: self.coerced(args[name], T.INT) if name in args else default
        if prim in ("Semaphore", "BoundedSemaphore"):
            init = f"if (!ua_sem_init({tmp}, {arg('value', '1')}, {'true' if prim == 'BoundedSemaphore' else 'false'})) UA_FAIL();"
        elif prim == "Condition":
            lock = args.get("lock")
            lock_c = "NULL" if lock is None or T.resolve(lock.type) is T.NONE else self.expr(lock)
            init = f"ua_cond_init({tmp}, {lock_c});"
        elif prim == "Queue":
            init = (f"if (!ua_queue_init({tmp}, sizeof({self.ctype(t.elem)}), {arg('maxsize', '0')}, NULL, 0))"
                    f" UA_FAIL();")
        elif prim == "Barrier":
            init = f"if (!ua_barrier_init({tmp}, {arg('parties', '1')})) UA_FAIL();"
        elif prim == "Message":
            init = f"ua_event_init(&({tmp})->ev); ({tmp})->has_data = false;"
        elif prim == "MBarrier":
            func = args.get("func")
            fn = "((ua_callable){0})" if func is None or T.resolve(func.type) is T.NONE else self.expr(func)
            init = (f"ua_event_init(&{tmp}->ev); {tmp}->participants = {tmp}->count = {arg('participants', '1')};"
                    f" {{ ua_callable f_ = {fn}; {tmp}->func.fn = f_.fn; {tmp}->func.self = f_.self; }}")
        else:
            init = f"{st}_init({tmp});" if st != "ua_tsflag" else f"ua_tsflag_init({tmp});"
        return init

    def prim_method(self, e):
        pt = T.resolve(e.func.value.type)
        method = e.kind.split(".", 2)[2]
        p = self.expr(e.func.value)
        k = f"{pt.kind}.{method}"
        if pt.kind == "message":
            if method == "set":
                value = self.coerced(e.args[0], pt.elem) if e.args else "UA_NONE"
                return (f"({{ {self.ctype(pt)} m_ = {p}; m_->data = {value}; m_->has_data = true;"
                        f" ua_event_set(&m_->ev); UA_NONE; }})")
            if method == "clear":
                return f"({{ {self.ctype(pt)} m_ = {p}; m_->has_data = false; ua_event_clear(&m_->ev); UA_NONE; }})"
            if method == "is_set":
                return f"ua_event_is_set(&({p})->ev)"
            return (f"({{ {self.ctype(pt)} m_ = {p}; if (!m_->has_data) {{ ua_raise(&ua_RuntimeError,"
                    f" \"Message.value(): no data (a None value is not supported here)\"); UA_FAIL(); }} m_->data; }})")
        if pt.kind == "mbarrier":
            if method == "busy":
                return f"({{ ua_gen_mbarrier *b_ = {p}; b_->count < b_->participants; }})"
            return f"({{ if (!ua_gen_mbarrier_trigger({p}, NULL)) UA_FAIL(); UA_NONE; }})"
        if k == "event.set" and getattr(self.ir.inst, "isr", False):
            return f"({{ ua_event_set_from_isr({p}); UA_NONE; }})"
        simple = {"event.set": "ua_event_set", "event.clear": "ua_event_clear", "tsflag.set": "ua_tsflag_set",
                  "tsflag.clear": "ua_tsflag_clear"}
        if k in simple:
            return f"({{ {simple[k]}({p}); UA_NONE; }})"
        queries = {"event.is_set": "ua_event_is_set", "lock.locked": "ua_lock_locked", "sem.locked": "ua_sem_locked",
                   "cond.locked": "ua_cond_locked", "queue.qsize": "ua_queue_qsize", "queue.empty": "ua_queue_empty",
                   "queue.full": "ua_queue_full"}
        if k in queries:
            return f"{queries[k]}({p})"
        checked = {"lock.release": "ua_lock_release", "sem.release": "ua_sem_release",
                   "cond.release": "ua_cond_release", "cond.notify_all": "ua_cond_notify_all",
                   "queue.task_done": "ua_queue_task_done"}
        if k in checked:
            return f"({{ if (!{checked[k]}({p})) UA_FAIL(); UA_NONE; }})"
        if k == "cond.notify":
            n = self.coerced(e.args[0], T.INT) if e.args else "1"
            return f"({{ if (!ua_cond_notify({p}, {n})) UA_FAIL(); UA_NONE; }})"
        et = self.ctype(pt.elem) if pt.kind == "queue" else None
        if k == "queue.put_nowait":
            tmp = self.fresh("item")
            return (f"({{ {et} {tmp} = {self.coerced(e.args[0], pt.elem)};"
                    f" if (!ua_queue_put_nowait({p}, &{tmp})) UA_FAIL(); UA_NONE; }})")
        if k == "queue.get_nowait":
            tmp = self.fresh("item")
            return f"({{ {et} {tmp}; if (!ua_queue_get_nowait({p}, &{tmp})) UA_FAIL(); {tmp}; }})"
        raise AssertionError(k)

    def ctype(self, t):
        return self.mod.ctype(t)

    def list_method(self, m, e):
        lst = self.expr(e.func.value)
        et = T.resolve(T.resolve(e.func.value.type).elem)
        ct = self.mod.ctype(et)
        if m == "append":
            return f"({{ UA_APPEND({lst}, ({ct}){self.coerced(e.args[0], et)}); UA_NONE; }})"
        if m == "pop":
            tmp = self.fresh("p")
            idx = self.coerced(e.args[0], T.INT) if e.args else "-1"
            return f"({{ {ct} {tmp}; if (!ua_list_pop({lst}, {idx}, &{tmp})) UA_FAIL(); {tmp}; }})"
        if m == "insert":
            tmp = self.fresh("v")
            return (f"({{ {ct} {tmp} = {self.coerced(e.args[1], et)};"
                    f" if (!ua_list_insert({lst}, {self.coerced(e.args[0], T.INT)}, &{tmp})) UA_FAIL(); UA_NONE; }})")
        if m in ("remove", "index", "count"):
            l, v, i, n = self.fresh("l"), self.fresh("v"), self.fresh("i"), self.fresh("n")
            eq = self.compare("==", f"UA_LIST_AT({ct}, {l}, {i})", et, v, et)
            head = f"ua_list *{l} = {lst}; {ct} {v} = {self.coerced(e.args[0], et)};"
            if m == "count":
                return f"({{ {head} ua_int {n} = 0; for (uint32_t {i} = 0; {i} < {l}->len; {i}++) if ({eq}) {n}++; {n}; }})"
            missing = "list.remove(x): x not in list" if m == "remove" else "list.index(x): x not in list"
            found = f"ua_list_delete({l}, {i});" if m == "remove" else ""
            return (f"({{ {head} uint32_t {i} = 0; while ({i} < {l}->len && !({eq})) {i}++;"
                    f" if ({i} == {l}->len) {{ ua_raise(&ua_ValueError, \"{missing}\"); UA_FAIL(); }}"
                    f" {found} {'UA_NONE' if m == 'remove' else f'(ua_int){i}'}; }})")
        if m == "reverse":
            return f"({{ ua_list_reverse({lst}); UA_NONE; }})"
        if m == "clear":
            return f"({{ ({lst})->len = 0; UA_NONE; }})"
        if m == "copy":
            return f"UA_NONNULL(ua_list *, ua_list_slice({lst}, 0, false, 0, false, 1))"
        if m == "extend":
            return f"({{ {self.list_extend(lst, self.expr(e.args[0]), ct)} UA_NONE; }})"
        if m == "sort":
            if e.sort_key is not None:
                lv = self.fresh("lst")
                return f"({{ ua_list *{lv} = {lst}; {self.sort_by_key(e, lv, et)} UA_NONE; }})"
            return f"({{ {self.sorter(et)}({lst}); UA_NONE; }})"
        raise AssertionError(m)

    def new_container(self, name, e):
        t = T.resolve(e.type)
        a = e.args[0] if e.args else None
        if name == "set":
            if a is None:
                return f"UA_NONNULL(ua_set *, ua_set_new({self.str_keys(t)}))"
            st = T.resolve(a.type)
            if isinstance(a, A.SetComp):      # set(range(...)): already a new set
                return self.expr(a)
            if isinstance(st, T.SetT):
                return f"UA_NONNULL(ua_set *, ua_set_copy({self.expr(a)}))"
            seq, i, out = self.fresh("seq"), self.fresh("i"), self.fresh("set")
            length, item = self.sequence_access(seq, st, i)
            return (f"({{ {self.mod.ctype(st)} {seq} = {self.expr(a)};"
                    f" ua_set *{out} = UA_NONNULL(ua_set *, ua_set_new({self.str_keys(t)}));"
                    f" for (int64_t {i} = 0; {i} < {length}; {i}++)"
                    f" if (!ua_set_add({out}, {self.set_key(t, item)})) UA_FAIL(); {out}; }})")
        at = T.resolve(a.type) if a is not None else None
        if name == "memoryview":
            readonly = "true" if at is T.BYTES else "false"
            if at is T.MEMVIEW:
                return self.expr(a)
            return f"ua_memview_of({self.expr(a)}, {readonly})"
        mutable = _c_bool(name == "bytearray")
        ct = self.mod.ctype(t)
        if e.source == "str":
            enc = f"ua_str_encode({self.expr(a)}, {_c_bool(e.ascii)})"
            if name == "bytes":
                return f"UA_NONNULL({ct}, {enc})"
            v = self.fresh("enc")
            return (f"({{ const ua_bytes *{v} = UA_NONNULL(const ua_bytes *, {enc});"
                    f" UA_NONNULL({ct}, ua_bytes_new(ua_buf_of({v}), true)); }})")
        if e.source == "empty":
            return f"UA_NONNULL({ct}, ua_bytes_new((ua_buf){{NULL, 0}}, {mutable}))"
        if e.source == "count":
            return f"UA_NONNULL({ct}, ua_bytes_of_count({self.coerced(a, T.INT)}, {mutable}))"
        if e.source == "ints":
            return f"UA_NONNULL({ct}, ua_bytes_from_ints({self.expr(a)}, {mutable}))"
        v = self.fresh("src")
        return (f"({{ {self.mod.ctype(at)} {v} = {self.expr(a)};"
                f" UA_NONNULL({ct}, ua_bytes_new({self.buf(v, at)}, {mutable})); }})")

    def buffer_method(self, m, e):
        vt = T.resolve(e.func.value.type)
        v = self.fresh("b")
        head = f"{self.mod.ctype(vt)} {v} = {self.expr(e.func.value)};"
        b = self.buf(v, vt)
        arg = e.args[0] if e.args else None
        at = T.resolve(arg.type) if arg is not None else None
        if m == "hex":
            return f"({{ {head} UA_NONNULL(ua_str, ua_bytes_hex({b})); }})"
        if m == "decode":
            return f"({{ {head} UA_NONNULL(ua_str, ua_bytes_decode({b}, {_c_bool(e.ascii)})); }})"
        if m == "tobytes":
            return f"({{ {head} UA_NONNULL(const ua_bytes *, ua_bytes_new({b}, false)); }})"
        if m == "append":
            return f"({{ {head} if (!ua_bytearray_append({v}, {self.coerced(arg, T.INT)})) UA_FAIL(); UA_NONE; }})"
        if m == "join":
            return (f"({{ {head} UA_NONNULL({self.mod.ctype(vt)}, ua_bytes_join({b}, {self.expr(arg)},"
                    f" {_c_bool(vt is T.BYTEARRAY)})); }})")
        x = self.fresh("x")
        head += f" {self.mod.ctype(at)} {x} = {self.expr(arg)};"
        if m == "extend":
            call = (f"ua_bytearray_extend_ints({v}, {x})" if isinstance(at, T.ListT)
                    else f"ua_bytearray_extend({v}, {self.buf(x, at)})")
            return f"({{ {head} if (!{call}) UA_FAIL(); UA_NONE; }})"
        if m == "find" and at not in T.BUFFERS:
            r = self.fresh("found")
            return (f"({{ {head} ua_int {r} = ua_bytes_find_byte({b}, {self.coerce(x, at, T.INT)});"
                    f" if ({r} == -2) UA_FAIL(); {r}; }})")
        return f"({{ {head} ua_bytes_{m}({b}, {self.buf(x, at)}); }})"

    def set_method(self, m, e):
        st = T.resolve(e.func.value.type)
        s_ = self.expr(e.func.value)
        if m == "clear":
            return f"({{ ua_set_clear({s_}); UA_NONE; }})"
        if m == "copy":
            return f"UA_NONNULL(ua_set *, ua_set_copy({s_}))"
        if m == "update":
            return f"({{ if (!ua_set_update({s_}, {self.expr(e.args[0])})) UA_FAIL(); UA_NONE; }})"
        if m in ("issubset", "issuperset", "isdisjoint"):
            me, o = self.fresh("s"), self.fresh("o")
            call = {"issubset": f"ua_set_issubset({me}, {o})", "issuperset": f"ua_set_issubset({o}, {me})",
                    "isdisjoint": f"ua_set_isdisjoint({me}, {o})"}[m]
            return f"({{ ua_set *{me} = {s_}; ua_set *{o} = {self.expr(e.args[0])}; {call}; }})"
        if m == "pop":
            k = self.fresh("k")
            return f"({{ ua_dkey {k}; if (!ua_set_pop({s_}, &{k})) UA_FAIL(); {k}.i; }})"
        key = self.set_key(st, self.coerced(e.args[0], st.elem))
        if m == "add":
            return f"({{ if (!ua_set_add({s_}, {key})) UA_FAIL(); UA_NONE; }})"
        if m == "remove":
            return f"({{ if (!ua_set_remove({s_}, {key})) UA_FAIL(); UA_NONE; }})"
        return f"({{ (void)ua_set_discard({s_}, {key}); UA_NONE; }})"

    def list_extend(self, dst, src, ct):
        d, s_, i = self.fresh("d"), self.fresh("s"), self.fresh("i")
        return (f"{{ ua_list *{d} = {dst}; ua_list *{s_} = {src}; uint32_t n_{i} = {s_}->len;"
                f" for (uint32_t {i} = 0; {i} < n_{i}; {i}++) UA_APPEND({d}, UA_LIST_AT({ct}, {s_}, {i})); }}")

    def str_method(self, m, e):
        decls, (recv, *args) = self.in_order([e.func.value, *e.args],
                                             [self.expr(e.func.value)] + [self.expr(a) for a in e.args])
        c = self.str_method_call(m, recv, args)
        return f"({{ {decls} {c}; }})" if decls else c

    def str_method_call(self, m, recv, args):
        if m in ("upper", "lower"):
            return f"UA_NONNULL(ua_str, ua_str_{m}({recv}))"
        if m in ("strip", "lstrip", "rstrip"):
            chars = args[0] if args else "NULL"
            left, right = m != "rstrip", m != "lstrip"
            return f"UA_NONNULL(ua_str, ua_str_strip({recv}, {chars}, {str(left).lower()}, {str(right).lower()}))"
        if m in ("startswith", "endswith", "find", "count", "isdigit", "isalpha"):
            return f"ua_str_{m}({', '.join([recv] + args)})"
        if m == "replace":
            return f"UA_NONNULL(ua_str, ua_str_replace({recv}, {args[0]}, {args[1]}))"
        if m == "split":
            return f"UA_NONNULL(ua_list *, ua_str_split({recv}, {args[0] if args else 'NULL'}))"
        if m == "join":
            return f"UA_NONNULL(ua_str, ua_str_join({recv}, {args[0]}))"
        raise AssertionError(m)

    def dkey(self, d_type, e):
        """A key expression as a ua_dkey."""
        return self.mod.dkey(d_type, self.expr(e))

    def dict_lookup(self, d_c, d_type, key_e):
        """(declarations, index variable) of a key that must be present."""
        d, k, i = self.fresh("d"), self.fresh("k"), self.fresh("i")
        decl = (f"ua_dict *{d} = {d_c}; ua_dkey {k} = {self.dkey(d_type, key_e)}; int32_t {i} = ua_dict_find({d}, {k});"
                f" if ({i} < 0) {{ ua_dict_raise_key_error({d}, {k}); UA_FAIL(); }}")
        return decl, d, i

    def e_Dict(self, e):
        t = T.resolve(e.type)
        d = self.fresh("dict")
        vt = self.mod.ctype(t.value)
        sets = " ".join(f"{{ ua_dkey k_ = {self.dkey(t, k)}; {vt} v_ = {self.coerced(v, t.value)};"
                        f" if (!ua_dict_set({d}, k_, &v_)) UA_FAIL(); }}"     # the key first, as Python
                        for k, v in zip(e.keys, e.values))
        return f"({{ ua_dict *{d} = UA_NONNULL(ua_dict *, {self.mod.dict_new(t)}); {sets} {d}; }})"

    def dict_method(self, m, e):
        dt = T.resolve(e.func.value.type)
        d = self.expr(e.func.value)
        vt = self.mod.ctype(dt.value)
        if m in ("keys", "values", "items"):
            return d
        if m == "clear":
            return f"({{ ({d})->len = 0; UA_NONE; }})"
        if m == "copy":
            return f"UA_NONNULL(ua_dict *, ua_dict_copy({d}))"
        if m == "update":
            dd = self.fresh("d")
            return f"({{ ua_dict *{dd} = {d}; if (!ua_dict_update({dd}, {self.expr(e.args[0])})) UA_FAIL(); UA_NONE; }})"
        if m == "popitem":
            dd, last, item = self.fresh("d"), self.fresh("last"), self.fresh("item")
            key = self.mod.dict_key_at(dt, f"{dd}->keys[{last}]")
            return (f"({{ ua_dict *{dd} = {d}; if ({dd}->len == 0) {{"
                    f" ua_raise(&ua_KeyError, \"'popitem(): dictionary is empty'\"); UA_FAIL(); }}"
                    f" uint32_t {last} = {dd}->len - 1; {self.mod.ctype(e.type)} {item} = {{{key},"
                    f" UA_DICT_VALUE({vt}, {dd}, {last})}}; ua_dict_delete_at({dd}, {last}); {item}; }})")
        dd, k, i = self.fresh("d"), self.fresh("k"), self.fresh("i")
        head = f"ua_dict *{dd} = {d}; ua_dkey {k} = {self.dkey(dt, e.args[0])}; int32_t {i} = ua_dict_find({dd}, {k});"
        found = f"UA_DICT_VALUE({vt}, {dd}, {i})"
        if m == "setdefault":     # the default is evaluated found or not
            dflt = self.fresh("dflt")
            return (f"({{ {head} {vt} {dflt} = {self.coerced(e.args[1], dt.value)};"
                    f" if ({i} < 0) {{ if (!ua_dict_set({dd}, {k}, &{dflt})) UA_FAIL(); {i} = (int32_t){dd}->len - 1; }}"
                    f" {found}; }})")
        if m == "get":
            if len(e.args) == 2:   # the default is evaluated before the lookup, found or not
                dflt = self.fresh("dflt")
                head += f" {vt} {dflt} = {self.coerced(e.args[1], dt.value)};"
                return f"({{ {head} {i} >= 0 ? {found} : {dflt}; }})"
            return f"({{ {head} {i} >= 0 ? {found} : NULL; }})"
        # pop
        v = self.fresh("v")
        if len(e.args) == 2:
            dflt = self.fresh("dflt")
            head += f" {vt} {dflt} = {self.coerced(e.args[1], dt.value)};"
        missing = f"{v} = {dflt};" if len(e.args) == 2 else f"ua_dict_raise_key_error({dd}, {k}); UA_FAIL();"
        return (f"({{ {head} {vt} {v}; if ({i} < 0) {{ {missing} }} else {{ {v} = {found};"
                f" ua_dict_delete_at({dd}, (uint32_t){i}); }} {v}; }})")

    def callable_value(self, e):
        """A function or bound method as a value: its trampoline and object."""
        m = e.callable_member
        if m.instance is None:          # never called through: nothing to point at
            return "((ua_callable){0})"
        if hasattr(m, "env_ref"):     # a closure: its environment
            obj = f"(void *){self.expr(m.env_ref)}"
        else:
            obj = f"(void *)({self.expr(e.value)})" if m.self_type is not None else "NULL"
        return f"((ua_callable){{ (ua_fnptr){m.instance.c_name}_tramp, {obj} }})"

    def call_through(self, e):
        ct = T.resolve(e.callable)
        rt = self.mod.ctype(ct.result)
        params = ", ".join(["void *"] + [self.mod.ctype(p) for p in ct.params])
        c = self.fresh("fn")
        args = ", ".join([f"{c}.self"] + [self.coerced(a, p) for a, p in zip(e.args, ct.params)])
        return (f"({{ ua_callable {c} = {self.expr(e.func)}; "
                f"UA_CHECK({rt}, (({rt} (*)({params})){c}.fn)({args})); }})")

    def native_call(self, fn, self_expr, args, self_c=None):
        """A call of a native C function: pyb_LED_toggle(led)."""
        decls, c_args = [], []
        if fn.takes_id:
            c_args.append(self_c if self_c is not None else self.expr(self_expr))
        for kind, a in args:
            if kind == "callback":
                c_args.append(f"{a.c_name}_isr" if a is not None else "NULL")
            elif kind == "str":
                tmp = self.fresh("buf")
                decls.append(f"ua_str {tmp} = {self.expr(a)};")
                c_args.append(f"{tmp}, (int32_t)strlen({tmp})")
            else:
                c_args.append(self.coerced(a, kind))
        call = f"{fn.c_name}({', '.join(c_args)})"
        if fn.result is T.NONE:
            return f"({{ {' '.join(decls)} {call}; UA_NONE; }})"
        if decls:
            return f"({{ {' '.join(decls)} {call}; }})"
        return call

    def builtin(self, name, e):
        if name == "print":
            return f"({{ {self.print_call(e)} UA_NONE; }})"
        a = e.args[0] if e.args else None
        t = T.resolve(a.type) if a is not None else None
        if name == "len":
            if t is T.STR:
                return f"ua_str_len({self.expr(a)})"
            if isinstance(t, T.TupleT):
                return f"((void){self.expr(a)}, {len(t.elts)})"
            if isinstance(t, T.ExcArgsT):
                return f"((ua_int)({self.expr(a)})->nargs)"
            if t is T.MEMVIEW:
                return f"((ua_int)({self.expr(a)}).len)"
            if isinstance(t, T.SetT):
                return f"((ua_int)({self.expr(a)})->used)"
            if self.fixed_size(a):
                return f"((ua_int){self.fixed_size(a)})"
            return f"((ua_int)({self.expr(a)})->len)"
        if name == "str":
            return self.to_str(a)
        if name == "repr":
            return self.to_str(a, repr_=True)
        if name == "int":
            if t is T.FLOAT:
                return f"UA_OP1(ua_int, ua_float_to_int, {self.expr(a)})"
            if t is T.STR:
                return f"UA_OP1(ua_int, ua_str_to_int, {self.expr(a)})"
            return f"(ua_int)({self.expr(a)})"
        if name == "float":
            if t is T.STR:
                return f"UA_OP1(ua_float, ua_str_to_float, {self.expr(a)})"
            return f"(ua_float)({self.expr(a)})"
        if name == "bool":
            return self.cond(a)
        if name in ("sum", "any", "all", "min", "max", "sorted"):
            return self.sequence_builtin(name, e)
        if name in ("bytes", "bytearray", "memoryview", "set"):
            return self.new_container(name, e)
        if name == "divmod":
            l, r = self.fresh("l"), self.fresh("r")
            return (f"({{ ua_int {l} = {self.coerced(e.args[0], T.INT)}; ua_int {r} = {self.coerced(e.args[1], T.INT)};"
                    f" ((ua_tuple_int_int){{UA_OP2(ua_int, ua_int_floordiv, {l}, {r}), UA_OP2(ua_int, ua_int_mod, {l}, {r})}}); }})")
        if name == "round":
            if t in (T.INT, T.BOOL):
                return f"(ua_int)({self.expr(a)})" if len(e.args) == 1 else \
                    f"((void)({self.expr(e.args[1])}), (ua_int)({self.expr(a)}))"
            if len(e.args) == 1:
                return f"UA_OP1(ua_int, ua_float_round, {self.expr(a)})"
            return (f"({{ ua_float x_ = {self.expr(a)};"
                    f" ua_gen_round_digits(x_, {self.coerced(e.args[1], T.INT)}); }})")
        if name == "type":
            return self.type_of(a)
        if name == "iter":
            return self.expr(a)
        if name == "next":
            return self.generator_next(e)
        if name == "list" and isinstance(t, T.ListT):
            return f"UA_NONNULL(ua_list *, ua_list_slice({self.expr(a)}, 0, false, 0, false, 1))"
        if name == "list":
            return self.generator_list(a)
        if name == "hex":
            return f"UA_NONNULL(ua_str, ua_gen_hex({self.coerced(a, T.INT)}))"
        if name == "chr":
            return f"UA_NONNULL(ua_str, ua_gen_chr({self.coerced(a, T.INT)}))"
        if name == "ord":
            return f"UA_OP1(ua_int, ua_gen_ord, {self.expr(a)})"
        if name == "isinstance" and hasattr(e, "const_bool"):
            return f"((void)({self.expr(a)}), {'true' if e.const_bool else 'false'})"
        if name == "isinstance" and getattr(e, "on_outcome", False):
            tmp = self.fresh("o")
            test = " || ".join(f"ua_gen_exc_is({tmp}.f0, {c.c_ref})" for c in e.classes)
            return f"({{ {self.mod.ctype(a.type)} {tmp} = {self.expr(a)}; {tmp}.f0 && ({test}); }})"
        if name == "isinstance":
            tmp = self.fresh("e")
            test = " || ".join(f"ua_gen_exc_is({tmp}, {c.c_ref})" for c in e.classes)
            return f"({{ ua_exc *{tmp} = {self.expr(a)}; {test}; }})"
        if name == "abs":
            if t is T.FLOAT:
                return f"fabs({self.expr(a)})" if T.FLOAT.c_type == "ua_float" else ""
            return f"UA_OP1(ua_int, ua_int_abs, (ua_int)({self.expr(a)}))"
        raise AssertionError(name)

    def generator_object(self, a):
        """(declarations, pointer) of a generator argument: gen(...) itself
        gets a frame here, a generator object is used as it is."""
        inst = T.resolve(a.type).instance
        g = self.fresh("g")
        if is_generator_call(a):
            return (f"{inst.c_name}_frame {g}frame = {self.frame_init(inst, a.bound_args)};"
                    f" {inst.c_name}_frame *{g} = &{g}frame;", g)
        return f"{inst.c_name}_frame *{g} = {self.expr(a)};", g

    def generator_next(self, e):
        """next(g[, default]): the next item; when the generator is done, the
        default or StopIteration (with the value it returned)."""
        inst = T.resolve(e.args[0].type).instance
        decl, g = self.generator_object(e.args[0])
        st, v = self.fresh("st"), self.fresh("item")
        yt = T.resolve(inst.yield_type)
        if len(e.args) == 2:
            done = f"{v} = {self.coerced(e.args[1], yt)};"
        elif T.resolve(inst.return_type) is T.NONE:
            done = "ua_raise(&ua_gen_StopIteration, \"\"); UA_FAIL();"
        else:   # StopIteration(value) when it returned just now
            pre, message, args_repr, n = self.exception_args(BUILTIN_EXC["StopIteration"],
                                                             [(f"{g}->result", inst.return_type)])
            done = (f"if ({st} == UA_DONE) {{ {pre} ua_exc *x_ = ua_exc_new(&ua_gen_StopIteration, \"\");"
                    f" if (x_) {{ ua_gen_exc_set_args(x_, {message}, {args_repr}, {n}); ua_raise_exc(x_); }} }}"
                    f" else ua_raise(&ua_gen_StopIteration, \"\"); UA_FAIL();")
        return (f"({{ {decl} {self.mod.ctype(yt)} {v} = {self.mod.zero(yt)};"
                f" ua_status {st} = UA_GEN_NEXT({inst.c_name}_resume, {g});"
                f" if ({st} == UA_RAISED) UA_FAIL(); if ({st} == UA_YIELD) {v} = {g}->yielded; else {{ {done} }} {v}; }})")

    def generator_list(self, a):
        """list(g): the generator's remaining items."""
        inst = T.resolve(a.type).instance
        decl, g = self.generator_object(a)
        st, lst = self.fresh("st"), self.fresh("items")
        et = self.mod.ctype(inst.yield_type)
        return (f"({{ {decl} ua_list *{lst} = UA_NONNULL(ua_list *, ua_list_new(sizeof({et}), 0)); for (;;) {{"
                f" ua_status {st} = UA_GEN_NEXT({inst.c_name}_resume, {g}); if ({st} == UA_RAISED) UA_FAIL();"
                f" if ({st} != UA_YIELD) break; UA_APPEND({lst}, ({et}){g}->yielded); }} {lst}; }})")

    def type_of(self, e):
        """type(x): an exception's runtime type; an object's class is static."""
        if isinstance(T.resolve(e.type), T.InstT):
            return f"((void)({self.expr(e)}), UA_NONE)"
        return f"(({self.expr(e)})->type)"

    def sequence_builtin(self, name, e):
        """sum/any/all/min/max/sorted as a loop over the sequence."""
        if name in ("min", "max") and not e.over_sequence:
            rt = T.resolve(e.type)
            ct = self.mod.ctype(rt)
            best = self.fresh("best")
            parts = [f"{ct} {best} = {self.coerced(e.args[0], rt)};"]
            for a in e.args[1:]:
                v = self.fresh("v")
                better = self.compare("<" if name == "min" else ">", v, rt, best, rt)
                parts.append(f"{{ {ct} {v} = {self.coerced(a, rt)}; if ({better}) {best} = {v}; }}")
            return f"({{ {' '.join(parts)} {best}; }})"
        a = e.args[0]
        st = T.resolve(a.type)
        elem = T.resolve(self.sequence_elem(st))
        seq, i = self.fresh("seq"), self.fresh("i")
        length, item = self.sequence_access(seq, st, i)
        head = f"{self.mod.ctype(st)} {seq} = {self.expr(a)};"
        loop = f"for (int64_t {i} = 0; {i} < {length}; {i}++)"
        if name == "sum":
            rt = T.resolve(e.type)
            acc = self.fresh("acc")
            add = f"UA_ADD({acc}, {item})" if rt is T.INT else f"({acc} + {item})"
            return f"({{ {head} {self.mod.ctype(rt)} {acc} = 0; {loop} {acc} = {add}; {acc}; }})"
        if name in ("any", "all"):
            acc, v = self.fresh("acc"), self.fresh("v")
            stop = f"!{self.truthy(v, elem)}" if name == "all" else self.truthy(v, elem)
            return (f"({{ {head} bool {acc} = {'true' if name == 'all' else 'false'}; {loop} {{"
                    f" {self.mod.ctype(elem)} {v} = {item}; if ({stop}) {{ {acc} = !{acc}; break; }} }} {acc}; }})")
        if name in ("min", "max") and getattr(e, "sort_key", None) is not None:
            target, body = e.sort_key
            kt = T.resolve(body.type)
            best, best_key, k = self.fresh("best"), self.fresh("best_key"), self.fresh("k")
            better = self.compare("<" if name == "min" else ">", k, kt, best_key, kt)
            return (f"({{ {head} if ({length} == 0) {{ ua_raise(&ua_ValueError, \"{name}() arg is an empty sequence\");"
                    f" UA_FAIL(); }} {self.mod.ctype(elem)} {best}; {self.mod.ctype(kt)} {best_key};"
                    f" memset(&{best}, 0, sizeof {best}); memset(&{best_key}, 0, sizeof {best_key}); {loop} {{"
                    f" {self.var_c(target.binding)} = {item}; {self.mod.ctype(kt)} {k} = {self.coerced(body, kt)};"
                    f" if ({i} == 0 || {better}) {{ {best} = {self.var_c(target.binding)}; {best_key} = {k}; }} }}"
                    f" {best}; }})")
        if name in ("min", "max"):
            best, v = self.fresh("best"), self.fresh("v")
            better = self.compare("<" if name == "min" else ">", v, elem, best, elem)
            return (f"({{ {head} if ({length} == 0) {{ ua_raise(&ua_ValueError, \"{name}() arg is an empty sequence\");"
                    f" UA_FAIL(); }} {self.mod.ctype(elem)} {best}; memset(&{best}, 0, sizeof {best}); {loop} {{ {self.mod.ctype(elem)} {v} = {item};"
                    f" if ({i} == 0 || {better}) {best} = {v}; }} {best}; }})")
        # sorted: a new list, then a stable insertion sort
        out = self.fresh("sorted")
        et = self.mod.ctype(elem)
        sort = self.sort_by_key(e, out, elem) if getattr(e, "sort_key", None) is not None \
            else f"{self.sorter(elem)}({out});"
        return (f"({{ {head} ua_list *{out} = UA_NONNULL(ua_list *, ua_list_new(sizeof({et}), 0));"
                f" {loop} UA_APPEND({out}, ({et}){item}); {sort} {out}; }})")

    def sort_by_key(self, e, lst, elem):
        """Statements sorting the list in C variable lst by e's key= and
        reverse=: the keys are computed first, one per item, as CPython does."""
        item, body = e.sort_key
        kt = T.resolve(body.type)
        ek, et = self.mod.ctype(kt), self.mod.ctype(elem)
        keys, i, rev = self.fresh("keys"), self.fresh("i"), self.fresh("reverse")
        reverse = f"({self.expr(e.sort_reverse)}) != 0" if e.sort_reverse is not None else "false"
        return (f"bool {rev} = {reverse};"
                f" ua_list *{keys} = UA_NONNULL(ua_list *, ua_list_new(sizeof({ek}), {lst}->len));"
                f" for (uint32_t {i} = 0; {i} < {lst}->len; {i}++) {{"
                f" {self.var_c(item.binding)} = UA_LIST_AT({et}, {lst}, {i});"
                f" UA_APPEND({keys}, ({ek})({self.coerced(body, kt)})); }}"
                f" {self.mod.list_key_sorter(elem, kt)}({lst}, {keys}, {rev});")

    def sorter(self, elem):
        return self.mod.list_sorter(elem)

    def print_call(self, e):
        decls, writes = [], []
        sep, end = '" "', '"\\n"'
        for kw in e.keywords:
            if T.resolve(kw.value.type) is T.NONE:
                continue
            tmp = self.fresh(kw.arg)
            decls.append(f"ua_str {tmp} = {self.expr(kw.value)}; (void){tmp};")
            if kw.arg == "sep":
                sep = tmp
            else:
                end = tmp
        # C string literals (separators, the end, string constants) are
        # written as one: adjacent literals concatenate at compile time, so
        # print("LED", n, "on") makes three calls, not six (flash).
        for i, a in enumerate(e.args):
            if i:
                writes.append(sep if sep.startswith('"') else lambda o, sep=sep: f"ua_out_str({o}, {sep});")
            if isinstance(a, A.JoinedStr):
                pre, ws = self.joined_parts(a)
                decls.append(pre)
                writes.extend(ws)
                continue
            if isinstance(a, A.Constant) and isinstance(a.value, str) and "\0" not in a.value:
                text = self.expr(a)
                if text.startswith('"') and text.endswith('"'):
                    writes.append(text)
                    continue
            t = T.resolve(a.type)
            tmp = self.fresh("p")
            decls.append(f"{self.mod.ctype(t)} {tmp} = {self.expr(a)};")
            writes.append(lambda o, tmp=tmp, t=t: self.writer(o, tmp, t))
        writes.append(end if end.startswith('"') else lambda o: f"ua_out_str({o}, {end});")
        calls, text = [], []
        for w in writes + [None]:
            if isinstance(w, str):
                text.append(w)
                continue
            if text:
                calls.append(f"ua_out_cstr(&ua_stdout, {' '.join(text)});")
                text = []
            if w is not None:
                calls.append(w("&ua_stdout"))
        body = " ".join(d for d in decls if d) + (" " if decls else "") + " ".join(calls)
        return f"{{ {body} }}"

    def not_running(self, q, args_c=""):
        """In a function, a check that no loop is running before one is run
        (sema rejects the call in a coroutine, but a function may be called
        from one): CPython's RuntimeError, after the arguments (args_c)."""
        if self.ir.inst is None:
            return ""
        message = ("asyncio.run() cannot be called from a running event loop" if q.startswith("asyncio.run")
                   else "This event loop is already running")
        return f"if (ua_current) {{ {args_c} ua_raise(&ua_RuntimeError, {c_string(message)}); UA_FAIL(); }} "

    def api(self, q, e):
        if q in FIXED_API_C:
            return FIXED_API_C[q]
        if q in ("asyncio.run", "loop.run_until_complete"):
            inst = e.args[0].instance
            root = f"{inst.c_name}_root_L{e.span.line}_{e.span.col}"
            if root not in self.mod.statics:
                self.mod.statics.append(f"static {inst.c_name}_task {root};")
            rt = self.mod.ctype(inst.return_type)
            args = e.args[0].bound_args
            run = f"ua_run_until_complete(&{root}.hdr)"
            if q == "asyncio.run" and self.mod.shutdown:   # then the tasks left are cancelled
                run = f"({{ ua_status s_ = {run}; ua_asyncio_run_end(); s_; }})"
            return (f"({{ {self.not_running(q, f'(void){self.frame_init(inst, args)};')}"
                    f"{self.task_init(root, inst, args, 0)}"
                    f" if ({run} == UA_RAISED) UA_FAIL(); ({rt}){root}.frame.result; }})")
        if q in ("asyncio.run.sleep", "loop.run_until_complete.sleep"):
            call = e.args[0]
            tmp = self.fresh("sleeper")
            if call.kind == "asyncio.sleep":
                d = self.coerced(call.args[0], T.FLOAT)
                setup = f"ua_float d_ = {d}; {tmp}.yield_only = d_ <= 0; {tmp}.ms = ua_gen_seconds_to_ms(d_);"
            else:
                d = self.coerced(call.args[0], T.INT)
                setup = f"ua_int d_ = {d}; {tmp}.yield_only = d_ <= 0; {tmp}.ms = ua_gen_ms(d_);"
            return (f"({{ static ua_gen_sleep_task {tmp}; {setup} {self.not_running(q)}{tmp}.state = 0;"
                    f" ua_task_init(&{tmp}.hdr, ua_gen_sleep_step, 0);"
                    f" if (ua_run_until_complete(&{tmp}.hdr) == UA_RAISED) UA_FAIL(); UA_NONE; }})")
        if q in ("asyncio.create_task", "loop.create_task"):
            inst = e.args[0].instance
            flags = "UA_TASK_ARENA | UA_TASK_DETACHED" if getattr(e, "discarded", False) else "UA_TASK_ARENA"
            tt = f"{inst.c_name}_task"
            tmp = self.fresh("task")
            return (f"({{ {tt} *{tmp} = UA_NONNULL({tt} *, ua_task_alloc(sizeof({tt})));"
                    f" {self.task_init('*' + tmp, inst, e.args[0].bound_args, flags)}"
                    f" ua_task_schedule(&{tmp}->hdr); &{tmp}->hdr; }})")
        if q == "loop.run_forever":
            return f"({{ {self.not_running(q)}ua_run_forever(); UA_NONE; }})"
        if q == "loop.set_exception_handler":
            h = f"{e.handler.c_name}_exception_handler" if e.handler is not None else "NULL"
            return f"({{ ua_exception_handler = {h}; UA_NONE; }})"
        if q == "loop.default_exception_handler":
            c = self.fresh("ctx")
            return (f"({{ const ua_gen_context *{c} = {self.expr(e.args[0])};"
                    f" ua_default_exception_handler({c}->message, {c}->exception); UA_NONE; }})")
        if q in ("loop.call_soon", "loop.call_later", "loop.call_later_ms"):
            inst = e.instance
            tmp = self.fresh("cb")
            if inst is None:      # through a callable value
                ct = T.resolve(e.cb_callable)
                cb = self.mod.callable_callback_name(ct)
                sets = f"{tmp}->fn = {self.expr(e.args[0 if q == 'loop.call_soon' else 1])}; "
                sets += " ".join(f"{tmp}->a{i} = {self.coerced(a, t)};" for i, (a, t) in enumerate(zip(e.cb_args, ct.params)))
            else:
                cb = f"{inst.c_name}_callback"
                sets = " ".join(f"{tmp}->a{i} = {self.coerced(a, t)};" for i, (a, t) in enumerate(zip(e.cb_args, inst.arg_types)))
            if q == "loop.call_soon":
                sched = f"ua_task_schedule(&{tmp}->hdr);"
            elif q == "loop.call_later":
                sched = f"ua_task_schedule_later(&{tmp}->hdr, ua_gen_seconds_to_ms({self.coerced(e.args[0], T.FLOAT)}));"
            else:
                sched = f"ua_task_schedule_later(&{tmp}->hdr, ua_gen_ms({self.coerced(e.args[0], T.INT)}));"
            return (f"({{ {cb} *{tmp} = UA_NONNULL({cb} *, ua_task_alloc(sizeof({cb})));"
                    f" ua_task_init(&{tmp}->hdr, {cb}_step, UA_TASK_CALLBACK | UA_TASK_DETACHED | UA_TASK_ARENA);"
                    f" {sets} {sched} UA_NONE; }})")
        if q == "micropython.const":
            return self.expr(e.args[0])
        if q == "time.ticks_diff":
            return f"ua_time_ticks_diff({self.coerced(e.args[0], T.INT)}, {self.coerced(e.args[1], T.INT)})"
        if q == "time.ticks_add":
            return f"ua_time_ticks_add({self.coerced(e.args[0], T.INT)}, {self.coerced(e.args[1], T.INT)})"
        if q == "time.sleep_ms":
            return f"({{ ua_gen_block_ms(ua_gen_ms({self.coerced(e.args[0], T.INT)})); UA_NONE; }})"
        if q == "time.sleep_us":
            return f"({{ ua_gen_block_ms(ua_gen_ms({self.coerced(e.args[0], T.INT)}) / 1000u); UA_NONE; }})"
        if q == "time.sleep":
            return f"({{ ua_gen_block_ms(ua_gen_seconds_to_ms({self.coerced(e.args[0], T.FLOAT)})); UA_NONE; }})"
        raise AssertionError(q)


class _HelperIR:
    """Stands in for a function when a helper's body is built from
    expression emitters (no statements, no frame)."""
    is_async = False
    params = []
    frame_vars = []
    inst = None


def _flagged_cell(v):
    """A captured variable that is not a parameter nor assigned before any
    closure can run: whether it has been assigned is a flag next to it,
    which closures' reads check."""
    return getattr(v, "cell", False) and v.kind != "param" and not getattr(v, "always_bound", False)


def simple_exception(call):
    """An exception made with no argument or one str and no __init__ of
    the program's: its message is all it keeps."""
    return call.exc_init is None and (not call.args or (len(call.args) == 1 and T.resolve(call.args[0].type) is T.STR))


def class_repr(cls):
    """print(C) of a class of the program, as CPython shows it."""
    return f"<class '__main__.{cls.name}'>"


def field_name(v):
    """The C name of a local or frame field; hidden temporaries end in '_',
    which c_ident keeps free of Python names."""
    if v.name == ENV_PARAM:
        return "up_"
    return v.name + "_" if v.kind == "temp" else c_ident(v.name)


class _RawC:
    """C text the loop lowering needs at the start of a body."""

    def __init__(self, span, text):
        self.span, self.text = span, text


class _SetTarget:
    """The first statement of a lowered for loop's body: target = item."""

    def __init__(self, target, value_c, type_, span):
        self.target, self.value_c, self.type, self.span = target, value_c, type_, span


def _target_type(target, default):
    if isinstance(target, A.Name) and isinstance(target.binding, VarInfo):
        return target.binding.type
    if isinstance(target, A.Subscript):
        container = T.resolve(target.value.type)
        if container in T.BUFFERS:
            return default
        return container.value if isinstance(container, T.DictT) else container.elem
    if isinstance(target, A.Attribute) and getattr(target, "type", None) is not None:
        return target.type
    return default


# Runtime calls that take no arguments: their C is a fixed expression.
FIXED_API_C = {
    "asyncio.get_event_loop": "UA_NONE", "asyncio.new_event_loop": "UA_NONE", "loop.close": "UA_NONE",
    "loop.stop": "({ ua_loop_stop(); UA_NONE; })",
    "loop.time": "ua_loop_time()",
    "asyncio.current_task": "ua_current",
    "loop.get_exception_handler": "ua_exception_handler",
    "gc.collect": "({ ua_arena_collect(); UA_NONE; })",
    "gc.mem_alloc": "(ua_int)ua_arena_used()",
    "gc.mem_free": "(ua_int)(ua_arena_size() - ua_arena_used())",
    "gc.enable": "({ ua_arena_auto_collect(true); UA_NONE; })",
    "gc.disable": "({ ua_arena_auto_collect(false); UA_NONE; })",
    "gc.isenabled": "ua_arena_auto_collects()",
    "time.ticks_ms": "ua_time_ticks_ms()",
    "time.ticks_us": "ua_time_ticks_us()",
    "time.ticks_cpu": "ua_time_ticks_cpu()",
}


def _is_number_constant(e):
    """A number or bool literal, or one negated: a C constant expression."""
    if isinstance(e, A.UnaryOp) and e.op == "-":
        e = e.operand
    return isinstance(e, A.Constant) and type(e.value) in (int, float, bool)


def _c_bool(v):
    return "true" if v else "false"


def _folded_constant(e):
    """An item CPython's compiler folds to a constant (a set display of
    more than two of them is built from a frozenset constant)."""
    if isinstance(e, A.Constant):
        return True
    if isinstance(e, A.UnaryOp) and e.op in ("-", "+", "~"):
        return _folded_constant(e.operand)
    if isinstance(e, A.BinOp):
        return _folded_constant(e.left) and _folded_constant(e.right)
    return False


def node_error(fe, node, message):
    return fe.mod.prog.source.error(node.span, message)


# The calls that run the event loop (kinds set by sema; "asyncio.run.sleep"
# and the like included).
RUNS_THE_LOOP = ("asyncio.run", "loop.run_until_complete", "loop.run_forever")


# ua_sched.h's UA_FEATURE_* flags, each with the runtime names through which
# generated code can need it (a function it calls, or a task flag it sets).
RUNTIME_FEATURES = (
    # (a CancelledError the program raises ends its task cancelled, as a cancel's)
    ("UA_FEATURE_CANCEL", ("ua_task_cancel", "ua_wait_for", "ua_asyncio_run_end", "ua_CancelledError")),
    ("UA_FEATURE_TASK_WAITERS", ("ua_task_await", "ua_task_wait", "ua_task_wait_cb", "ua_wait_for",
                                 "ua_asyncio_run_end")),
    ("UA_FEATURE_GATHER", ("ua_gather_init", "ua_gather_start", "ua_gather_add", "ua_gather_wait",
                           "ua_gather_await", "ua_gather_release")),
    ("UA_FEATURE_CALLBACKS", ("UA_TASK_CALLBACK", "ua_timeout_init", "ua_wait_for")),
    ("UA_FEATURE_ISR_SIGNALS", ("ua_event_set_from_isr", "ua_tsflag_set")),
    ("UA_FEATURE_LOOP_STOP", ("ua_loop_stop",)),
    ("UA_FEATURE_SHUTDOWN", ("ua_asyncio_run_end",)),
)


def runtime_features(module_c, collector, held_tasks=False):
    """The UA_FEATURE_* flags the generated module needs, as a C
    expression: the scheduler paths of the others are left out, and the
    arena's collector unless the program's allocation is bounded (which
    bounds its tasks too: a few hundred timers at most need no express
    lane in the timer queue); with it, the collector takes finished tasks
    only if the program can hold them (ModuleEmitter.holds_tasks)."""
    used = set(re.findall(r"\bua_\w+|\bUA_TASK_CALLBACK\b", module_c))
    flags = [flag for flag, names in RUNTIME_FEATURES if used.intersection(names)]
    if collector:
        flags += ["UA_FEATURE_COLLECTOR", "UA_FEATURE_TIMER_LANE"]
        if held_tasks:
            flags.append("UA_FEATURE_HELD_TASKS")
    return " | ".join(flags) or "0"


def emit_module(prog, functions, module_ir, path, collector):
    return ModuleEmitter(prog, functions, module_ir, path, collector).emit()
