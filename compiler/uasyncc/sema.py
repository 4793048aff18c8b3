"""Semantic analysis: name resolution and whole-program type inference.

Analysis starts at the module's top-level statements and follows calls:
each function is specialised per distinct argument-type signature, and each
specialisation (an Instance) gets its own copy of the function's body, whose
expressions are annotated in place (`expr.type`, and `call.kind` and
friends on calls). A variable keeps one type for its life; a conflict is a
diagnostic naming both places.
"""
import copy
import os
from dataclasses import dataclass, fields

from . import astnodes as A
from . import cinterop
from .paths import PYBOARD
from . import types as T
from .diagnostics import CompileError, SourceFile

ASYNCIO_NAMES = {"asyncio", "uasyncio"}
TIME_NAMES = {"time", "utime"}
# MicroPython's gc: collect() runs the arena's collector (it returns None
# there, as here); mem_free()/mem_alloc() are the arena's bytes; disable()
# leaves collecting to a failing allocation and gc.collect().
GC_API_TYPES = {"gc.collect": T.NONE, "gc.mem_free": T.INT, "gc.mem_alloc": T.INT,
                "gc.enable": T.NONE, "gc.disable": T.NONE, "gc.isenabled": T.BOOL}
GC_API = {q.split(".")[1] for q in GC_API_TYPES}
GC_LATER = {"threshold"}

ASYNCIO_EXC = ("CancelledError", "TimeoutError", "QueueEmpty", "QueueFull", "BrokenBarrierError")
ASYNCIO_PRIMS = {"Event": "event", "ThreadSafeFlag": "tsflag", "Lock": "lock", "Semaphore": "sem",
                 "BoundedSemaphore": "sem", "Condition": "cond", "Queue": "queue", "Barrier": "barrier"}
ASYNCIO_API = {"run", "create_task", "sleep", "sleep_ms", "gather", "get_event_loop",
               "new_event_loop", "wait_for", "wait_for_ms", "current_task"} | set(ASYNCIO_EXC) | set(ASYNCIO_PRIMS)
# Modules whose functions are the runtime's (check_api, call_api).
RUNTIME_API_MODULES = ("asyncio", "time", "micropython", "primitives", "gc")
ASYNCIO_LATER = {"Event", "Lock", "Semaphore", "BoundedSemaphore", "Condition", "Queue",
                 "Barrier", "ThreadSafeFlag", "wait_for", "wait_for_ms", "current_task",
                 "CancelledError", "TimeoutError", "StreamReader", "StreamWriter",
                 "QueueEmpty", "QueueFull", "shield", "wait", "open_connection",
                 "start_server", "run_until_complete"}
TIME_API = {"ticks_ms", "ticks_us", "ticks_cpu", "ticks_diff", "ticks_add", "sleep_ms",
            "sleep_us", "sleep"}
LOOP_API = {"create_task", "run_until_complete", "run_forever", "stop", "call_soon",
            "call_later", "call_later_ms", "time", "close", "set_exception_handler",
            "default_exception_handler", "get_exception_handler"}
BUILTINS = {"print", "len", "range", "str", "int", "float", "abs", "bool", "repr", "isinstance", "super",
            "enumerate", "zip", "sum", "min", "max", "any", "all", "sorted", "divmod", "round", "hex",
            "ord", "chr", "type", "next", "list", "iter", "bytes", "bytearray", "memoryview", "set"}
BUILTIN_EXC = T.builtin_exceptions()
BUILTIN_EXC["AttributeError"] = T.ExcClass("AttributeError", "&ua_gen_AttributeError", BUILTIN_EXC["Exception"])
BUILTIN_EXC["NameError"] = T.ExcClass("NameError", "&ua_gen_NameError", BUILTIN_EXC["Exception"])
BUILTIN_EXC["UnboundLocalError"] = T.ExcClass("UnboundLocalError", "&ua_gen_UnboundLocalError",
                                              BUILTIN_EXC["NameError"])
BUILTIN_EXC["StopIteration"] = T.ExcClass("StopIteration", "&ua_gen_StopIteration", BUILTIN_EXC["Exception"])
BUILTIN_EXC["StopAsyncIteration"] = T.ExcClass("StopAsyncIteration", "&ua_gen_StopAsyncIteration",
                                               BUILTIN_EXC["Exception"])
for _name, _base in (("UnicodeError", "ValueError"), ("UnicodeDecodeError", "UnicodeError"),
                     ("UnicodeEncodeError", "UnicodeError")):
    BUILTIN_EXC[_name] = T.ExcClass(_name, f"&ua_{_name}", BUILTIN_EXC[_base])
BUILTIN_EXC_NAMES = set(BUILTIN_EXC) - {"CancelledError", "QueueEmpty", "QueueFull", "BrokenBarrierError"}
NOT_SUPPORTED = {"eval", "exec", "compile", "globals", "locals", "vars", "getattr",
                 "setattr", "delattr", "__import__", "open", "input"}
MAX_INT = 2**31 - 1


class VarInfo:
    def __init__(self, name, type_, span, kind):
        self.name = name
        self.type = type_
        self.span = span
        self.kind = kind    # 'param', 'local', 'global', 'temp'


class FuncInfo:
    def __init__(self, node, module, cls=None):
        self.node = node
        self.cls = cls            # the ClassInfo of a method
        self.method_kind = "method"   # or "property", "staticmethod"
        self.is_generator = not node.is_async and any(
            isinstance(n, (A.Yield, A.YieldFrom)) for n in _walk_function(node))
        self.name = node.name
        self.is_async = node.is_async
        self.module = module
        self.instances = {}
        self.locals = set()       # names assigned in the body, not declared global
        self.globals = set()
        self.nonlocals = set()
        self.outer_inst = None    # a nested function's enclosing function instance
        self.cells = set()        # locals that nested functions capture
        self.captured = set()     # names of enclosing functions' locals it uses
        self.has_env = False      # it gives nested functions an environment


class Instance:
    """One specialisation of a function for one argument-type signature."""

    def __init__(self, func, arg_types, body, index):
        self.func = func
        self.arg_types = arg_types
        self.body = body
        self.index = index
        self.vars = {}            # name -> VarInfo (params and locals)
        self.return_type = None
        self.analysing = False
        self.used_as_task = False
        self.isr = False          # runs in interrupt context
        self.yield_type = T.TVar()   # what a generator yields
        self.comp_vars = []       # comprehension variables (hidden locals)
        self.c_name = None        # set when every instance is known
        self.local_funcs = {}     # name -> FuncInfo of the functions nested in it

    @property
    def params(self):
        return [p.name for p in self.func.node.params]


class Program:
    def __init__(self, source, module_name):
        self.source = source
        self.module_name = module_name
        self.globals = {}         # name -> VarInfo
        self.funcs = {}           # name -> FuncInfo
        self.instances = []       # in discovery order
        self.module_body = []
        self.callbacks = {}       # (instance, arg type keys) -> arg types
        self.classes = []         # ClassInfo, in definition order
        self.module_comp_vars = []
        self.members = []         # functions and methods used as values
        self.exc_handlers = {}    # instances given to loop.set_exception_handler
        self.native_headers = set()
        self.exc_classes = []     # the program's own exception classes
        self.exc_complex_args = []   # exceptions made with several or non-str arguments
        self.exc_arg_reads = []      # e.args[i]
        self.isr_callbacks = {}   # id(instance) -> instance called from interrupts
        self.env_refs = []        # every use of a closure environment (EnvRef)
        self.callable_callbacks = []   # callable types scheduled with call_soon/call_later


class NeedsOptional(Exception):
    """A slot (variable, field or result) holds both None and a value: the
    analysis starts again with that slot Optional from its first store."""

    def __init__(self, slot):
        super().__init__(slot)
        self.slot = slot


class Analyzer:
    def __init__(self, source: SourceFile, module: A.Module, module_name: str, nullable=frozenset()):
        self.src = source
        self.nullable = nullable      # slots known to hold None and values
        self.module = module
        self.prog = Program(source, module_name)
        self.bindings = {}        # module-level name -> ('module', m) | ('func', f) | ('builtin', n) | ('api', q)
        self.inst = None          # the instance being analysed, None at module level
        self.loop_depth = 0
        self.handler_depth = 0
        self.comp_scopes = []     # comprehension variables, innermost last
        self.coroutine_list = False   # analysing gather(*[coro() ...])
        self.n_comp = 0
        self.comp_vars = []       # those of the code being analysed

    # ------------------------------------------------------------ reporting
    def err(self, node, message, notes=()):
        return self.src.error(node.span, message, notes)

    # -------------------------------------------------------------- driving
    def run(self):
        self.collect_module()
        for f in self.all_funcs():
            self.check_function(f)
        self.prog.module_body = self.module_stmts(self.module.body)
        self.comp_vars = self.prog.module_comp_vars
        self.block(self.prog.module_body)
        for inst in list(self.prog.isr_callbacks.values()):
            self.check_isr(inst, set())
        _mark_escaping_envs(self.prog)
        if self.prog.exc_arg_reads and self.prog.exc_complex_args:
            # e.args[i] is a str read from the message, which these do not keep
            raise self.err(self.prog.exc_arg_reads[0], "e.args[i] is supported only when every exception is made "
                                                      "with at most one str argument",
                           [self.src.note(self.prog.exc_complex_args[0].span, "an exception made here")])
        taken = set()
        for i, inst in enumerate(self.prog.instances):
            siblings = list(inst.func.instances.values())
            owner = f"{inst.func.cls.name}_" if inst.func.cls else ""
            base = f"{self.prog.module_name}_{owner}{inst.func.name}"
            if inst.func.outer_inst is not None:
                base = f"{inst.func.outer_inst.c_name}_{inst.func.name}"
            if len(siblings) > 1:
                base += "__" + "_".join(T.mangle(t) for t in inst.arg_types) if inst.arg_types else ""
                base += "" if inst.arg_types else f"__{siblings.index(inst)}"
            while base in taken:   # signatures that became equal after inference
                base += "_"
            taken.add(base)
            inst.c_name = base
        return self.prog

    def module_stmts(self, body):
        """The module's statements, minus the import idiom already resolved."""
        return [s for s in body if not isinstance(s, (A.Import, A.ImportFrom, A.FunctionDef, A.ClassDef))
                and not self.is_import_try(s)]

    # ------------------------------------------------------------- module
    def collect_module(self):
        for stmt in self.module.body:
            if isinstance(stmt, (A.Import, A.ImportFrom)):
                self.bind_import(stmt)
            elif self.is_import_try(stmt):
                for s in stmt.body:
                    self.bind_import(s)
            elif isinstance(stmt, A.FunctionDef):
                if stmt.decorators:
                    raise self.err(stmt.decorators[0], "decorators are not supported yet")
                if stmt.name in self.prog.funcs:
                    first = self.prog.funcs[stmt.name].node
                    raise self.err(stmt, f"function '{stmt.name}' is defined twice",
                                   [self.src.note(first.span, "first definition here")])
                self.prog.funcs[stmt.name] = FuncInfo(stmt, self.prog)
                self.bindings[stmt.name] = ("func", self.prog.funcs[stmt.name])
            elif isinstance(stmt, A.ClassDef):
                if self.is_exception_class(stmt):
                    self.exception_class(stmt)
                else:
                    self.user_class(stmt)
        for func in self.all_funcs():
            self.collect_scope(func)

    def all_funcs(self):
        yield from self.prog.funcs.values()
        for cls in self.prog.classes:
            yield from cls.methods.values()
        yield from (c.init for c in self.prog.exc_classes if c.init is not None)

    def is_exception_class(self, stmt):
        for b in stmt.bases:
            if isinstance(b, A.Name):
                bound = self.bindings.get(b.id)
                if (bound is not None and bound[0] == "exc") or (bound is None and b.id in BUILTIN_EXC_NAMES):
                    return True
            if isinstance(b, A.Attribute) and b.attr in ASYNCIO_EXC:
                return True
        return False

    def await_method(self, fn):
        """A generator-based __await__ is a coroutine: `yield from x` (and
        CPython's `yield from x.__await__()`) awaits x, a bare `yield` gives
        way like `await asyncio.sleep(0)`, `return v` is the await's value."""
        fn.is_async = True

        def convert(node):
            if isinstance(node, A.YieldFrom):
                inner = node.value
                if isinstance(inner, A.Call) and isinstance(inner.func, A.Attribute) \
                        and inner.func.attr == "__await__" and not inner.args:
                    inner = inner.func.value
                return A.Await(node.span, inner)
            if isinstance(node, A.Yield):
                if node.value is not None:
                    raise self.err(node, "__await__ may only `yield` without a value (to give way)")
                return A.Await(node.span, A.Call(node.span, A.Name(node.span, "__give_way__"), [], []))
            return node

        for n in list(A.walk(fn)):
            for f in fields(n):
                value = getattr(n, f.name)
                if isinstance(value, (A.Yield, A.YieldFrom)):
                    setattr(n, f.name, convert(value))
                elif isinstance(value, list):
                    value[:] = [convert(v) if isinstance(v, (A.Yield, A.YieldFrom)) else v for v in value]

    def user_class(self, stmt):
        if stmt.decorators:
            raise self.err(stmt.decorators[0], "class decorators are not supported yet")
        if stmt.keywords or len(stmt.bases) > 1:
            raise self.err(stmt, "only single inheritance is supported")
        base = None
        prim = None
        if stmt.bases:
            b = stmt.bases[0]
            bound = self.bindings.get(b.id) if isinstance(b, A.Name) else None
            prim = self.primitive_class(b)
            if isinstance(b, A.Name) and b.id == "object":
                base = None
            elif prim is not None:
                base = None
            elif bound is None or bound[0] != "class":
                raise self.err(b, "a base class must be a class defined earlier in this module")
            else:
                base = bound[1]
        if stmt.name in self.bindings:
            raise self.err(stmt, f"'{stmt.name}' is defined twice")
        cls = T.ClassInfo(stmt.name, stmt, base, f"{self.prog.module_name}_{stmt.name}")
        if prim is not None:
            kind = "message" if prim == "Message" else ASYNCIO_PRIMS[prim]
            cls.prim = (prim, T.PrimT(kind, T.TVar() if kind in ("queue", "message") else None))
        for item in stmt.body:
            if isinstance(item, A.FunctionDef):
                kinds = [d.id if isinstance(d, A.Name) else None for d in item.decorators]
                if len(kinds) > 1 or (kinds and kinds[0] not in ("property", "staticmethod", "classmethod")):
                    raise self.err(item.decorators[0], "only @property, @staticmethod and @classmethod are "
                                                       "supported on methods")
                kind = kinds[0] if kinds else "method"
                if kind != "staticmethod" and (not item.params or item.params[0].kind != "normal"):
                    first = "cls" if kind == "classmethod" else "self"
                    raise self.err(item, f"method '{item.name}' needs a '{first}' parameter")
                if kind == "property" and (len(item.params) != 1 or item.is_async):
                    raise self.err(item, "a property takes only self and is not async")
                if item.name == "__await__":
                    self.await_method(item)
                info = FuncInfo(item, self.prog, cls)
                info.method_kind = kind
                if info.is_generator and kind == "property":
                    raise self.err(item, "a property that is a generator is not supported")
                derived = cls.prim_base() or (base.prim_base() if base is not None else None)
                if item.name == "__init__" and derived is not None and not any(
                        _is_super_init(n) for n in _walk_function(item)):
                    raise self.err(item, f"the __init__ of a class deriving from asyncio.{derived[0]} must call "
                                         "super().__init__()")
                cls.methods[item.name] = info
            elif isinstance(item, A.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], A.Name) \
                    and _is_constant(item.value):
                cls.constants[item.targets[0].id] = item.value
            elif isinstance(item, A.Pass) or (isinstance(item, A.ExprStmt) and isinstance(item.value, A.Constant)):
                pass
            elif isinstance(item, A.Assign) and len(item.targets) == 1 and isinstance(item.targets[0], A.Name) \
                    and item.targets[0].id == "__iter__" and isinstance(item.value, A.Name) \
                    and item.value.id == "__await__":
                pass    # MicroPython's `__iter__ = __await__`: the same awaitable
            else:
                raise self.err(item, "a class body may hold methods and constants only")
        self.prog.classes.append(cls)
        self.bindings[stmt.name] = ("class", cls)

    def primitive_class(self, b):
        """The asyncio primitive a base-class expression names (`asyncio.Event`,
        or `Event` imported from asyncio), or None."""
        if isinstance(b, A.Attribute) and isinstance(b.value, A.Name) and \
                self.bindings.get(b.value.id) == ("module", "primitives") and b.attr == "Message":
            return "Message"
        if isinstance(b, A.Name) and self.bindings.get(b.id) == ("api", "primitives.Message"):
            return "Message"
        if isinstance(b, A.Attribute) and isinstance(b.value, A.Name) and \
                self.bindings.get(b.value.id) == ("module", "asyncio"):
            name = b.attr
        elif isinstance(b, A.Name) and isinstance(self.bindings.get(b.id), tuple) and \
                self.bindings[b.id][0] == "api" and self.bindings[b.id][1].startswith("asyncio."):
            name = self.bindings[b.id][1][8:]
        else:
            return None
        if name == "ThreadSafeFlag" or name not in ASYNCIO_PRIMS:
            raise self.err(b, f"subclassing asyncio.{name} is not supported")
        return name

    def exception_class(self, stmt):
        """`class MyError(ValueError): pass`: a new exception type."""
        base = None
        if len(stmt.bases) == 1 and not stmt.keywords and not stmt.decorators:  # noqa: SIM102
            b = stmt.bases[0]
            if isinstance(b, A.Name):
                bound = self.bindings.get(b.id)
                if bound is not None and bound[0] == "exc":
                    base = bound[1]
                elif bound is None and b.id in BUILTIN_EXC_NAMES:
                    base = BUILTIN_EXC[b.id]
            elif isinstance(b, A.Attribute) and isinstance(b.value, A.Name) and \
                    self.bindings.get(b.value.id) == ("module", "asyncio") and b.attr in ASYNCIO_EXC:
                base = BUILTIN_EXC[b.attr]
        if base is None:
            raise self.err(stmt, "an exception class derives from one exception class")
        if stmt.name in self.bindings:
            raise self.err(stmt, f"'{stmt.name}' is defined twice")
        cls = T.ExcClass(stmt.name, f"&{self.prog.module_name}_{stmt.name}_type", base, user=True)
        for x in stmt.body:
            if isinstance(x, A.Pass) or (isinstance(x, A.ExprStmt) and isinstance(x.value, A.Constant)):
                continue
            if isinstance(x, A.FunctionDef) and x.name == "__init__" and not x.decorators and not x.is_async \
                    and x.params and x.params[0].kind == "normal" and x.params[0].default is None:
                cls.init = FuncInfo(x, self.prog, cls)
                continue
            raise self.err(x, "an exception class may define __init__ only (other methods and class "
                              "attributes are not supported yet)")
        self.prog.exc_classes.append(cls)
        self.bindings[stmt.name] = ("exc", cls)

    def is_import_try(self, stmt):
        """`try: import uasyncio as asyncio / except ImportError: import asyncio`"""
        return (isinstance(stmt, A.Try) and stmt.handlers and not stmt.finalbody
                and all(isinstance(s, (A.Import, A.ImportFrom)) for s in stmt.body)
                and all(isinstance(s, (A.Import, A.ImportFrom, A.Pass))
                        for h in stmt.handlers for s in h.body))

    def bind_import(self, stmt):
        if isinstance(stmt, A.Import):
            for alias in stmt.names:
                mod = self.module_kind(alias.name, alias)
                self.bindings[alias.asname or alias.name] = ("module", mod)
        else:
            mod = self.module_kind(stmt.module, stmt)
            for alias in stmt.names:
                if alias.name == "*":
                    raise self.err(alias, "'import *' is not supported")
                self.check_api(mod, alias.name, alias)
                self.bindings[alias.asname or alias.name] = ("api", f"{mod}.{alias.name}")

    def module_kind(self, name, node):
        if name in ASYNCIO_NAMES:
            return "asyncio"
        if name in TIME_NAMES:
            return "time"
        if name in ("micropython", "gc"):
            return name
        if name == "primitives":
            return "primitives"
        if name in ("pyb", "machine"):
            self.prog.native_headers.add("pyb.h")
            return name
        raise self.err(node, f"no module named '{name}'")

    def check_api(self, mod, attr, node):
        if mod in NATIVE_MODULES:
            self.native_attr(mod, attr, node)
            return
        ok = {"asyncio": ASYNCIO_API, "time": TIME_API, "micropython": {"const"},
              "primitives": {"Message", "Barrier"}, "gc": GC_API}[mod]
        if attr in ok:
            return
        if mod == "asyncio" and attr in ASYNCIO_LATER:
            raise self.err(node, f"asyncio.{attr} is not supported yet")
        if mod == "gc" and attr in GC_LATER:
            raise self.err(node, f"gc.{attr} is not supported yet")
        raise self.err(node, f"module '{mod}' has no attribute '{attr}'")

    def collect_scope(self, func):
        """Python's rules: a name assigned anywhere in a function is local to
        it; a name a nested function uses that is local to an enclosing
        function is captured (a cell of that function's environment)."""
        sc = _scope(func.node)
        func.globals, func.nonlocals, func.locals, func.cells = sc.globals, sc.nonlocals, sc.locals, sc.cells
        func.rebound = sc.rebound
        enclosing, outer = set(), func.outer_inst
        while outer is not None:
            enclosing |= outer.func.locals
            outer = outer.func.outer_inst
        func.free = sc.free
        func.captured = sc.free & enclosing
        func.has_env = bool(sc.child_free & (sc.locals | func.captured))

    def check_function(self, func):
        """Checks that hold whether or not the function is ever called."""
        chain, outer = [], func.outer_inst
        while outer is not None:
            chain.append(outer.func.locals)
            outer = outer.func.outer_inst
        self.check_scope(func.node, chain, func.is_async)

    def check_scope(self, fn, chain, is_async):
        """check_function for one function or lambda, then those nested in
        it; chain holds the locals of the enclosing functions."""
        for p in fn.params:
            if p.default is not None and not _is_constant(p.default):
                raise self.err(p.default, "a parameter default must be a constant")
        sc = _scope(fn)
        self.check_nonlocal(fn, sc, chain)
        if isinstance(fn, A.FunctionDef):
            self.check_loop_jumps(fn.body, False)
        for node in _walk_function(fn):
            if isinstance(node, (A.FunctionDef, A.Lambda)):
                if isinstance(node, A.FunctionDef) and node.decorators:
                    raise self.err(node.decorators[0], "decorators on nested functions are not supported yet")
                self.check_scope(node, chain + [sc.locals | sc.comp], isinstance(node, A.FunctionDef) and node.is_async)
                continue
            if isinstance(node, A.Name) and node.id in sc.comp:
                continue
            if isinstance(node, A.Await) and not is_async:
                raise self.err(node, "'await' outside async function")
            if isinstance(node, A.YieldFrom) and is_async:
                raise self.err(node, "'yield from' inside async function")
            if isinstance(node, A.Yield) and is_async:
                raise self.err(node, "asynchronous generators are not supported yet")
            if isinstance(node, A.Name) and node.id not in sc.locals and node.id not in sc.globals \
                    and not any(node.id in c for c in chain) and not self.global_exists(node.id):
                raise self.err(node, f"name '{node.id}' is not defined")

    def check_nonlocal(self, fn, sc, chain):
        """CPython's SyntaxErrors for `nonlocal`, in its order."""
        if not sc.nonlocals:
            return
        params = {p.name for p in fn.params}
        stored = {id(n) for t in sc.targets for n in _bound_names(t)}
        seen, assigned, declared_global = set(), set(), {}
        for node in _walk_function(fn):
            if isinstance(node, A.Global):
                declared_global.update((n, node) for n in node.names)
            elif isinstance(node, A.Name):
                (assigned if id(node) in stored else seen).add(node.id)
            elif isinstance(node, A.Nonlocal):
                for n in node.names:
                    if n in params:
                        raise self.err(node, f"name '{n}' is parameter and nonlocal")
                    if n in declared_global:
                        raise self.err(declared_global[n], f"name '{n}' is nonlocal and global")
                    if n in assigned:
                        raise self.err(node, f"name '{n}' is assigned to before nonlocal declaration")
                    if n in seen:
                        raise self.err(node, f"name '{n}' is used prior to nonlocal declaration")
        for node in _walk_function(fn):
            if isinstance(node, A.Global):
                for n in node.names:
                    if n in sc.nonlocals:
                        raise self.err(node, f"name '{n}' is nonlocal and global")
            if isinstance(node, A.Nonlocal):
                for n in node.names:
                    if not any(n in c for c in chain):
                        raise self.err(node, f"no binding for nonlocal '{n}' found")

    def check_loop_jumps(self, stmts, in_loop):
        """'break'/'continue' outside a loop, also in functions never called."""
        for st in stmts:
            if isinstance(st, (A.Break, A.Continue)) and not in_loop:
                word = "break" if isinstance(st, A.Break) else "continue"
                raise self.err(st, f"'{word}' outside loop" if word == "break" else "'continue' not properly in loop")
            if isinstance(st, (A.While, A.For)):
                self.check_loop_jumps(st.body, True)
                self.check_loop_jumps(st.orelse, in_loop)
            elif isinstance(st, (A.FunctionDef, A.ClassDef)):
                continue
            else:
                for f in ("body", "orelse", "finalbody"):
                    self.check_loop_jumps(getattr(st, f, None) or [], in_loop)
                for h in getattr(st, "handlers", None) or []:
                    self.check_loop_jumps(h.body, in_loop)

    def global_exists(self, name):
        if name == "__give_way__":
            return True
        if name in self.bindings or name in BUILTINS or name in NOT_SUPPORTED or name in BUILTIN_EXC_NAMES:
            return True
        if name in ("True", "False", "None", "__name__"):
            return True
        return any(name in _assigned_names(s) for s in self.module.body)

    # ------------------------------------------------------------ variables
    def lookup_var(self, name):
        for scope in reversed(self.comp_scopes):
            if name in scope:
                return scope[name], True
        owner = self.owner_of(name)
        if owner is not None:
            return owner.vars.get(name), True
        return self.prog.globals.get(name), False

    def owner_of(self, name):
        """The instance of the function whose local `name` is, seen from
        here: this one, or for a free name an enclosing one (None: global)."""
        inst = self.inst
        while inst is not None and name not in inst.func.globals:
            if name in inst.func.locals:
                return inst
            inst = inst.func.outer_inst
        return None

    def local_func(self, name):
        """The nested function `name` names here, if it does."""
        if any(name in sc for sc in self.comp_scopes):
            return None
        owner = self.owner_of(name)
        return owner.local_funcs.get(name) if owner is not None else None

    def env_ref(self, owner, span, escapes):
        """The environment of the enclosing instance `owner`, seen from here;
        `escapes`: it is stored where it may outlive the owner's call."""
        hops, inst = 0, self.inst
        while inst is not owner:
            inst, hops = inst.func.outer_inst, hops + 1
        ref = EnvRef(span, hops)
        ref.type = T.EnvT(owner)
        ref.escapes = escapes
        self.prog.env_refs.append(ref)
        return ref

    def expr_EnvRef(self, e):
        return e.type

    def assign_name(self, target, value_type, value_node):
        name = target.id
        value_type = T.resolve(value_type)
        self.check_storable(value_type, value_node)
        if self.comp_scopes and any(name in sc for sc in self.comp_scopes):
            var = next(sc[name] for sc in reversed(self.comp_scopes) if name in sc)
            if var.type is None:
                var.type = value_type
            elif not T.unify(var.type, value_type):
                raise self.err(target, f"type conflict: '{name}' is {T.resolve(var.type).name} here")
            target.type, target.binding = var.type, var
            return var
        owner = self.owner_of(name)
        if owner is not None:
            table, kind = owner.vars, "local"
            if name in owner.local_funcs:
                raise self.err(target, f"'{name}' names a nested function and cannot be assigned")
        else:
            table, kind = self.prog.globals, "global"
            if name in self.bindings:
                raise self.err(target, f"'{name}' names a function or module and cannot be assigned")
        var = table.get(name)
        slot = self.var_slot(name, kind, owner)
        if var is None:
            table[name] = var = VarInfo(name, self.slot_type(slot, value_type), target.span, kind)
            var.slot = slot
            _mark_cell(var, owner)
        else:
            self.check_assignable(var, value_type, target)
        target.type = var.type
        target.binding = var
        return var

    def var_slot(self, name, kind, owner=None):
        owner = (owner or self.inst).func.name if kind == "local" and self.inst is not None else "<global>"
        return ("var", owner, name)

    def slot_type(self, slot, value_type):
        """The type a slot gets from its first store."""
        vt = T.resolve(value_type)
        if vt is T.NONE:
            return T.NullVar()
        if slot in self.nullable and T.is_pointer(vt):
            return T.OptT(vt)
        return vt

    def storable_into(self, target_t, value_t, slot):
        """Whether a value may be stored where target_t lives; a None/value
        mix on a pointer type asks for the slot to be Optional."""
        tt, vt = T.resolve(target_t), T.resolve(value_t)
        if isinstance(vt, T.OptT) and not isinstance(tt, (T.OptT, T.NullVar, T.TVar)):
            if slot is not None and slot not in self.nullable:
                raise NeedsOptional(slot)
            return False
        if T.unify(tt, vt):
            return True
        if slot is not None and slot not in self.nullable and (
                (vt is T.NONE and T.is_pointer(tt)) or (tt is T.NONE and T.is_pointer(vt))):
            raise NeedsOptional(slot)
        return False

    def check_assignable(self, var, value_type, node):
        vt, tt = T.resolve(value_type), T.resolve(var.type)
        if isinstance(tt, T.CallableT) and isinstance(vt, T.CallableT) and T.unify(tt, vt):
            self.realize(tt, node)
            return
        if self.storable_into(tt, vt, getattr(var, "slot", None)):
            self.realize(tt, node)
        else:
            hint = " (write a float literal such as 2.0)" if {tt, vt} == {T.INT, T.FLOAT} else ""
            raise self.err(node, f"type conflict: '{var.name}' is {tt.name} but is assigned a {vt.name} here{hint}",
                           [self.src.note(var.span, f"'{var.name}' got type {tt.name} here")])

    def check_storable(self, t, node):
        if isinstance(t, (CoroLike)):
            raise self.err(node, "a coroutine cannot be stored in a variable: await it, or wrap it in asyncio.create_task()")
        if isinstance(t, (T.ModuleT, T.FuncT, T.NativeClassT, T.NativeNsT, T.ExcClassT, T.ClassT, T.BoundMethodT,
                          T.DictViewT)):
            raise self.err(node, "functions, classes and modules cannot be stored in variables yet")

    # ------------------------------------------------------------- calls
    def instantiate(self, func, arg_types, node, need_result=True):
        arg_types = tuple(T.resolve(t) for t in arg_types)
        key = tuple(T.key(t) for t in arg_types)
        # keys are recomputed: a list's element type may have been pinned down since
        inst = next((i for i in func.instances.values()
                     if tuple(T.key(t) for t in i.arg_types) == key), None)
        if inst is None:
            body = copy.deepcopy(func.node.body)
            inst = Instance(func, arg_types, body, len(func.instances))
            func.instances[key] = inst
            self.prog.instances.append(inst)
            for i, (p, t) in enumerate(zip(func.node.params, arg_types)):
                if not (i == 0 and func.method_kind == "classmethod"):   # cls: a class, known statically
                    self.check_storable(t, node)
                inst.vars[p.name] = VarInfo(p.name, t, p.span, "param")
                if isinstance(t, T.KwargsT):
                    inst.vars[p.name].kwargs_names = t.names
                inst.vars[p.name].varargs = p.kind == "vararg"
                _mark_cell(inst.vars[p.name], inst)
            self.analyse(inst)
        elif need_result and inst.analysing and inst.return_type is None:
            raise self.err(node, f"recursive call of '{func.name}' before its return type is known is not supported")
        return inst

    def analyse(self, inst):
        saved = (self.inst, self.loop_depth, self.handler_depth, self.comp_scopes, self.comp_vars)
        self.inst, self.loop_depth, self.handler_depth, self.comp_scopes = inst, 0, 0, []
        self.comp_vars = inst.comp_vars
        inst.analysing = True
        self.block(inst.body)
        inst.analysing = False
        inst.owned_tasks = _owned_task_vars(inst)
        falls = _can_fall_through(inst.body)
        if inst.return_type is None:
            # a function that can only raise gives whatever its callers need
            inst.return_type = T.NONE if falls else T.TVar()
        elif falls and not self.storable_into(inst.return_type, T.NONE, ("return", inst.func.name)):
            raise self.err(inst.func.node, f"'{inst.func.name}' returns {T.resolve(inst.return_type).name} but can "
                                           "also reach its end, which returns None: add a return statement",
                           [self.src.note(inst.return_span, "a value is returned here")])
        self.inst, self.loop_depth, self.handler_depth, self.comp_scopes, self.comp_vars = saved

    def bind_args(self, func, call):
        """Map a call's arguments onto the parameters; returns the argument
        expressions in parameter order (defaults filled in). Extra
        positional arguments become the *args tuple, extra keywords the
        **kwargs dict (call.kwargs_names: its keys, known here)."""
        params = func.node.params
        bound = [None] * len(params)
        hidden = 1 if params and params[0].name == ENV_PARAM else 0
        positional = [i for i, p in enumerate(params) if p.kind == "normal"]
        vararg = next((i for i, p in enumerate(params) if p.kind == "vararg"), None)
        kwarg = next((i for i, p in enumerate(params) if p.kind == "kwarg"), None)
        extra = []
        for n, a in enumerate(call.args):
            if isinstance(a, A.Starred):
                t = T.resolve(a.value.type) if getattr(a.value, "type", None) is not None else None
                raise self.err(a, "*x in a call needs a tuple (its length known at compile time)"
                                  + (f", not a {t.name}" if t is not None else " held in a variable or attribute"))
            if n < len(positional):
                bound[positional[n]] = a
            elif vararg is not None:
                extra.append(a)
            else:
                raise self.err(a, f"{func.name}() takes {len(positional) - hidden} positional arguments but "
                                  f"{len(call.args) - hidden} were given")
        extra_kw = []
        for kw in self.expand_kwargs(call.keywords):
            idx = next((i for i, p in enumerate(params) if p.name == kw.arg and p.kind in ("normal", "kwonly")),
                       None)
            if idx is None and kwarg is not None:
                if any(k.arg == kw.arg for k in extra_kw):
                    raise self.err(kw, f"{func.name}() got multiple values for keyword argument '{kw.arg}'")
                extra_kw.append(kw)
                continue
            if idx is None:
                raise self.err(kw, f"{func.name}() got an unexpected keyword argument '{kw.arg}'")
            if bound[idx] is not None:
                raise self.err(kw, f"{func.name}() got multiple values for argument '{kw.arg}'")
            bound[idx] = kw.value
        if vararg is not None:
            bound[vararg] = A.Tuple(call.span, extra)
        if kwarg is not None:
            bound[kwarg] = A.Dict(call.span, [A.Constant(k.span, k.arg) for k in extra_kw],
                                  [k.value for k in extra_kw])
            bound[kwarg].kwargs_names = tuple(k.arg for k in extra_kw)
        for i, p in enumerate(params):
            if bound[i] is None:
                if p.default is None:
                    what = "keyword-only argument" if p.kind == "kwonly" else "argument"
                    raise self.err(call, f"{func.name}() missing required {what} '{p.name}'")
                bound[i] = copy.deepcopy(p.default)
        return bound

    def expand_kwargs(self, keywords):
        """f(**kwargs) forwarding a **kwargs parameter that is never changed:
        its keys are the ones this specialisation was made for."""
        out = []
        for kw in keywords:
            if kw.arg is not None:
                out.append(kw)
                continue
            v = kw.value
            var = self.lookup_var(v.id)[0] if isinstance(v, A.Name) and self.owner_of(v.id) is self.inst else None
            names = getattr(var, "kwargs_names", None) if var is not None and var.kind == "param" else None
            if names is None or v.id in _changed_names(self.inst):
                raise self.err(kw, "f(**d) needs the keys at compile time: pass keywords, or forward an "
                                   "unchanged **kwargs parameter")
            for name in names:
                value = A.Subscript(kw.span, A.Name(v.span, v.id), A.Constant(kw.span, name))
                out.append(A.Keyword(kw.span, name, value))
        return out

    def expand_starred(self, args):
        """f(*t) with t a tuple (of a variable or attribute): its items."""
        out = []
        for a in args:
            if isinstance(a, A.Starred) and isinstance(a.value, (A.Name, A.Attribute)):
                t = T.resolve(self.expr(a.value))
                if isinstance(t, T.TupleT):
                    out.extend(A.Subscript(a.span, copy.deepcopy(a.value), A.Constant(a.span, i))
                               for i in range(len(t.elts)))
                    continue
            out.append(a)
        return out

    def arg_types(self, func, args, self_type=None):
        """The types of bound arguments (a method's self already known)."""
        types = [self_type] if self_type is not None else []
        types += [self.as_value(a, self.expr(a)) for a in args[len(types):]]
        for i, (p, a) in enumerate(zip(func.node.params, args)):
            if p.kind == "kwarg":     # a specialisation per set of keyword names
                dt = T.resolve(types[i])
                if not a.keys:
                    T.unify(dt.value, T.NONE)
                T.unify(dt.key, T.STR)
                types[i] = T.KwargsT(a.kwargs_names, dt.value)
                a.type = types[i]
        return types

    def call_user(self, func, call):
        if func.captured:    # a closure: its definer's environment first
            env = self.env_ref(func.outer_inst, call.func.span, escapes=func.is_async)
            args = self.bind_args(func, A.Call(call.span, call.func, [env] + list(call.args), call.keywords))
        else:
            args = self.bind_args(func, call)
        types = self.arg_types(func, args)
        # a generator's call gives the generator, not its result: it may recurse
        inst = self.instantiate(func, types, call, need_result=not func.is_generator)
        call.kind = "user"
        call.instance = inst
        call.bound_args = args
        if func.is_async:
            return T.CoroT(inst)
        if func.is_generator:
            return T.GenT(inst)
        return inst.return_type

    # --------------------------------------------------------- statements
    def block(self, stmts):
        for s in stmts:
            self.stmt(s)

    def stmt(self, s):
        m = getattr(self, "stmt_" + type(s).__name__, None)
        if m is None:
            raise self.err(s, f"{_describe(s)} is not supported yet")
        m(s)

    def stmt_Pass(self, s):
        pass

    def stmt_ExprStmt(self, s):
        v = s.value
        if isinstance(v, (A.Yield, A.YieldFrom)) and self.inst is None:
            raise self.err(v, "'yield' outside function")
        if isinstance(v, A.Yield):
            t = T.NONE if v.value is None else T.resolve(self.as_value(v.value, self.expr(v.value)))
            self.check_storable(t, v.value or v)
            if not T.unify(self.inst.yield_type, t):
                raise self.err(v, f"type conflict: this generator yields {T.resolve(self.inst.yield_type).name} "
                                  f"and {t.name}")
            return
        if isinstance(v, A.YieldFrom):
            probe = T.resolve(self.expr(copy.deepcopy(v.value)))
            if isinstance(probe, T.GenT):
                v.in_statement = True
                self.expr(v)
            else:       # from a list, tuple or str: `for x in it: yield x`
                item = f"yield_item_{v.span.line}_{v.span.col}"
                self.inst.func.locals.add(item)
                loop = A.For(v.span, A.Name(v.span, item), v.value,
                             [A.ExprStmt(v.span, A.Yield(v.span, A.Name(v.span, item)))], [])
                s.desugared = [loop]
                self.stmt(loop)
            return
        if isinstance(v, A.Constant) and isinstance(v.value, str):
            s.docstring = True
            return
        if isinstance(v, A.Call):
            v.discarded = True
        t = self.expr(v)
        if isinstance(t, CoroLike):
            raise self.err(v, "this coroutine is never awaited: use 'await' or asyncio.create_task()")
        if isinstance(T.resolve(t), (T.ModuleT, T.FuncT, T.ClassT, T.ExcClassT, T.NativeClassT, T.NativeNsT,
                                     T.BoundMethodT)):
            s.noop = True     # `asyncio.run` without a call: evaluating a name does nothing

    def stmt_Assign(self, s):
        if isinstance(s.value, A.YieldFrom) and len(s.targets) == 1 and isinstance(s.targets[0], A.Name):
            s.value.in_statement = True     # x = yield from gen(): the inner generator's return value
            s.value.value_used = True
        vt = self.as_value(s.value, self.expr(s.value))
        for target in s.targets:
            self.assign_target(target, vt, s.value)

    def stmt_AnnAssign(self, s):
        if s.value is None:
            return
        self.assign_target(s.target, self.expr(s.value), s.value)

    def assign_target(self, target, vt, value_node):
        vt = T.resolve(vt)
        if isinstance(target, A.Name):
            self.assign_name(target, vt, value_node)
        elif isinstance(target, (A.Tuple, A.List)):
            if isinstance(vt, T.TupleT):
                if len(vt.elts) != len(target.elts):
                    raise self.err(target, f"cannot unpack {len(vt.elts)} values into {len(target.elts)} targets")
                for t, et in zip(target.elts, vt.elts):
                    self.assign_target(t, et, value_node)
            elif isinstance(vt, T.ListT):
                for t in target.elts:
                    self.assign_target(t, vt.elem, value_node)
            else:
                raise self.err(value_node, f"cannot unpack a value of type {vt.name}")
            target.type = vt
        elif isinstance(target, A.Subscript) and isinstance(T.resolve(self.expr(target.value)), T.DictT):
            ct = T.resolve(target.value.type)
            self.dict_key(target.index, ct.key)
            vt = T.resolve(self.as_value(value_node, vt)) if value_node is not None else vt
            if not T.unify(ct.value, vt):
                raise self.err(value_node, f"type conflict: {ct.name} item assigned a {T.resolve(vt).name}")
            target.type = T.resolve(ct.value)
        elif isinstance(target, A.Subscript) and T.resolve(self.expr(target.value)) in (T.BYTEARRAY, T.MEMVIEW):
            ct = T.resolve(target.value.type)
            self.index_expr(target.index)
            if isinstance(target.index, A.Slice):
                if ct is T.MEMVIEW and target.index.step is not None:
                    raise self.err(target.index, "a memoryview slice with a step is not supported")
                if vt not in T.BUFFERS:
                    raise self.err(value_node, f"a {ct.name} slice needs bytes-like data, not {vt.name}")
            elif vt not in (T.INT, T.BOOL):
                raise self.err(value_node, f"an item of a {ct.name} is an int, not {vt.name}")
            target.type = vt
        elif isinstance(target, A.Subscript):
            ct = T.resolve(self.expr(target.value))
            if ct is T.BYTES:
                raise self.err(target, "'bytes' object does not support item assignment")
            if not isinstance(ct, T.ListT):
                raise self.err(target, f"item assignment on {ct.name} is not supported")
            self.index_expr(target.index)
            if not self.coerce_ok(ct.elem, vt):
                raise self.err(value_node, f"type conflict: list[{T.resolve(ct.elem).name}] item assigned a {vt.name}")
            target.type = T.resolve(ct.elem)
        elif isinstance(target, A.Attribute):
            self.assign_field(target, vt, value_node)
        elif isinstance(target, A.Starred):
            raise self.err(target, "starred assignment is not supported yet")
        else:
            raise self.err(target, "cannot assign to this expression")

    def coerce_ok(self, target_t, value_t):
        """A value keeps its type when stored: Python would print an int
        stored in a float variable as an int, so that is a conflict."""
        return T.unify(target_t, value_t)

    def stmt_AugAssign(self, s):
        if not isinstance(s.target, (A.Name, A.Subscript, A.Attribute)):
            raise self.err(s.target, "augmented assignment to this target is not supported")
        current = self.expr(copy.deepcopy(s.target))
        ct = T.resolve(current)
        if ct is T.BYTEARRAY or isinstance(ct, T.SetT):
            # in place, as Python does: every reference sees the change
            vt = T.resolve(self.expr(s.value))
            if ct is T.BYTEARRAY and s.op == "+" and vt in T.BUFFERS:
                s.inplace = "bytearray_extend"
            elif isinstance(ct, T.SetT) and s.op in ("|", "-", "&", "^") and isinstance(vt, T.SetT) \
                    and T.unify(ct.elem, vt.elem):
                s.inplace = {"|": "set_update", "-": "set_difference_update", "&": "set_intersection_update",
                             "^": "set_symmetric_difference_update"}[s.op]
            else:
                raise self.err(s, f"unsupported operand type(s) for {s.op}=: '{ct.name}' and '{vt.name}'")
            self.expr(s.target)      # read, not stored: the emitter evaluates it once
            s.target_type = current
            return
        if isinstance(s.target, A.Subscript) and T.resolve(s.target.value.type) in T.BUFFERS:
            raise self.err(s, "augmented assignment to an item of a buffer is not supported yet: write b[i] = b[i] + ...")
        s.target_type = current
        rt = self.binop_type(s, s.op, current, self.expr(s.value))
        s.result_type = rt
        if isinstance(s.target, A.Name):
            self.assign_name(s.target, rt, s)
        else:
            self.assign_target(s.target, rt, s)

    def stmt_If(self, s):
        self.cond(s.test)
        self.block(s.body)
        self.block(s.orelse)

    def stmt_While(self, s):
        self.cond(s.test)
        self.loop_depth += 1
        self.block(s.body)
        self.loop_depth -= 1
        self.block(s.orelse)

    def stmt_For(self, s):
        if s.is_async:
            s.desugared = self.desugar_async_for(s)
            self.block(s.desugared)
            return
        s.kind, elem, s.seqs = self.iteration(s.iter)
        self.assign_target(s.target, elem, s.iter)
        self.loop_depth += 1
        self.block(s.body)
        self.loop_depth -= 1
        self.block(s.orelse)

    def iteration(self, it):
        """What a for loop or comprehension iterates: (kind, item type,
        sequences). Kinds: range (the sequences are its arguments), seq (one
        list, tuple or str), enumerate (seq, optional start), zip."""
        call = it if isinstance(it, A.Call) and isinstance(it.func, A.Name) else None
        name = call.func.id if call is not None and self.name_is_builtin(call.func.id) else None
        if name == "range":
            if not 1 <= len(it.args) <= 3 or it.keywords:
                raise self.err(it, "range() takes 1 to 3 arguments")
            for a in it.args:
                t = T.resolve(self.expr(a))
                if t not in (T.INT, T.BOOL):
                    raise self.err(a, f"range() needs int arguments, not {t.name}")
            it.type = T.ListT(T.INT)
            return "range", T.INT, list(it.args)
        if name == "enumerate":
            if not 1 <= len(it.args) <= 2 or it.keywords:
                raise self.err(it, "enumerate() takes 1 or 2 arguments")
            elem = self.sequence_item(it.args[0])
            it.args[0] = self.items_of(it.args[0])
            if len(it.args) == 2 and T.resolve(self.expr(it.args[1])) not in (T.INT, T.BOOL):
                raise self.err(it.args[1], "enumerate() start must be an int")
            it.type = T.NONE
            return "enumerate", T.TupleT([T.INT, elem]), list(it.args)
        if name == "zip":
            if len(it.args) < 2 or it.keywords:
                raise self.err(it, "zip() needs two or more sequences here")
            elems = [self.sequence_item(a) for a in it.args]
            it.args = [self.items_of(a) for a in it.args]
            it.type = T.NONE
            return "zip", T.TupleT(elems), list(it.args)
        t = T.resolve(self.expr(it))
        if isinstance(t, T.InstT) and t.cls.lookup("__iter__") is not None and t.cls.lookup("__iter__").is_generator:
            call = A.Call(it.span, A.Attribute(it.span, it, "__iter__"), [], [])     # for x in obj: its __iter__()
            t = T.resolve(self.call_method(call, t.cls.lookup("__iter__"), it))
            call.type = t
            return "gen", t.instance.yield_type, [call]
        if isinstance(t, T.GenT) and isinstance(it, A.Call) and getattr(it, "kind", None) == "user":
            return "gen", t.instance.yield_type, [it]     # gen(...) iterated at once: its frame by value
        if isinstance(t, T.GenT):
            return "genobj", t.instance.yield_type, [it]
        return "seq", self.sequence_item(it, t), [self.items_of(it)]

    def sequence_item(self, it, t=None, ordered=True):
        """The item type of an iterable; ordered: the order of a set's items
        matters to the result."""
        t = T.resolve(self.expr(it)) if t is None else T.resolve(t)
        if isinstance(t, T.ListT):
            return t.elem
        if t in T.BUFFERS:
            return T.INT
        if isinstance(t, T.SetT):
            if ordered and T.resolve(t.elem) is T.STR:
                raise self.err(it, UNORDERED_STR_SET)
            return t.elem
        if isinstance(t, T.TupleT):
            elem = t.elts[0] if t.elts else T.TVar()    # never bound: the body never runs
            if not all(T.unify(elem, e) for e in t.elts):
                raise self.err(it, "iterating over a tuple needs elements of one type")
            return elem
        if t is T.STR:
            return T.STR
        if isinstance(t, T.DictT):
            return t.key
        if isinstance(t, T.DictViewT):
            return t.item()
        raise self.err(it, f"'{t.name}' object is not iterable")

    def expr_ListComp(self, e):
        scope = self.comp_generators(e)
        allow_coroutines, self.coroutine_list = self.coroutine_list, False
        elt = T.resolve(self.expr(e.elt))
        if not (allow_coroutines and isinstance(elt, T.CoroT)):
            self.check_storable(elt, e.elt)
        self.comp_scopes.pop()
        return T.ListT(elt)

    def expr_DictComp(self, e):
        self.comp_generators(e)
        kt = T.TVar()
        self.dict_key(e.key, kt)
        vt = T.resolve(self.as_value(e.value, self.expr(e.value)))
        self.check_storable(vt, e.value)
        self.comp_scopes.pop()
        return T.DictT(kt, vt)

    def comp_generators(self, e):
        """Type a comprehension's for/if clauses; its variables' scope stays
        open (comp_scopes) for the item expressions."""
        scope = {}
        self.comp_scopes.append(scope)
        for gen in e.generators:
            if gen.is_async:
                raise self.err(gen, "async comprehensions are not supported")
            gen.kind, elem, gen.seqs = self.iteration(gen.iter)
            for n in _bound_names(gen.target):
                self.n_comp += 1
                scope[n.id] = VarInfo(f"comp_{n.id}{self.n_comp}", None, n.span, "temp")
                self.comp_vars.append(scope[n.id])
            self.assign_target(gen.target, elem, gen.iter)
            for cond in gen.ifs:
                self.cond(cond)
        return scope

    expr_GeneratorExp = expr_ListComp

    def expr_YieldFrom(self, e):
        """yield from a generator: its items are this generator's, its return
        value the value of the expression."""
        if self.inst is None:
            raise self.err(e, "'yield' outside function")
        if not getattr(e, "in_statement", False):
            raise self.err(e, "'yield from' is supported as a statement or as `x = yield from gen()` only")
        t = T.resolve(self.expr(e.value))
        if not isinstance(t, T.GenT):
            raise self.err(e.value, f"`x = yield from ...` needs a generator, not {t.name}")
        if not T.unify(self.inst.yield_type, t.instance.yield_type):
            raise self.err(e, f"type conflict: this generator yields {T.resolve(self.inst.yield_type).name} "
                              f"and {T.resolve(t.instance.yield_type).name}")
        if t.instance.return_type is None:      # yield from itself, still being analysed
            if getattr(e, "value_used", False):
                raise self.err(e, "the value of a recursive `yield from` is not supported")
            return T.NONE
        rt = T.resolve(t.instance.return_type)
        made_here = isinstance(e.value, A.Call) and getattr(e.value, "kind", None) == "user"
        if made_here or not getattr(e, "value_used", False) or rt is T.NONE:
            return rt
        if T.is_pointer(rt):        # None when the generator object had finished before
            return T.OptT(rt)
        raise self.err(e, f"the value of `yield from` a generator object is None or {rt.name}: "
                          "an Optional int/float/bool is not supported")

    def expr_SetComp(self, e):
        elt = T.resolve(self.expr_ListComp(e).elem)
        self.set_elem(elt, e.elt)
        return T.SetT(elt)

    def items_of(self, node):
        """A set used as an iterable: its items as a list, in iteration order."""
        t = T.resolve(node.type)
        if not isinstance(t, T.SetT):
            return node
        w = A.SetItems(node.span, node)
        w.type = T.ListT(t.elem)
        return w

    def expr_Yield(self, e):
        if self.inst is None:
            raise self.err(e, "'yield' outside function")
        raise self.err(e, "sending values into a generator (x = yield ...) is not supported yet")

    def stmt_Break(self, s):
        if self.loop_depth == 0:
            raise self.err(s, "'break' outside loop")

    def stmt_Continue(self, s):
        if self.loop_depth == 0:
            raise self.err(s, "'continue' not properly in loop")

    def stmt_Global(self, s):
        if self.inst is None:
            return
        for n in s.names:
            if n not in self.prog.globals:
                raise self.err(s, f"global '{n}' must be assigned at module level before this function runs")

    def stmt_Return(self, s):
        if self.inst is None:
            raise self.err(s, "'return' outside function")
        t = T.NONE if s.value is None else T.resolve(self.as_value(s.value, self.expr(s.value)))
        self.check_storable(t, s.value or s)
        rt = self.inst.return_type
        slot = ("return", self.inst.func.name)
        if rt is None:
            self.inst.return_type = self.slot_type(slot, t)
            self.inst.return_span = s.span
        elif not self.storable_into(rt, t, slot):
            raise self.err(s, f"type conflict: '{self.inst.func.name}' returns {T.resolve(rt).name} and {t.name}",
                           [self.src.note(self.inst.return_span, f"{T.resolve(rt).name} returned here")])

    def stmt_Assert(self, s):
        self.cond(s.test)
        if s.msg is not None:
            self.expr(s.msg)

    def stmt_Delete(self, s):
        for t in s.targets:
            if not isinstance(t, A.Subscript) or isinstance(t.index, A.Slice):
                raise self.err(t, "only `del list[index]` and `del dict[key]` are supported")
            lt = T.resolve(self.expr(t.value))
            if isinstance(lt, T.DictT):
                self.dict_key(t.index, lt.key)
                continue
            if not isinstance(lt, T.ListT):
                raise self.err(t, f"'{lt.name}' object doesn't support item deletion")
            self.index_expr(t.index)

    def stmt_Import(self, s):
        raise self.err(s, "imports inside functions are not supported")

    stmt_ImportFrom = stmt_Import

    # -------------------------------------------------------- expressions
    def cond(self, e):
        return self.cond_type(T.resolve(self.expr(e)), e)

    def cond_type(self, t, e):
        t = T.resolve(t)
        if isinstance(t, (CoroLike, T.ModuleT, T.FuncT, T.LoopT)):
            raise self.err(e, f"a {t.name} used as a condition is always true")
        return t

    def expr(self, e):
        m = getattr(self, "expr_" + type(e).__name__, None)
        if m is None:
            raise self.err(e, f"{_describe(e)} is not supported yet")
        t = m(e)
        e.type = t
        return t

    def expr_Constant(self, e):
        v = e.value
        if isinstance(v, bool):
            return T.BOOL
        if isinstance(v, int):
            if v > MAX_INT:
                raise self.err(e, f"integer literal {v} does not fit in 32 bits")
            return T.INT
        if isinstance(v, float):
            return T.FLOAT
        if isinstance(v, str):
            return T.STR
        if isinstance(v, bytes):
            return T.BYTES
        if v is None:
            return T.NONE
        raise self.err(e, f"{type(v).__name__} literals are not supported yet")

    def expr_Name(self, e):
        if e.id == "__name__":
            e.binding = "__name__"
            return T.STR
        nested = self.local_func(e.id)
        if nested is not None:
            e.binding = ("func", nested)
            return T.FuncT(nested)
        var, is_local = self.lookup_var(e.id)
        if var is not None:
            e.binding = var
            return var.type
        owner = self.owner_of(e.id) if is_local and not any(e.id in sc for sc in self.comp_scopes) else None
        if owner is not None and owner is not self.inst:
            # a closure analysed before its definer assigns the variable:
            # the assignment gives the type (late binding)
            var = owner.vars[e.id] = VarInfo(e.id, T.TVar(), e.span, "local")
            var.slot = self.var_slot(e.id, "local", owner)
            _mark_cell(var, owner)
            e.binding = var
            return var.type
        if is_local:
            raise self.err(e, f"local variable '{e.id}' is used before it is assigned")
        b = self.bindings.get(e.id)
        if b is not None:
            e.binding = b
            kind, what = b
            if kind == "module":
                return T.ModuleT(what)
            if kind == "func":
                return T.FuncT(what)
            if kind == "exc":
                return T.ExcClassT(what)
            if kind == "class":
                return T.ClassT(what)
            mod, _, attr = what.partition(".")
            if kind == "api" and mod in NATIVE_MODULES:
                return self.native_value(e, mod, attr)
            return T.ModuleT(what)    # an imported API function, only callable
        if e.id in BUILTINS:
            e.binding = ("builtin", e.id)
            return T.ModuleT("builtin")
        if e.id in BUILTIN_EXC_NAMES:
            e.binding = ("exc", BUILTIN_EXC[e.id])
            return T.ExcClassT(BUILTIN_EXC[e.id])
        if e.id in NOT_SUPPORTED:
            raise self.err(e, f"'{e.id}' is not supported")
        if self.global_exists(e.id):
            raise self.err(e, f"global '{e.id}' is used before it is assigned")
        raise self.err(e, f"name '{e.id}' is not defined")

    def name_is_builtin(self, name):
        if self.inst is not None and name in self.inst.func.locals:
            return False
        return name not in self.prog.globals and name not in self.bindings

    def expr_UnaryOp(self, e):
        t = T.resolve(self.expr(e.operand))
        if isinstance(t, T.TVar) and not isinstance(t, T.NullVar) and e.op in ("-", "+", "~"):
            T.unify(t, T.INT)     # the item of a list never filled: `for i in []: print(-i)`
            t = T.INT
        if e.op == "not":
            self.cond_type(t, e.operand)     # not self.cond(): that would analyse the operand again
            return T.BOOL
        if e.op == "~":
            if t not in (T.INT, T.BOOL):
                raise self.err(e, f"bad operand type for unary ~: '{t.name}'")
            return T.INT
        if t not in (T.INT, T.FLOAT, T.BOOL):
            raise self.err(e, f"bad operand type for unary {e.op}: '{t.name}'")
        return T.INT if t is T.BOOL else t

    def expr_BinOp(self, e):
        return self.binop_type(e, e.op, self.expr(e.left), self.expr(e.right))

    def binop_type(self, e, op, lt, rt):
        lt, rt = T.resolve(lt), T.resolve(rt)
        if isinstance(lt, T.TVar) and not isinstance(lt, T.NullVar) and not isinstance(rt, T.TVar):
            T.unify(lt, rt)     # an item type first seen here: `d[k] += 1`
            lt = rt
        if isinstance(rt, T.TVar) and not isinstance(rt, T.NullVar) and not isinstance(lt, T.TVar):
            T.unify(rt, lt)
            rt = lt
        num = (T.INT, T.FLOAT, T.BOOL)
        if lt in num and rt in num:
            if op in ("<<", ">>", "&", "|", "^"):
                if T.FLOAT in (lt, rt):
                    raise self.err(e, f"unsupported operand type(s) for {op}: '{lt.name}' and '{rt.name}'")
                if op in ("&", "|", "^") and lt is T.BOOL and rt is T.BOOL:
                    return T.BOOL
                return T.INT
            if op == "/":
                return T.FLOAT
            if op == "@":
                raise self.err(e, "unsupported operand type(s) for @")
            if T.FLOAT in (lt, rt):
                return T.FLOAT
            if op == "**" and isinstance(getattr(e, "right", None), A.UnaryOp) and e.right.op == "-":
                return T.FLOAT
            return T.INT
        if op == "+" and lt is T.STR and rt is T.STR:
            return T.STR
        if op == "*" and {lt, rt} <= {T.STR, T.INT} and lt is not rt:
            return T.STR
        if op == "%" and lt is T.STR:
            if hasattr(e, "right"):     # a function or module is no value to format
                self.check_storable(rt, e.right)
            return T.STR
        if op == "+" and lt in (T.BYTES, T.BYTEARRAY) and rt in T.BUFFERS:
            return lt
        if op == "*" and (lt in (T.BYTES, T.BYTEARRAY) and rt in (T.INT, T.BOOL) or
                          rt in (T.BYTES, T.BYTEARRAY) and lt in (T.INT, T.BOOL)):
            return lt if lt in T.BUFFERS else rt
        if op in ("|", "&", "-", "^") and isinstance(lt, T.SetT) and isinstance(rt, T.SetT):
            if not T.unify(lt.elem, rt.elem):
                raise self.err(e, f"unsupported operand type(s) for {op}: '{lt.name}' and '{rt.name}'")
            return lt
        if op == "+" and isinstance(lt, T.ListT) and isinstance(rt, T.ListT):
            if not T.unify(lt.elem, rt.elem):
                raise self.err(e, f"cannot concatenate {lt.name} and {rt.name}")
            return lt
        raise self.err(e, f"unsupported operand type(s) for {op}: '{lt.name}' and '{rt.name}'")

    def expr_BoolOp(self, e):
        types = [self.cond_type(self.expr(v), v) for v in e.values]
        first = types[0]
        if all(t is T.BOOL for t in types):
            return T.BOOL
        if all(T.unify(first, t) for t in types[1:]):
            return first
        e.mixed = True    # only meaningful as a condition
        return T.BOOL

    def expr_Compare(self, e):
        operands = [e.left] + e.comparators
        types = [T.resolve(self.expr(x)) for x in operands]
        for i, (a, b) in enumerate(zip(types, types[1:])):   # an item type first seen here
            if isinstance(a, T.TVar) and not isinstance(a, T.NullVar) and not isinstance(b, T.TVar):
                T.unify(a, b)
                types[i] = b
            elif isinstance(b, T.TVar) and not isinstance(b, T.NullVar) and not isinstance(a, T.TVar) \
                    and e.ops[i] not in ("in", "not in"):
                T.unify(b, a)
                types[i + 1] = a
        for op, (a, b), node in zip(e.ops, zip(types, types[1:]), e.comparators):
            if isinstance(a, T.InstT) and isinstance(b, T.InstT) and op in ("is", "is not", "==", "!="):
                if a.cls is not b.cls:
                    raise self.err(node, f"comparing {a.name} with {b.name} is not supported")
            elif op in ("is", "is not", "==", "!=") and _is_class_compare(a, b):
                pass     # type(e) is ValueError, type(x) == C
            elif op in ("is", "is not"):
                if T.NONE not in (a, b):
                    raise self.err(node, "'is' is only supported against None")
            elif op in ("in", "not in") and b in (T.BYTES, T.BYTEARRAY) and a in (T.INT, T.BOOL, T.BYTES, T.BYTEARRAY):
                pass
            elif op in ("in", "not in") and b is T.MEMVIEW and a in (T.INT, T.BOOL):
                pass
            elif op in ("==", "!=", "<", "<=", ">", ">=") and a in T.BUFFERS and b in T.BUFFERS \
                    and (op in ("==", "!=") or T.MEMVIEW not in (a, b)):
                pass
            elif op in ("in", "not in") and isinstance(b, T.SetT):
                if not T.unify(b.elem, a):
                    raise self.err(node, f"'{op}' of a {a.name} in a {b.name}")
            elif op in ("==", "!=", "<", "<=", ">", ">=") and isinstance(a, T.SetT) and isinstance(b, T.SetT) \
                    and T.unify(a.elem, b.elem):
                pass
            elif op in ("in", "not in") and isinstance(b, T.DictT):
                if not T.unify(b.key, T.INT if a is T.BOOL else a):
                    raise self.err(node, f"'{op}' of a {a.name} in a {b.name}")
            elif op in ("in", "not in"):
                if isinstance(b, T.ListT) or isinstance(b, T.TupleT):
                    elem = b.elem if isinstance(b, T.ListT) else (b.elts[0] if b.elts else a)
                    if isinstance(b, T.TupleT) and not all(T.unify(elem, x) for x in b.elts):
                        raise self.err(node, "'in' on a tuple of mixed types is not supported")
                    if not (T.unify(elem, a) or {T.resolve(elem), a} <= {T.INT, T.FLOAT, T.BOOL}):
                        raise self.err(node, f"'{op}' of a {a.name} in a {b.name}")
                    self.check_equatable(T.resolve(elem), node, op)
                elif not (a is T.STR and b is T.STR):
                    raise self.err(node, f"'{op}' on {b.name} is not supported yet")
            elif a in (T.INT, T.FLOAT, T.BOOL) and b in (T.INT, T.FLOAT, T.BOOL):
                pass
            elif a is T.STR and b is T.STR:
                pass
            elif op in ("==", "!=") and (a is T.NONE or b is T.NONE):
                pass
            elif op in ("<", "<=", ">", ">=") and _tuple_key(a) and T.unify(a, b):
                pass
            elif op in ("==", "!=") and isinstance(a, (T.ListT, T.TupleT)) and T.unify(a, b):
                elems = [a.elem] if isinstance(a, T.ListT) else list(a.elts)
                for el in elems:
                    self.check_equatable(T.resolve(el), node, op)
            else:
                raise self.err(node, f"'{op}' between {a.name} and {b.name} is not supported")
        return T.BOOL

    def expr_IfExp(self, e):
        self.cond(e.test)
        a, b = T.resolve(self.expr(e.body)), T.resolve(self.expr(e.orelse))
        if not T.unify(a, b):
            raise self.err(e, f"type conflict: the branches of this conditional give {a.name} and {b.name}")
        return a

    def expr_JoinedStr(self, e):
        for p in e.parts:
            if isinstance(p, A.FormattedValue):
                self.expr(p)
        return T.STR

    def expr_FormattedValue(self, e):
        t = T.resolve(self.expr(e.value))
        self.check_printable(t, e.value)
        if e.format_spec:
            from .formatting import parse_spec, SpecError
            try:
                e.spec = parse_spec(e.format_spec, t)
            except SpecError as x:
                raise self.err(e.value, str(x))
        return T.STR

    # ----------------------------------------------------------- exceptions
    def exception_classes(self, node):
        """An except clause's or isinstance()'s class or tuple of classes."""
        items = node.elts if isinstance(node, A.Tuple) else [node]
        out = []
        for x in items:
            t = T.resolve(self.expr(x))
            if not isinstance(t, T.ExcClassT):
                raise self.err(x, f"catching classes that do not inherit from BaseException is not allowed ({t.name})")
            out.append(t.cls)
        node.type = T.NONE
        return out

    def new_exception(self, e, cls):
        """ValueError("bad", 3), MyError(42): e.args are the positional
        arguments; a program's class's __init__ then runs on the new object."""
        e.kind = "exc.new"
        e.exc_class = cls
        init = cls.initializer()
        e.exc_init = None
        e.init_sets_args = False
        if init is None and e.keywords:
            raise self.err(e.keywords[0], f"{cls.name}() takes no keyword arguments")
        if init is not None:
            placeholder = A.Name(e.span, "self")
            placeholder.type = T.EXC
            self.call_method(e, init, placeholder)     # analyses the arguments
            e.kind = "exc.new"
            e.exc_init = e.instance
        # args from the constructor's arguments, unless __init__ sets them first thing
        e.init_sets_args = init is not None and _starts_with_super_init(init.node)
        self.exception_args(e, e.args, analysed=init is not None)
        return T.EXC

    def exception_args(self, call, args, analysed=False):
        """The arguments an exception keeps in e.args (any printable values)."""
        for a in args:
            if isinstance(a, A.Starred):
                raise self.err(a, "*args in calls is not supported yet")
            t = T.resolve(a.type if analysed else self.expr(a))
            self.check_printable(t, a)
            if isinstance(t, T.TVar):
                raise self.err(a, "the type of this exception argument is not known here")
        if len(args) > 1 or any(T.resolve(a.type) is not T.STR for a in args):
            self.prog.exc_complex_args.append(call)

    def stmt_Raise(self, s):
        if s.exc is None:
            if not self.handler_depth:
                raise self.err(s, "a bare 'raise' must be inside an except block")
            return
        t = T.resolve(self.expr(s.exc))
        if isinstance(t, T.ExcClassT) and t.cls.initializer() is not None:
            s.exc = A.Call(s.exc.span, s.exc, [], [])      # `raise E` is `raise E()`
            t = T.resolve(self.expr(s.exc))
        if isinstance(t, T.ExcClassT):
            s.raise_class = t.cls
        elif t is not T.EXC:
            raise self.err(s.exc, "exceptions must derive from BaseException")
        if s.cause is not None:
            ct = T.resolve(self.expr(s.cause))
            if not (ct is T.EXC or isinstance(ct, T.ExcClassT) or ct is T.NONE):
                raise self.err(s.cause, "exception causes must derive from BaseException")

    def stmt_Try(self, s):
        self.block(s.body)
        for h in s.handlers:
            h.classes = self.exception_classes(h.type) if h.type is not None else None
            if h.name:
                target = A.Name(h.span, h.name)
                h.var = self.assign_name(target, T.EXC, h)
            self.handler_depth += 1
            self.block(h.body)
            self.handler_depth -= 1
        self.block(s.orelse)
        self.block(s.finalbody)

    def check_printable(self, t, node):
        t = T.resolve(t)
        if isinstance(t, T.OptT):
            t = T.resolve(t.inner)
        if t is T.HANDLER:
            raise self.err(node, "printing a function is not supported")
        if isinstance(t, T.DictT):
            self.check_printable(t.key, node)
            self.check_printable(t.value, node)
            return
        if isinstance(t, T.OutcomeT):
            self.check_printable(t.value, node)
            return
        if isinstance(t, T.SetT) and T.resolve(t.elem) is T.STR:
            raise self.err(node, UNORDERED_STR_SET)
        if t is T.MEMVIEW:
            raise self.err(node, "printing a memoryview (its address) is not supported: print bytes(mv)")
        if isinstance(t, (CoroLike, T.ModuleT, T.FuncT, T.LoopT, T.TaskT, T.NativeObjT, T.DictViewT,
                          T.NativeClassT, T.NativeNsT, T.BoundMethodT, T.InstT,
                          T.ContextT)):
            raise self.err(node, f"printing a {t.name} is not supported")

    def expr_Tuple(self, e):
        return T.TupleT([self.as_value(x, self.expr(x)) for x in e.elts])

    def expr_List(self, e):
        elem = T.TVar()
        for x in e.elts:
            t = self.as_value(x, self.expr(x))
            self.check_storable(t, x)
            if not T.unify(elem, t):
                raise self.err(x, f"type conflict: a list of {T.resolve(elem).name} cannot hold a {T.resolve(t).name}")
        return T.ListT(elem)

    def expr_Set(self, e):
        elem = T.TVar()
        for x in e.elts:
            if isinstance(x, A.Starred):
                raise self.err(x, "*iterable in a set display is not supported yet")
            t = T.resolve(self.expr(x))
            self.set_elem(t, x)
            if not T.unify(elem, t):
                raise self.err(x, f"type conflict: a set of {T.resolve(elem).name} cannot hold a {t.name}")
        return T.SetT(elem)

    def set_elem(self, t, node):
        if T.resolve(t) not in (T.INT, T.STR) and not isinstance(T.resolve(t), T.TVar):
            raise self.err(node, f"set items must be int or str here, not {T.resolve(t).name}")

    def expr_Dict(self, e):
        kt, vt = T.TVar(), T.TVar()
        for k, v in zip(e.keys, e.values):
            if k is None:
                raise self.err(v, "**mapping in a dict display is not supported yet")
            self.dict_key(k, kt)
            t = T.resolve(self.as_value(v, self.expr(v)))
            self.check_storable(t, v)
            if not T.unify(vt, t) and hasattr(e, "kwargs_names"):
                raise self.err(v, f"**kwargs gets values of types {T.resolve(vt).name} and {t.name} here: "
                                  "its dict holds values of one type")
            if not T.unify(vt, t):
                raise self.err(v, f"type conflict: a dict of {T.resolve(vt).name} values cannot hold a {t.name}")
        return T.DictT(kt, vt)

    def dict_key(self, k, kt):
        t = T.resolve(self.expr(k))
        if t is T.BOOL:
            t = T.INT
        if not (t in (T.INT, T.STR) or _tuple_key(t)):
            raise self.err(k, f"dict keys must be int, str or a tuple of those here, not {t.name}")
        if not T.unify(kt, t):
            raise self.err(k, f"type conflict: this dict has {T.resolve(kt).name} keys, not {t.name}")

    def context_key(self, k):
        keys = {"message": T.STR, "exception": T.EXC}
        if not (isinstance(k, A.Constant) and k.value in keys):
            raise self.err(k, "the handler's context has the keys 'message' and 'exception' here")
        self.expr(k)
        return keys[k.value]

    def call_dict_method(self, dt, f, e):
        m = f.attr
        e.kind = "dict." + m
        if m in ("keys", "values", "items"):
            self.positional(e, m, 0)
            return T.DictViewT(dt, m)
        if m in ("get", "pop"):
            if e.keywords or not 1 <= len(e.args) <= 2:
                raise self.err(e, f"{m}() takes 1 or 2 arguments")
            self.dict_key(e.args[0], dt.key)
            if len(e.args) == 2:
                t = T.resolve(self.as_value(e.args[1], self.expr(e.args[1])))
                if not T.unify(dt.value, t):
                    raise self.err(e.args[1], f"the default must be a {T.resolve(dt.value).name}")
            elif m == "get":
                if not T.is_pointer(dt.value):
                    raise self.err(e, "get() without a default gives None: an Optional "
                                      f"{T.resolve(dt.value).name} is not supported yet; pass a default")
                return T.OptT(dt.value)
            return dt.value
        if m in ("clear", "copy", "popitem"):
            self.positional(e, m, 0)
            return {"clear": T.NONE, "copy": dt, "popitem": T.TupleT([dt.key, dt.value])}[m]
        if m == "setdefault":
            if e.keywords or len(e.args) != 2:
                raise self.err(e, "setdefault() takes a key and a default here")
            self.dict_key(e.args[0], dt.key)
            t = T.resolve(self.as_value(e.args[1], self.expr(e.args[1])))
            if not T.unify(dt.value, t):
                raise self.err(e.args[1], f"the default must be a {T.resolve(dt.value).name}")
            return dt.value
        if m == "update":
            (t,) = self.positional(e, m, 1)
            if not (isinstance(t, T.DictT) and T.unify(t.key, dt.key) and T.unify(t.value, dt.value)):
                raise self.err(e.args[0], f"update() needs a {T.resolve(dt).name} here, not {t.name}")
            return T.NONE
        raise self.err(_attr_span_node(f), f"dict.{m}() is not supported yet")

    def index_expr(self, idx):
        if isinstance(idx, A.Slice):
            for part in (idx.lower, idx.upper, idx.step):
                if part is not None and T.resolve(self.expr(part)) not in (T.INT, T.BOOL):
                    raise self.err(part, "slice indices must be integers")
            return
        t = T.resolve(self.expr(idx))
        if t not in (T.INT, T.BOOL):
            raise self.err(idx, f"indices must be integers, not {t.name}")

    def expr_Subscript(self, e):
        ct = self.deopt(e.value, self.expr(e.value), "__getitem__")
        if isinstance(ct, T.TupleT) and isinstance(e.index, A.Slice):
            raise self.err(e, "slicing a tuple is not supported yet")
        if isinstance(ct, T.TupleT) and isinstance(e.index, (A.Constant, A.UnaryOp)):
            i = _const_int(e.index)
            if i is None:
                raise self.err(e.index, "tuple index must be an integer")
            n = len(ct.elts)
            if not -n <= i < n and getattr(getattr(e.value, "binding", None), "varargs", False):
                # args[0] where this specialisation got fewer arguments: CPython's IndexError, if it runs
                e.out_of_range = True
                self.expr(e.index)
                return T.TVar()
            if not -n <= i < n:
                raise self.err(e.index, "tuple index out of range")
            e.const_index = i % n
            self.expr(e.index)
            return ct.elts[i % n]
        if isinstance(ct, T.DictT):
            self.dict_key(e.index, ct.key)
            return ct.value
        if ct is T.CONTEXT:
            return self.context_key(e.index)
        if ct is T.EXC_ARGS:
            self.index_expr(e.index)
            self.prog.exc_arg_reads.append(e)
            return T.STR
        if ct in T.BUFFERS:
            self.index_expr(e.index)
            if isinstance(e.index, A.Slice):
                if ct is T.MEMVIEW and e.index.step is not None:
                    raise self.err(e.index, "a memoryview slice with a step is not supported")
                return ct
            return T.INT
        self.index_expr(e.index)
        if isinstance(e.index, A.Slice):
            if isinstance(ct, T.ListT) or ct is T.STR:
                return ct
            raise self.err(e, f"slicing a {ct.name} is not supported yet")
        if isinstance(ct, T.ListT):
            return ct.elem
        if ct is T.STR:
            return T.STR
        if isinstance(ct, T.TupleT):
            if not ct.elts or not all(T.unify(ct.elts[0], x) for x in ct.elts):
                raise self.err(e.index, "indexing a tuple of mixed types needs a constant index")
            return ct.elts[0]
        raise self.err(e, f"'{ct.name}' object is not subscriptable")

    def deopt(self, node, t, use=None):
        """A use that needs a value: an Optional is checked for None there
        (AttributeError, as Python) and used as its inner type."""
        t = T.resolve(t)
        if isinstance(t, T.OptT):
            node.null_check = use or "value"
            return T.resolve(t.inner)
        return t

    PRIM_ATTRIBUTES = {("barrier", "parties"): T.INT, ("barrier", "n_waiting"): T.INT,
                       ("barrier", "broken"): T.BOOL, ("queue", "maxsize"): T.INT}

    def expr_Attribute(self, e):
        if getattr(e, "prim_of", None) is not None:     # the primitive inside an object
            self.expr(e.value)
            return e.prim_of
        vt = self.deopt(e.value, self.expr(e.value), e.attr)
        if e.attr in ("__name__", "__class__"):
            t = self.class_attribute(e, vt)
            if t is not None:
                return t
        if isinstance(vt, T.PrimT) and (vt.kind, e.attr) in self.PRIM_ATTRIBUTES:
            e.prim_attribute = f"{vt.kind}.{e.attr}"
            return self.PRIM_ATTRIBUTES[(vt.kind, e.attr)]
        if isinstance(vt, T.InstT) and self.prim_member(vt.cls, e.attr, self.PRIM_ATTRIBUTES):
            e.value = self.prim_view(e.value, vt.cls)
            return self.expr_Attribute(e)
        if isinstance(vt, (T.InstT, T.ClassT)):
            return self.member(e, vt)
        if vt is T.EXC and e.attr == "args":
            return T.EXC_ARGS
        if vt is T.EXC:
            return self.exception_field(e)
        if isinstance(vt, T.ModuleT) and vt.module in NATIVE_MODULES:
            return self.native_value(e, vt.module, e.attr)
        if isinstance(vt, T.NativeClassT):
            cls = vt.cls
            if e.attr in cls.constants:
                e.const_value = cls.constants[e.attr]
                return T.INT
            if e.attr in cls.namespaces:
                return T.NativeNsT(cls, e.attr)
            raise self.err(_attr_span_node(e), f"type object '{cls.name}' has no attribute '{e.attr}'")
        if isinstance(vt, T.NativeNsT):
            consts = vt.cls.namespaces[vt.ns]
            if e.attr not in consts:
                raise self.err(_attr_span_node(e), f"'{vt.cls.name}.{vt.ns}' has no attribute '{e.attr}'")
            e.const_value = consts[e.attr]
            return T.INT
        if isinstance(vt, T.ModuleT) and isinstance(e.value, A.Name) and vt.module in RUNTIME_API_MODULES:
            self.check_api(vt.module, e.attr, _attr_span_node(e))
            if vt.module == "asyncio" and e.attr in ASYNCIO_EXC:
                e.binding = ("exc", BUILTIN_EXC[e.attr])
                return T.ExcClassT(BUILTIN_EXC[e.attr])
            e.qualified = f"{vt.module}.{e.attr}"
            return T.ModuleT(e.qualified)
        raise self.err(_attr_span_node(e), f"'{vt.name}' object has no attribute '{e.attr}'")

    def prim_member(self, cls, attr, table):
        """Whether obj.attr of a class deriving from a primitive is the
        primitive's (the class and its bases do not define attr)."""
        prim = cls.prim_base()
        if prim is None or cls.lookup(attr) is not None or cls.constant(attr) is not None or attr in cls.fields:
            return False
        kind = prim[1].kind
        return attr in table[kind] if table is self.PRIM_METHODS else (kind, attr) in table

    def prim_view(self, obj, cls):
        """The primitive struct at the start of an object, as a primitive."""
        node = A.Attribute(obj.span, obj, "__prim__")
        node.prim_of = cls.prim_base()[1]
        node.type = node.prim_of
        return node

    def class_attribute(self, e, vt):
        """x.__class__ (type(x)) and C.__name__; None when vt has neither."""
        if e.attr == "__class__" and (vt is T.EXC or isinstance(vt, T.InstT)):
            e.class_of = True
            return T.EXC_TYPE if vt is T.EXC else T.ClassT(vt.cls)
        if e.attr == "__name__" and vt is T.EXC_TYPE:
            e.type_name = None      # read from the runtime type
            return T.STR
        if e.attr == "__name__" and isinstance(vt, (T.ClassT, T.ExcClassT)):
            e.type_name = vt.cls.name
            return T.STR
        return None

    def expr_Await(self, e):
        if self.inst is None or not self.inst.func.is_async:
            raise self.err(e, "'await' outside async function")
        t = self.deopt(e.value, self.expr(e.value), "await")
        if isinstance(t, T.CoroT):
            args = getattr(e.value, "bound_args", None)
            if args and isinstance(args[0], EnvRef):   # awaited at once: runs inside this call
                args[0].escapes = False
            return t.instance.return_type
        if isinstance(t, T.InstT) and t.cls.lookup("__await__") is not None:
            call = A.Call(e.value.span, A.Attribute(e.value.span, e.value, "__await__"), [], [])
            ct = self.call_method(call, t.cls.lookup("__await__"), e.value)
            call.type = ct
            e.value = call
            return ct.instance.return_type
        if isinstance(t, T.InstT) and t.cls.prim_base() is not None and t.cls.prim_base()[1].kind == "message":
            e.value = self.prim_view(e.value, t.cls)     # `await msg` of a class deriving from Message
            t = e.value.prim_of
        if isinstance(t, T.PrimT) and t.kind in ("message", "mbarrier"):
            # `await msg` / `await barrier`: a wait on the primitive
            method = "wait" if t.kind == "message" else "arrive"
            call = A.Call(e.value.span, A.Attribute(e.value.span, e.value, method), [], [])
            call.kind = f"prim.{t.kind}.{method}"
            result = t.elem if t.kind == "message" else T.NONE
            call.type = T.AwaitableT("prim", result)
            e.value = call
            return result
        if isinstance(t, T.AwaitableT):
            return t.result
        if isinstance(t, T.TaskT):
            e.value.await_task = True
            return T.resolve(t.result)
        raise self.err(e.value, f"object of type '{t.name}' is not awaitable")

    # ------------------------------------------------------------- calls
    def expr_Call(self, e):
        f = e.func
        e.kind = None
        if any(isinstance(a, A.Starred) for a in e.args):
            e.args = self.expand_starred(e.args)
        if isinstance(f, A.Name) and f.id == "__give_way__":   # a bare yield in __await__
            e.kind = "asyncio.sleep"
            e.args = [A.Constant(e.span, 0)]
            self.expr(e.args[0])
            return T.AwaitableT("sleep", T.NONE)
        if isinstance(f, A.Name) and self.local_func(f.id) is not None:
            f.type = T.FuncT(self.local_func(f.id))
            return self.call_user(f.type.func, e)
        if isinstance(f, A.Name):
            var, _ = self.lookup_var(f.id)
            if var is None:
                b = self.bindings.get(f.id)
                if b is None and f.id in BUILTINS:
                    self.expr(f)
                    return self.call_builtin(f.id, e)
                if b is None and f.id in NOT_SUPPORTED:
                    raise self.err(f, f"'{f.id}' is not supported")
                if b is not None and b[0] == "func":
                    f.type = T.FuncT(b[1])
                    return self.call_user(b[1], e)
                if b is not None and b[0] == "class":
                    f.type = T.ClassT(b[1])
                    return self.new_object(e, b[1])
                if b is not None and b[0] == "exc":
                    self.expr(f)
                    return self.new_exception(e, b[1])
                if b is None and f.id in BUILTIN_EXC_NAMES:
                    self.expr(f)
                    return self.new_exception(e, BUILTIN_EXC[f.id])
                if b is not None and b[0] == "api" and b[1].split(".")[0] in NATIVE_MODULES:
                    ft = self.expr(f)
                    return self.native_call(e, ft)
                if b is not None and b[0] == "api":
                    f.type = T.ModuleT(b[1])
                    return self.call_api(b[1], e)
        if isinstance(f, A.Attribute) and isinstance(f.value, A.Call) and isinstance(f.value.func, A.Name) \
                and f.value.func.id == "super" and not f.value.args and self.name_is_builtin("super"):
            return self.super_call(e, f)
        if isinstance(f, A.Attribute):
            vt = self.deopt(f.value, self.expr(f.value), f.attr)
            method = vt.cls.lookup(f.attr) if isinstance(vt, (T.InstT, T.ClassT)) else None
            if method is not None and method.method_kind == "classmethod":
                return self.call_classmethod(e, method, f, vt)
            if isinstance(vt, T.InstT) and self.prim_member(vt.cls, f.attr, self.PRIM_METHODS):
                f.value = self.prim_view(f.value, vt.cls)
                return self.call_prim_method(f.value.prim_of, f, e)
            if isinstance(vt, (T.InstT, T.ClassT)):
                mt = self.member(f, vt)
                if isinstance(mt, T.BoundMethodT):
                    return self.call_method(e, mt.func, f.value)
                if isinstance(mt, T.FuncT):     # a static method
                    return self.call_user(mt.func, e)
                f.type = mt
                ct = self.callee(f, mt, len(e.args))
                if ct is not None:
                    return self.call_value(e, ct)
                rt = T.resolve(mt)
                if isinstance(rt, T.InstT) and rt.cls.lookup("__call__") is not None:
                    e.func = A.Attribute(f.span, f, "__call__")    # self.filter(v): its __call__
                    return self.call_method(e, rt.cls.lookup("__call__"), f)
                raise self.err(f, f"'{mt.name}' object is not callable")
            if isinstance(vt, T.ModuleT) and vt.module in NATIVE_MODULES:
                return self.native_call(e, self.expr(f))
            if isinstance(vt, T.NativeObjT):
                return self.native_method(e, vt.cls, f)
            if isinstance(vt, T.ModuleT) and vt.module in RUNTIME_API_MODULES:
                self.check_api(vt.module, f.attr, _attr_span_node(f))
                if vt.module == "asyncio" and f.attr in ASYNCIO_EXC:
                    self.expr(f)
                    return self.new_exception(e, BUILTIN_EXC[f.attr])
                return self.call_api(f"{vt.module}.{f.attr}", e)
            if isinstance(vt, T.LoopT):
                if f.attr not in LOOP_API:
                    raise self.err(_attr_span_node(f), f"'event loop' object has no attribute '{f.attr}'")
                return self.call_api(f"loop.{f.attr}", e)
            if isinstance(vt, T.ListT):
                return self.call_list_method(vt, f, e)
            if isinstance(vt, T.PrimT):
                return self.call_prim_method(vt, f, e)
            if isinstance(vt, T.DictT):
                return self.call_dict_method(vt, f, e)
            if vt is T.CONTEXT and f.attr == "get" and len(e.args) == 1 and not e.keywords:
                e.kind = "context.get"
                return self.context_key(e.args[0])
            if isinstance(vt, T.TaskT):
                return self.call_task_method(vt, f, e)
            if vt is T.STR and f.attr == "format":
                return self.call_str_format(e)
            if vt is T.STR and f.attr == "encode":
                e.kind = "str.encode"
                e.ascii = self.codec(e, "encode")
                return T.BYTES
            if vt in T.BUFFERS:
                return self.call_buffer_method(vt, f, e)
            if isinstance(vt, T.SetT):
                return self.call_set_method(vt, f, e)
            if vt in (T.INT, T.BOOL) and f.attr == "to_bytes":
                e.kind = "int.to_bytes"
                self.int_bytes_args(e, "length")
                return T.BYTES
            if isinstance(vt, T.ModuleT) and vt.module == "builtin" and f.value.id == "int" \
                    and f.attr == "from_bytes":
                e.kind = "int.from_bytes"
                if not e.args or T.resolve(self.expr(e.args[0])) not in T.BUFFERS:
                    raise self.err(e, "int.from_bytes() needs bytes-like data")
                self.int_bytes_args(e, "bytes")
                return T.INT
            if vt is T.STR:
                return self.call_str_method(f, e)
            raise self.err(_attr_span_node(f), f"'{vt.name}' object has no attribute '{f.attr}'")
        ft = T.resolve(self.expr(f))
        if isinstance(ft, T.InstT) and ft.cls.lookup("__call__") is not None:
            # obj(args) calls obj.__call__(args)
            e.func = A.Attribute(f.span, f, "__call__")
            e.func.type = T.BoundMethodT(ft.cls, ft.cls.lookup("__call__"))
            return self.call_method(e, ft.cls.lookup("__call__"), f)
        ct = self.callee(f, ft, len(e.args))
        if ct is not None:
            return self.call_value(e, ct)
        if isinstance(ft, T.NativeClassT):
            return self.native_call(e, ft)
        if isinstance(ft, T.ExcClassT):
            return self.new_exception(e, ft.cls)
        if isinstance(ft, T.ClassT):
            return self.new_object(e, ft.cls)
        raise self.err(f, f"'{ft.name}' object is not callable")

    # ---------------------------------------------------- functions as values
    def as_value(self, node, t):
        """A function or bound method stored or passed on becomes a callable."""
        t = T.resolve(t)
        if isinstance(t, T.FuncT):
            func, self_type, nparams = t.func, None, len(t.func.node.params)
            if func.captured:       # a closure: its environment is the object
                self_type, nparams = T.EnvT(func.outer_inst), nparams - 1
        elif isinstance(t, T.BoundMethodT):
            func, nparams = t.func, len(t.func.node.params) - 1
            self_type = T.resolve(node.value.type)
            if isinstance(self_type, T.OptT):
                self_type = T.resolve(self_type.inner)
        else:
            return t
        if func.is_async:
            raise self.err(node, "an async function as a value is not supported yet: call it")
        if any(p.kind != "normal" for p in func.node.params):
            raise self.err(node, "a function with *args, **kwargs or keyword-only parameters as a value "
                                 "is not supported yet: call it")
        ct = T.CallableT(nparams)
        m = T.Member(func, self_type, node)
        if isinstance(self_type, T.EnvT):
            m.env_ref = self.env_ref(func.outer_inst, node.span, escapes=True)
        ct.members.append(m)
        node.callable_member = m
        node.type = ct
        self.prog.members.append(m)
        return ct

    def callee(self, f, t, nargs):
        """The callable a call goes through, when f's value is one: a slot
        that so far only held None becomes an Optional callable."""
        t = T.resolve(t)
        if isinstance(t, T.NullVar):
            ct = T.CallableT(nargs)
            T.unify(t, ct)
            t = T.resolve(t)
        if isinstance(t, T.OptT) and isinstance(T.resolve(t.inner), T.CallableT):
            f.null_check = "call"
            return T.resolve(t.inner)
        return t if isinstance(t, T.CallableT) else None

    def call_value(self, e, ct):
        if e.keywords or len(e.args) != len(ct.params):
            raise self.err(e, f"this callable takes {len(ct.params)} positional arguments")
        for p, a in zip(ct.params, e.args):
            t = T.resolve(self.as_value(a, self.expr(a)))
            if not T.unify(p, t):
                raise self.err(a, f"type conflict: the callable takes {T.resolve(p).name} here, not {t.name}")
        self.realize(ct, e)
        e.kind = "callable"
        e.callable = ct
        return ct.result

    def realize(self, ct, node):
        """Specialise every member for the callable's parameter types, once
        they are known."""
        ct = T.resolve(ct)
        if isinstance(ct, T.OptT):
            ct = T.resolve(ct.inner)
        if not isinstance(ct, T.CallableT) or not ct.concrete():
            return
        for m in list(ct.members):
            if m.instance is not None:
                continue
            types = ([m.self_type] if m.self_type is not None else []) + [T.resolve(p) for p in ct.params]
            m.instance = self.instantiate(m.func, types, node, need_result=False)
            rt = m.instance.return_type
            if rt is not None and not T.unify(ct.result, rt):
                raise self.err(m.node, f"type conflict: this function returns {T.resolve(rt).name} where "
                                       f"the callable returns {T.resolve(ct.result).name}")

    def expr_Lambda(self, e):
        name = f"lambda_L{e.span.line}_{e.span.col}"
        fn = A.FunctionDef(e.span, name, list(e.params), [A.Return(e.span, e.body)])
        func = FuncInfo(fn, self.prog)
        func.outer_inst = self.inst
        self.collect_scope(func)
        if self.inst is None:     # one in a function was checked with it
            self.check_function(func)
        for n in A.walk(e.body):
            if isinstance(n, A.Name) and n.id in func.free and any(n.id in sc for sc in self.comp_scopes):
                raise self.err(n, f"this lambda uses '{n.id}' of the comprehension around it: "
                                  "closures over comprehension variables are not supported yet")
        if func.captured:
            fn.params.insert(0, A.Param(e.span, ENV_PARAM))
        return T.FuncT(func)

    def stmt_FunctionDef(self, s):
        """A nested function: its name is bound for the enclosing function's
        whole run (the environment it captures is made on entry)."""
        outer = self.inst
        if (outer.local_funcs.get(s.name) is not None and outer.local_funcs[s.name].node is s) or hasattr(s, "assign"):
            return
        func = FuncInfo(s, self.prog)
        func.outer_inst = outer
        self.collect_scope(func)
        if func.captured:
            s.params.insert(0, A.Param(s.span, ENV_PARAM))
        if s.name in outer.func.rebound:
            # defined twice or also assigned: a variable holding a callable,
            # and this def an assignment to it
            value = A.Name(s.span, s.name)
            target = A.Name(s.span, s.name)
            s.assign = A.Assign(s.span, [target], value)
            self.assign_name(target, self.as_value(value, T.FuncT(func)), value)
            s.assign.value.type = value.type
            return
        outer.local_funcs[s.name] = func

    def stmt_Nonlocal(self, s):
        if self.inst is None:
            raise self.err(s, "nonlocal declaration not allowed at module level")

    # ------------------------------------------------------------- classes
    def member(self, e, vt):
        cls = vt.cls
        if isinstance(vt, T.InstT) and e.attr in cls.fields:
            e.field = e.attr
            return cls.fields[e.attr][0]
        const = cls.constant(e.attr)
        if const is not None:
            e.const_expr = copy.deepcopy(const)
            return self.expr(e.const_expr)
        method = cls.lookup(e.attr)
        if method is not None and method.method_kind == "property" and isinstance(vt, T.InstT):
            # reading a property calls its getter
            call = A.Call(e.span, A.Attribute(e.span, e.value, e.attr), [], [])
            e.property_call = call
            return self.call_method(call, method, e.value)
        if method is not None and method.method_kind == "staticmethod":
            return T.FuncT(method)
        if method is not None and method.method_kind == "classmethod":
            raise self.err(_attr_span_node(e), f"classmethod '{e.attr}' can only be called here "
                                               "(as a value it is not supported yet)")
        if method is not None and isinstance(vt, T.InstT):
            return T.BoundMethodT(cls, method)
        raise self.err(_attr_span_node(e), f"'{cls.name}' object has no attribute '{e.attr}'")

    def assign_field(self, target, vt, value_node):
        ot = self.deopt(target.value, self.expr(target.value), target.attr)
        if ot is T.EXC:
            return self.assign_exception_field(target, vt, value_node)
        if not isinstance(ot, T.InstT):
            raise self.err(target, f"cannot set attributes of {ot.name}")
        cls = ot.cls
        self.check_storable(vt, value_node)
        slot = ("field", cls.name, target.attr)
        if target.attr in cls.fields:
            ft, span = cls.fields[target.attr]
            if isinstance(T.resolve(ft), T.CallableT) and isinstance(T.resolve(vt), T.CallableT) \
                    and T.unify(ft, vt):
                self.realize(T.resolve(ft), target)
            elif not self.storable_into(ft, vt, slot):
                raise self.err(target, f"type conflict: '{cls.name}.{target.attr}' is {T.resolve(ft).name} "
                                       f"but is assigned a {T.resolve(vt).name} here",
                               [self.src.note(span, f"'{target.attr}' got type {T.resolve(ft).name} here")])
        else:
            if cls.lookup(target.attr) is not None:
                raise self.err(target, f"'{target.attr}' is a method or read-only property of '{cls.name}'")
            const = cls.constant(target.attr)
            if const is not None:
                ct = self.expr(copy.deepcopy(const))
                if not T.unify(ct, vt):
                    raise self.err(target, f"type conflict: '{cls.name}.{target.attr}' is {T.resolve(ct).name} "
                                           f"but is assigned a {T.resolve(vt).name} here")
            ft = self.slot_type(slot, vt)
            for c in self.class_and_subclasses(cls):
                c.fields.setdefault(target.attr, (ft, target.span))
        target.field = target.attr
        target.type = cls.fields[target.attr][0]
        self.realize(target.type, target)

    def class_and_subclasses(self, cls):
        return [c for c in self.prog.classes if c.derives(cls)]

    def call_method(self, call, func, self_expr):
        shifted = A.Call(call.span, call.func, [self_expr] + list(call.args), call.keywords)
        args = self.bind_args(func, shifted)
        types = self.arg_types(func, args, T.resolve(self_expr.type))
        inst = self.instantiate(func, types, call, need_result=not func.is_generator)
        call.kind = "user"
        call.instance = inst
        call.bound_args = args
        if func.is_generator:
            return T.GenT(inst)
        return T.CoroT(inst) if func.is_async else inst.return_type

    def call_classmethod(self, e, func, f, vt):
        """C.m(args) or obj.m(args): the class is the first argument, known
        at compile time (one specialisation per class: a subclass's call
        makes `cls(...)` construct the subclass)."""
        if isinstance(vt, T.ClassT):
            cls_expr = f.value
        else:
            if not isinstance(f.value, (A.Name, A.Attribute)):
                raise self.err(f.value, "a classmethod is called on a class, a variable or an attribute only")
            cls_expr = A.Name(f.value.span, vt.cls.name)
            cls_expr.binding, cls_expr.type = ("class", vt.cls), T.ClassT(vt.cls)
        return self.call_method(e, func, cls_expr)

    def new_object(self, e, cls):
        e.kind = "new"
        e.new_class = cls
        init = cls.lookup("__init__")
        e.init_instance = None
        placeholder = A.Name(e.span, "self")
        placeholder.type = T.InstT(cls)
        if init is None:
            if e.args or e.keywords:
                raise self.err(e, f"{cls.name}() takes no arguments")
            return T.InstT(cls)
        if init.is_async:
            raise self.err(init.node, "__init__ cannot be async")
        self.call_method(e, init, placeholder)
        e.kind = "new"
        e.init_instance = e.instance
        return T.InstT(cls)

    def super_call(self, e, f):
        if self.inst is None or self.inst.func.cls is None:
            raise self.err(f.value, "super() is only supported inside methods")
        cls = self.inst.func.cls
        if isinstance(cls, T.ExcClass):
            return self.exception_super_call(e, f, cls)
        base = cls.base
        func = base.lookup(f.attr) if base else None
        prim = cls.prim_base()
        if func is None and prim is not None and (f.attr == "__init__" or f.attr in self.PRIM_METHODS[prim[1].kind]):
            self_expr = A.Name(f.value.span, self.inst.func.node.params[0].name)
            self.expr(self_expr)
            view = self.prim_view(self_expr, cls)
            if f.attr == "__init__":     # the primitive initialised again with these arguments
                if prim[0] == "Message":
                    self.positional(e, "Message", 0)
                    e.prim, e.prim_args = "Message", {}
                else:
                    pt = self.new_primitive(e, prim[0])
                    if pt.kind == "queue":
                        T.unify(pt.elem, view.prim_of.elem)
                e.kind = "prim.init"
                e.prim_target = view
                return T.NONE
            f.value = view
            return self.call_prim_method(view.prim_of, f, e)
        if func is None:
            raise self.err(_attr_span_node(f), f"'super' object has no attribute '{f.attr}'")
        self_name = self.inst.func.node.params[0].name
        self_expr = A.Name(f.value.span, self_name)
        self.expr(self_expr)
        return self.call_method(e, func, self_expr)

    def exception_super_call(self, e, f, cls):
        """super().__init__(...) in an exception class's __init__: the base's
        __init__, or BaseException's, which sets e.args."""
        if f.attr != "__init__":
            raise self.err(_attr_span_node(f), f"'super' object has no attribute '{f.attr}' here")
        self_expr = A.Name(f.value.span, self.inst.func.node.params[0].name)
        self.expr(self_expr)
        init = cls.base.initializer()
        if init is not None:
            return self.call_method(e, init, self_expr)
        if e.keywords:
            raise self.err(e.keywords[0], "BaseException.__init__() takes no keyword arguments")
        self.exception_args(e, e.args)
        e.kind = "exc.init"
        e.exc_class = cls
        e.exc_self = self_expr
        return T.NONE

    def exception_field(self, e):
        """e.code: an attribute some exception class's __init__ sets; its
        type is the same in every class that has one of that name."""
        owners = [c for c in self.prog.exc_classes if e.attr in c.fields]
        if not owners:
            raise self.err(_attr_span_node(e), f"exception objects have no attribute '{e.attr}' here")
        t = owners[0].fields[e.attr][0]
        for c in owners[1:]:
            if not T.unify(t, c.fields[e.attr][0]):
                raise self.err(e, f"'{e.attr}' has different types in exception classes "
                                  f"{owners[0].name} and {c.name}")
        e.exc_field = e.attr
        return t

    def assign_exception_field(self, target, vt, value_node):
        """self.code = ... in an exception class's __init__."""
        func = self.inst.func if self.inst is not None else None
        cls = func.cls if func is not None else None
        if not (isinstance(cls, T.ExcClass) and isinstance(target.value, A.Name)
                and target.value.id == func.node.params[0].name):
            raise self.err(target, "attributes of an exception are set on self in its class's __init__ only")
        if target.attr in ("args", "__traceback__", "__cause__", "__context__"):
            raise self.err(target, f"setting '{target.attr}' of an exception is not supported")
        self.check_storable(vt, value_node)
        owner = next((c for c in T.lineage(cls) if target.attr in c.fields), cls)
        if target.attr in owner.fields:
            ft, span = owner.fields[target.attr]
            if not self.storable_into(ft, vt, ("excfield", owner.name, target.attr)):
                raise self.err(target, f"type conflict: '{owner.name}.{target.attr}' is {T.resolve(ft).name} "
                                       f"but is assigned a {T.resolve(vt).name} here",
                               [self.src.note(span, f"'{target.attr}' got type {T.resolve(ft).name} here")])
        else:
            owner.fields[target.attr] = (self.slot_type(("excfield", owner.name, target.attr), vt), target.span)
        target.exc_field = target.attr
        target.type = owner.fields[target.attr][0]
        self.realize(target.type, target)

    # ------------------------------------------------------ native modules
    def native_module(self, mod):
        try:
            return cinterop.load(os.path.join(PYBOARD, "pyb.h"), "pyb")
        except cinterop.InteropError as x:
            raise self.err(self.module, f"cannot read the pyb module: {x}")

    def native_attr(self, mod, attr, node):
        m = self.native_module(mod)
        if mod == "machine":
            if attr in MACHINE_CLASSES:
                return "class", m.classes[attr]
        elif attr in m.functions:
            return "func", m.functions[attr]
        elif attr in m.classes:
            return "class", m.classes[attr]
        elif attr in m.constants:
            return "const", m.constants[attr]
        raise self.err(node, f"module '{mod}' has no attribute '{attr}'")

    def native_value(self, e, mod, attr):
        kind, x = self.native_attr(mod, attr, _attr_span_node(e) if isinstance(e, A.Attribute) else e)
        if kind == "class":
            return T.NativeClassT(x)
        if kind == "const":
            e.const_value = x
            return T.INT
        e.native_fn = x
        return T.ModuleT(f"{mod}.{attr}")

    def native_args(self, e, fn, args, what):
        if e.keywords:
            raise self.err(e.keywords[0], f"{what}() takes no keyword arguments")
        out = []
        for kind, a in zip(fn.params, args):
            if kind == "callback":
                out.append(("callback", self.isr_callback(a)))
                continue
            t = T.resolve(self.expr(a))
            ok = {"str": (T.STR,), T.INT: (T.INT, T.BOOL), T.FLOAT: (T.FLOAT, T.INT, T.BOOL),
                  T.BOOL: (T.BOOL, T.INT)}[kind]
            if t not in ok:
                want = "str" if kind == "str" else kind.name
                raise self.err(a, f"{what}() needs {want} here, not {t.name}")
            out.append((kind, a))
        return out

    def isr_callback(self, a):
        t = T.resolve(self.expr(a))
        if t is T.NONE:
            return None
        if not (isinstance(t, T.FuncT) and isinstance(a, A.Name)) or t.func.is_async:
            raise self.err(a, "the callback must be a module-level plain function (or None)")
        if t.func.captured:
            raise self.err(a, f"an interrupt callback cannot be a closure yet: '{t.func.name}' uses "
                              f"'{sorted(t.func.captured)[0]}' of the function around it")
        if a.id in self.prog.globals:
            raise self.err(a, "the callback must be a module-level plain function (or None)")
        if t.func.node.params:
            raise self.err(a, f"an interrupt callback takes no arguments; '{t.func.name}' takes {len(t.func.node.params)}")
        inst = self.instantiate(t.func, [], a, need_result=False)
        self.prog.isr_callbacks[id(inst)] = inst
        return inst

    ISR_UNSAFE_CALLS = {"new": "creating an object", "asyncio.create_task": "creating a task",
                        "loop.call_soon": "scheduling a callback", "loop.call_later": "scheduling a callback",
                        "loop.call_later_ms": "scheduling a callback", "builtin.str": "building a string",
                        "builtin.repr": "building a string", "builtin.sorted": "building a list",
                        "builtin.bytes": "building bytes", "builtin.bytearray": "building a bytearray",
                        "builtin.set": "building a set", "int.to_bytes": "building bytes",
                        "str.format": "building a string",
                        "time.sleep": "blocking", "time.sleep_ms": "blocking", "time.sleep_us": "blocking"}

    def check_isr(self, inst, seen):
        """An interrupt callback (and what it calls) runs in interrupt
        context: it may not block, allocate or touch the scheduler, except
        Event.set() and ThreadSafeFlag.set(), which are ISR-safe."""
        if id(inst) in seen:
            return
        seen.add(id(inst))
        inst.isr = True
        for stmt in inst.body:
            # its exceptions are one static object, made again at each raise
            # (exc.c): made only to be raised, never kept nor raised again
            raised = {id(n.exc) for n in A.walk(stmt) if isinstance(n, A.Raise)}
            for n in A.walk(stmt):
                why = None
                if isinstance(n, (A.List, A.ListComp, A.GeneratorExp, A.JoinedStr, A.Set, A.SetComp)):
                    why = "building a list or string"
                elif isinstance(n, A.ExceptHandler) and n.name:
                    why = "keeping a caught exception ('except ... as name')"
                elif isinstance(n, A.Raise) and n.exc is None:
                    why = "raising a caught exception again (a bare 'raise')"
                elif isinstance(n, A.Try) and n.finalbody:
                    why = "a 'finally' block (it raises the pending exception again)"
                elif isinstance(n, A.BinOp) and T.resolve(n.type) in (T.STR,) or \
                        isinstance(n, A.BinOp) and isinstance(T.resolve(n.type), T.ListT):
                    why = "building a list or string"
                elif isinstance(n, A.Call):
                    kind = getattr(n, "kind", None) or ""
                    why = self.ISR_UNSAFE_CALLS.get(kind)
                    if kind.startswith(("list.", "str.")) and kind not in ("list.index", "list.count",
                                                                          "str.find", "str.startswith",
                                                                          "str.endswith", "str.count"):
                        why = "changing a list or building a string"
                    if kind.startswith(("set.", "buffer.")) and kind not in ("buffer.find", "buffer.count",
                                                                           "buffer.startswith", "buffer.endswith",
                                                                           "set.discard", "set.remove"):
                        why = "growing a set or buffer, or building one"
                    if kind.startswith("prim.") and kind not in ("prim.event.set", "prim.tsflag.set",
                                                                "prim.event.is_set", "prim.new"):
                        why = f"{kind[5:]}() (only Event.set and ThreadSafeFlag.set are ISR-safe)"
                    if kind == "prim.new":
                        why = "creating a primitive"
                    if kind == "exc.new" and (id(n) not in raised or n.exc_init is not None or n.keywords or len(n.args) > 1 or
                                              any(T.resolve(a.type) is not T.STR for a in n.args)):
                        why = "an exception object other than one raised at once with at most one str argument"
                    if kind == "user":
                        self.check_isr(n.instance, seen)
                if why:
                    raise self.err(n, f"not allowed in an interrupt callback: {why}",
                                   [self.src.note(inst.func.node.span,
                                                  f"'{inst.func.name}' runs in interrupt context")])

    def native_call(self, e, ft):
        ft = T.resolve(ft)
        if isinstance(ft, T.NativeClassT):
            return self.native_new(e, ft.cls)
        fn = e.func.native_fn
        if len(e.args) != len(fn.params):
            raise self.err(e, f"{fn.c_name[4:]}() takes {len(fn.params)} arguments ({len(e.args)} given)")
        e.kind = "native.call"
        e.native_fn = fn
        e.native_args = self.native_args(e, fn, e.args, fn.c_name)
        e.native_self = None
        return fn.result

    def native_new(self, e, cls):
        e.kind = "native.new"
        e.native_cls = cls
        args = list(e.args)
        if e.keywords:
            raise self.err(e.keywords[0], f"{cls.name}() keyword arguments are not supported yet")
        e.id_expr = None
        if cls.takes_id:
            if not args:
                raise self.err(e, f"{cls.name}() needs an id")
            first = args.pop(0)
            if isinstance(first, A.Constant) and isinstance(first.value, str):
                name = first.value
                for ns in ("board", "cpu"):
                    if name in cls.namespaces.get(ns, {}):
                        e.id_const = cls.namespaces[ns][name]
                        break
                else:
                    raise self.err(first, f"{cls.name}({name!r}): no such pin")
            else:
                t = T.resolve(self.expr(first))
                if t not in (T.INT, T.BOOL):
                    raise self.err(first, f"{cls.name}() id must be an int, not {t.name}")
                e.id_expr = first
        e.init_args = []
        if args:
            if cls.init is None or len(args) > len(cls.init.params):
                raise self.err(args[0], f"{cls.name}() takes no further arguments")
            while len(args) < len(cls.init.params) and cls.init.params[len(args)] is T.INT:
                zero = A.Constant(e.span, 0)   # MicroPython's defaults: mode/pull 0
                args.append(zero)
            e.init_args = self.native_args(e, cls.init, args, cls.name)
        return T.NativeObjT(cls)

    def native_method(self, e, cls, f):
        overloads = cls.methods.get(f.attr)
        if not overloads:
            raise self.err(_attr_span_node(f), f"'{cls.name}' object has no attribute '{f.attr}'")
        fn = overloads.get(len(e.args))
        if fn is None:
            want = " or ".join(str(n) for n in sorted(overloads))
            raise self.err(e, f"{cls.name}.{f.attr}() takes {want} arguments ({len(e.args)} given)")
        e.kind = "native.call"
        e.native_fn = fn
        e.native_args = self.native_args(e, fn, e.args, f"{cls.name}.{f.attr}")
        e.native_self = f.value
        return fn.result

    def positional(self, e, name, lo, hi=None):
        hi = lo if hi is None else hi
        if e.keywords:
            raise self.err(e.keywords[0], f"{name}() takes no keyword arguments")
        for a in e.args:
            if isinstance(a, A.Starred):
                raise self.err(a, "*args in calls is not supported yet")
        if not lo <= len(e.args) <= hi:
            want = f"{lo}" if lo == hi else f"{lo} to {hi}"
            raise self.err(e, f"{name}() takes {want} arguments ({len(e.args)} given)")
        return [T.resolve(self.expr(a)) for a in e.args]

    def call_builtin(self, name, e):
        e.kind = "builtin." + name
        if name in ("sum", "any", "all", "sorted", "min", "max", "list") and len(e.args) == 1 \
                and self.range_or_view(e.args[0], name == "list"):
            self.items_as_list(e)       # sum(range(n)), list(d.keys()): over a list of the items
        if name == "print":
            for a in e.args:
                if isinstance(a, A.Starred):
                    raise self.err(a, "*args in calls is not supported yet")
                self.check_printable(self.expr(a), a)
            for kw in e.keywords:
                if kw.arg not in ("sep", "end"):
                    raise self.err(kw, f"print() keyword '{kw.arg}' is not supported")
                t = T.resolve(self.expr(kw.value))
                if t not in (T.STR, T.NONE):
                    raise self.err(kw.value, f"{kw.arg} must be None or a string, not {t.name}")
            return T.NONE
        if name == "len":
            (t,) = self.positional(e, name, 1)
            if not (t is T.STR or t in T.BUFFERS or isinstance(t, (T.ListT, T.TupleT, T.DictT, T.ExcArgsT, T.SetT))):
                raise self.err(e.args[0], f"object of type '{t.name}' has no len()")
            return T.INT
        if name in ("range", "enumerate", "zip"):
            raise self.err(e, f"{name}() is only supported as the iterable of a for loop or comprehension")
        if name in ("next", "iter"):
            ts = self.positional(e, name, 1, 2 if name == "next" else 1)
            if not isinstance(ts[0], T.GenT):
                raise self.err(e.args[0], f"{name}() of {ts[0].name} is not supported yet (only of generators)")
            if name == "iter":
                return ts[0]
            yt = ts[0].instance.yield_type
            if len(ts) == 2 and not T.unify(yt, self.as_value(e.args[1], ts[1])):
                raise self.err(e.args[1], f"type conflict: the generator yields {T.resolve(yt).name}, "
                                          f"the default is {ts[1].name}")
            return yt
        if name == "list":
            (t,) = self.positional(e, name, 1)
            if isinstance(t, T.GenT):
                return T.ListT(t.instance.yield_type)
            if isinstance(t, T.ListT):
                return T.ListT(t.elem)
            raise self.err(e.args[0], f"list() of {t.name} is not supported yet")
        if name in ("bytes", "bytearray", "memoryview", "set"):
            return self.new_container(name, e)
        if name == "sorted" and e.keywords:
            keywords, e.keywords = e.keywords, []
            (t,) = self.positional(e, name, 1)
            e.keywords = keywords
            t = self.generator_items(e)
            elem = self.sequence_item(e.args[0], t, ordered=False)
            e.args[0] = self.items_of(e.args[0])
            self.sort_order(e, elem, name, ("key", "reverse"))
            return T.ListT(elem)
        if name in ("sum", "any", "all", "sorted"):
            (t,) = self.positional(e, name, 1)
            t = self.generator_items(e)
            elem = self.sequence_item(e.args[0], t, ordered=name == "sum")
            e.args[0] = self.items_of(e.args[0])
            if name == "sum" and isinstance(T.resolve(elem), T.TVar):
                T.unify(elem, T.INT)      # sum([]) is 0
            elem = T.resolve(elem)
            if name == "sum":
                if elem not in (T.INT, T.FLOAT, T.BOOL):
                    raise self.err(e.args[0], f"sum() of {elem.name} items is not supported")
                return T.INT if elem is T.BOOL else elem
            if name == "sorted":
                if not _sortable(elem):
                    raise self.err(e.args[0], f"sorted() of {elem.name} items is not supported yet")
                return T.ListT(elem)
            self.cond_type(elem, e.args[0])     # any()/all() test each item's truth
            return T.BOOL
        if name in ("min", "max"):
            if e.keywords and len(e.args) == 1:      # min(items, key=f)
                elem = T.resolve(self.sequence_item(e.args[0], self.generator_items_typed(e), ordered=False))
                e.args[0] = self.items_of(e.args[0])
                e.over_sequence = True
                self.sort_order(e, elem, name, ("key",))
                return elem
            if e.keywords:
                raise self.err(e.keywords[0], f"{name}() keyword arguments are supported with one iterable only")
            if len(e.args) == 1:
                self.expr(e.args[0])
                elem = T.resolve(self.sequence_item(e.args[0], self.generator_items(e), ordered=False))
                e.args[0] = self.items_of(e.args[0])
                e.over_sequence = True
            elif len(e.args) >= 2:
                types = [T.resolve(self.expr(a)) for a in e.args]
                elem = types[0]
                if not all(T.unify(elem, t) for t in types):
                    raise self.err(e, f"{name}() of mixed types is not supported")
                e.over_sequence = False
            else:
                raise self.err(e, f"{name} expected at least 1 argument, got 0")
            if not (elem in (T.INT, T.FLOAT, T.STR) or _tuple_key(elem)):
                raise self.err(e, f"{name}() of {elem.name} is not supported")
            return elem
        if name == "divmod":
            a, b = self.positional(e, name, 2)
            if a not in (T.INT, T.BOOL) or b not in (T.INT, T.BOOL):
                raise self.err(e, "divmod() is supported for ints")
            return T.TupleT([T.INT, T.INT])
        if name == "round":
            ts = self.positional(e, name, 1, 2)
            if ts[0] not in (T.INT, T.FLOAT, T.BOOL) or (len(ts) == 2 and ts[1] not in (T.INT, T.BOOL)):
                raise self.err(e, "round() needs a number (and an int)")
            if len(ts) == 1:
                return T.INT
            return T.INT if ts[0] in (T.INT, T.BOOL) else T.FLOAT
        if name == "type":
            (t,) = self.positional(e, name, 1)
            if isinstance(t, T.InstT):     # one class per static type: known here
                return T.ClassT(t.cls)
            if t is not T.EXC:
                raise self.err(e.args[0], f"type() of {t.name} is not supported yet")
            return T.EXC_TYPE
        if name in ("hex", "chr"):
            (t,) = self.positional(e, name, 1)
            if t not in (T.INT, T.BOOL):
                raise self.err(e.args[0], f"{name}() needs an int")
            return T.STR
        if name == "ord":
            (t,) = self.positional(e, name, 1)
            if t is not T.STR:
                raise self.err(e.args[0], "ord() needs a str")
            return T.INT
        if name == "isinstance":
            if len(e.args) != 2 or e.keywords:
                raise self.err(e, "isinstance() takes 2 arguments")
            t = T.resolve(self.expr(e.args[0]))
            if isinstance(t, (T.InstT, T.PrimT)):
                ct = T.resolve(self.expr(e.args[1]))
                items = e.args[1].elts if isinstance(e.args[1], A.Tuple) else [e.args[1]]
                classes = [T.resolve(x.type) for x in items] if isinstance(e.args[1], A.Tuple) else [ct]
                if not all(isinstance(c, T.ClassT) or _prim_class_name(c) for c in classes):
                    raise self.err(e.args[1], "isinstance() needs a class or a tuple of classes")
                if isinstance(t, T.PrimT) and t.kind == "sem" and any(_prim_class_name(c) == "BoundedSemaphore"
                                                                     for c in classes):
                    raise self.err(e.args[1], "isinstance() of a semaphore against BoundedSemaphore is not supported")
                e.const_bool = any(_is_instance(t, c) for c in classes)
                return T.BOOL
            e.classes = self.exception_classes(e.args[1])
            if isinstance(t, T.OutcomeT):
                e.on_outcome = True
                return T.BOOL
            if t is not T.EXC:
                raise self.err(e.args[0], f"isinstance() of {t.name} is not supported yet")
            return T.BOOL
        if name in ("str", "repr"):
            (t,) = self.positional(e, name, 1)
            self.check_printable(t, e.args[0])
            return T.STR
        if name == "int":
            (t,) = self.positional(e, name, 1)
            if t not in (T.INT, T.FLOAT, T.BOOL, T.STR):
                raise self.err(e.args[0], f"int() of {t.name} is not supported yet")
            return T.INT
        if name == "float":
            (t,) = self.positional(e, name, 1)
            if t not in (T.INT, T.FLOAT, T.BOOL, T.STR):
                raise self.err(e.args[0], f"float() of {t.name} is not supported yet")
            return T.FLOAT
        if name == "bool":
            (t,) = self.positional(e, name, 1)
            self.cond_type(t, e.args[0])
            return T.BOOL
        if name == "abs":
            (t,) = self.positional(e, name, 1)
            if t not in (T.INT, T.FLOAT, T.BOOL):
                raise self.err(e.args[0], f"bad operand type for abs(): '{t.name}'")
            return T.INT if t is T.BOOL else t
        raise self.err(e, f"{name}() is not supported yet")

    def generator_items_typed(self, e):
        self.expr(e.args[0])
        return self.generator_items(e)

    def sort_order(self, e, elem, name, allowed):
        """key= and reverse= of sort/sorted/min/max. The key is compiled
        inline, applied to a hidden variable holding each item in turn:
        e.sort_key = (that variable's Name, key expression) and
        e.sort_reverse (an expression or None). No key compares the items."""
        given = {}
        for kw in e.keywords:
            if kw.arg not in allowed or kw.arg in given:
                raise self.err(kw, f"{name}() got an unexpected keyword argument '{kw.arg}'")
            given[kw.arg] = kw.value
        e.keywords = [kw for kw in e.keywords if kw.arg == "reverse"]
        e.sort_reverse = given.get("reverse")
        if e.sort_reverse is not None and T.resolve(self.expr(e.sort_reverse)) not in (T.BOOL, T.INT):
            raise self.err(e.sort_reverse, "reverse must be a bool")
        key = given.get("key")
        if isinstance(key, A.Constant) and key.value is None:
            key = None
        e.sort_key = None
        if key is None and e.sort_reverse is None:
            if not _sortable(elem):
                raise self.err(e, f"{name}() of {T.resolve(elem).name} items is not supported yet")
            return
        item = A.Name(e.span, "sort_item_")
        if isinstance(key, A.Lambda):
            if len(key.params) != 1 or key.params[0].default is not None or key.params[0].kind != "normal":
                raise self.err(key, "a key lambda takes one argument")
            item, body = A.Name(key.params[0].span, key.params[0].name), key.body
        elif isinstance(key, A.Attribute) and isinstance(key.value, A.Name) and key.value.id == "str" \
                and self.name_is_builtin("str"):
            body = A.Call(key.span, A.Attribute(key.span, item, key.attr), [], [])       # key=str.lower
        elif isinstance(key, (A.Name, A.Attribute)):
            body = A.Call(key.span, key, [item], [])        # a function, builtin or bound method
        elif key is None:
            body = copy.deepcopy(item)
        else:
            raise self.err(key, "key= must be a lambda, a function or a method here")
        scope = {}
        self.comp_scopes.append(scope)
        self.n_comp += 1
        scope[item.id] = VarInfo(f"comp_{item.id}{self.n_comp}", None, item.span, "temp")
        self.comp_vars.append(scope[item.id])
        self.assign_target(item, elem, e)
        kt = T.resolve(self.as_value(body, self.expr(body)))
        self.comp_scopes.pop()
        if not _sortable(kt):
            what = "key" if key is not None else "item"
            raise self.err(key if key is not None else e, f"{name}() by {what}s of type {kt.name} is not supported yet")
        e.sort_key = (item, body)
        # kept in the call's keywords, where later passes see what it uses
        e.keywords = [A.Keyword(body.span, "key", body)] + \
            ([A.Keyword(e.sort_reverse.span, "reverse", e.sort_reverse)] if e.sort_reverse is not None else [])

    def generator_items(self, e):
        """sum(g), min(gen(...)): a generator argument (analysed already) is
        first collected into a list, as list(g) does; the argument's type."""
        a = e.args[0]
        t = T.resolve(a.type)
        if not isinstance(t, T.GenT):
            return t
        call = A.Call(a.span, A.Name(a.span, "list"), [a], [])
        call.kind = "builtin.list"
        call.type = T.ListT(t.instance.yield_type)
        e.args[0] = call
        return call.type

    def coro_arg(self, e, what):
        if len(e.args) != 1 or e.keywords:
            raise self.err(e, f"{what}() takes one coroutine argument")
        a = e.args[0]
        t = T.resolve(self.expr(a))
        if not isinstance(t, T.CoroT):
            raise self.err(a, f"{what}() needs a coroutine, not {t.name}")
        t.instance.used_as_task = True
        return t.instance

    def call_api(self, q, e):
        e.kind = q
        if q in ("asyncio.run", "loop.run_until_complete"):
            if self.inst is not None and self.inst.func.is_async:
                raise self.err(e, f"{q.split('.')[1]}() cannot be called from a running event loop")
            arg = e.args[0] if len(e.args) == 1 and not e.keywords else None
            if arg is not None and isinstance(T.resolve(self.expr(arg)), T.AwaitableT) \
                    and arg.type.kind == "sleep":
                e.kind = q + ".sleep"
                return T.NONE
            inst = self.coro_arg(e, q.split(".")[1])
            return inst.return_type
        if q in ("asyncio.create_task", "loop.create_task"):
            inst = self.coro_arg(e, "create_task")
            return T.TaskT(inst.return_type)
        if q.startswith("asyncio.") and q[8:] in ASYNCIO_PRIMS:
            return self.new_primitive(e, q[8:])
        if q == "primitives.Message":
            self.positional(e, "Message", 0)
            e.kind, e.prim, e.prim_args = "prim.new", "Message", {}
            return T.PrimT("message", T.TVar())
        if q == "primitives.Barrier":
            return self.new_mbarrier(e)
        if q in ("asyncio.wait_for", "asyncio.wait_for_ms"):
            if e.keywords or len(e.args) != 2:
                raise self.err(e, f"{q[8:]}() takes an awaitable and a timeout")
            t = T.resolve(self.expr(e.args[0]))
            if not isinstance(t, T.CoroT):
                raise self.err(e.args[0], f"{q[8:]}() of a {t.name} is not supported yet (pass a coroutine call)")
            t.instance.used_as_task = True
            d = T.resolve(self.expr(e.args[1]))
            if d not in (T.INT, T.FLOAT, T.BOOL) or (q.endswith("_ms") and d is T.FLOAT):
                raise self.err(e.args[1], "the timeout must be a number")
            return T.AwaitableT("wait_for", t.instance.return_type)
        if q == "asyncio.current_task":
            self.positional(e, "current_task", 0)
            return T.TaskT(T.TVar())
        if q in ("asyncio.sleep", "asyncio.sleep_ms"):
            (t,) = self.positional(e, q.split(".")[1], 1)
            if t not in (T.INT, T.FLOAT, T.BOOL) or (q.endswith("_ms") and t is T.FLOAT):
                raise self.err(e.args[0], f"{q}() needs a number, not {t.name}")
            return T.AwaitableT("sleep", T.NONE)
        if q == "asyncio.gather":
            e.return_exceptions = False
            for kw in e.keywords:
                if kw.arg != "return_exceptions" or not isinstance(kw.value, A.Constant) \
                        or not isinstance(kw.value.value, bool):
                    raise self.err(kw, "gather() takes only return_exceptions=True/False")
                e.return_exceptions = kw.value.value
            elem = T.TVar()
            if len(e.args) == 1 and isinstance(e.args[0], A.Starred):
                return self.outcomes(e, self.gather_starred(e, e.args[0].value))
            e.gather_mode = "static"
            results = []
            for a in e.args:
                if isinstance(a, A.Starred):
                    raise self.err(a, "gather(*...) must be the only argument")
                t = T.resolve(self.expr(a))
                if not isinstance(t, T.CoroT):
                    raise self.err(a, f"gather() arguments must be coroutine calls here, not {t.name}")
                t.instance.used_as_task = True
                results.append(t.instance.return_type)
            if all(T.unify(elem, r) for r in results):
                return self.outcomes(e, T.AwaitableT("gather", T.ListT(elem)))
            if e.return_exceptions:
                raise self.err(e, "gather(..., return_exceptions=True) of different result types is not supported yet")
            # results of different types: a fixed-length list (unpack it, index it, print it)
            return T.AwaitableT("gather", T.TupleT(results, as_list=True))
        if q in ("asyncio.get_event_loop", "asyncio.new_event_loop"):
            self.positional(e, q.split(".")[1], 0)
            return T.LOOP
        if q in ("loop.run_forever", "loop.stop", "loop.close"):
            self.positional(e, q.split(".")[1], 0)
            if q == "loop.run_forever" and self.inst is not None and self.inst.func.is_async:
                raise self.err(e, "run_forever() cannot be called from a running event loop")
            return T.NONE
        if q == "loop.time":
            self.positional(e, "time", 0)
            return T.FLOAT
        if q in ("loop.call_soon", "loop.call_later", "loop.call_later_ms"):
            return self.call_callback(q, e)
        if q == "loop.set_exception_handler":
            (t,) = self.positional(e, "set_exception_handler", 1)
            a = e.args[0]
            if t is T.NONE:
                e.handler = None
                return T.NONE
            if not (isinstance(t, T.FuncT) and isinstance(a, A.Name) and not t.func.is_async
                    and len(t.func.node.params) == 2):
                raise self.err(a, "the handler must be a module-level function (loop, context) or None")
            e.handler = self.instantiate(t.func, [T.LOOP, T.CONTEXT], a, need_result=False)
            self.prog.exc_handlers[id(e.handler)] = e.handler
            return T.NONE
        if q == "loop.get_exception_handler":
            self.positional(e, "get_exception_handler", 0)
            return T.OptT(T.HANDLER)     # the handler or None (compare it with None)
        if q == "loop.default_exception_handler":
            (t,) = self.positional(e, "default_exception_handler", 1)
            if t is not T.CONTEXT:
                raise self.err(e.args[0], "default_exception_handler() takes the handler's context")
            return T.NONE
        if q == "micropython.const":
            (t,) = self.positional(e, "const", 1)
            return t
        if q in GC_API_TYPES:
            self.positional(e, q.split(".")[1], 0)
            return GC_API_TYPES[q]
        if q in ("time.ticks_ms", "time.ticks_us", "time.ticks_cpu"):
            self.positional(e, q.split(".")[1], 0)
            return T.INT
        if q in ("time.ticks_diff", "time.ticks_add"):
            ts = self.positional(e, q.split(".")[1], 2)
            for t, a in zip(ts, e.args):
                if t not in (T.INT, T.BOOL):
                    raise self.err(a, f"{q}() needs int arguments")
            return T.INT
        if q in ("time.sleep_ms", "time.sleep_us", "time.sleep"):
            (t,) = self.positional(e, q.split(".")[1], 1)
            if t not in (T.INT, T.FLOAT, T.BOOL) or (q != "time.sleep" and t is T.FLOAT):
                # MicroPython's sleep_ms/sleep_us take an int (a float is a TypeError there)
                raise self.err(e.args[0], f"{q}() needs {'a number' if q == 'time.sleep' else 'an int'}, not {t.name}")
            return T.NONE
        raise self.err(e, f"{q}() is not supported yet")

    def outcomes(self, e, aw):
        """With return_exceptions=True the items are values or exceptions."""
        if e.return_exceptions:
            return T.AwaitableT("gather", T.ListT(T.OutcomeT(aw.result.elem)))
        return aw

    def gather_starred(self, e, seq):
        """gather(*tasks) over a list of tasks, or gather(*[coro(x) for x in
        ...]) over coroutines made by a comprehension."""
        if isinstance(seq, A.ListComp):
            self.coroutine_list = True
            try:
                t = T.resolve(self.expr(seq))
            finally:
                self.coroutine_list = False
            ct = T.resolve(t.elem)
            if not isinstance(ct, T.CoroT):
                raise self.err(seq.elt, f"gather(*[...]) needs coroutine calls, not {ct.name}")
            ct.instance.used_as_task = True
            e.gather_mode = "coros"
            return T.AwaitableT("gather", T.ListT(ct.instance.return_type))
        t = T.resolve(self.expr(seq))
        if isinstance(t, T.ListT) and isinstance(T.resolve(t.elem), T.TaskT):
            e.gather_mode = "tasks"
            return T.AwaitableT("gather", T.ListT(T.resolve(t.elem).result))
        raise self.err(seq, f"gather(*...) needs a list of tasks or a comprehension of coroutine calls, not {t.name}")

    def call_callback(self, q, e):
        if e.keywords:
            raise self.err(e.keywords[0], f"{q.split('.')[1]}() keyword arguments are not supported")
        n_delay = 0 if q == "loop.call_soon" else 1
        if len(e.args) < n_delay + 1:
            raise self.err(e, f"{q.split('.')[1]}() needs a callback")
        if n_delay:
            t = T.resolve(self.expr(e.args[0]))
            if t not in (T.INT, T.FLOAT, T.BOOL) or (q.endswith("_ms") and t is T.FLOAT):
                raise self.err(e.args[0], "the delay must be a number")
        cb = e.args[n_delay]
        if isinstance(cb, A.Attribute):
            ot = T.resolve(self.expr(cb.value))
            mt = self.member(cb, ot) if isinstance(ot, T.InstT) else None
            if isinstance(T.resolve(mt), (T.CallableT, T.OptT)):    # a field holding a callable
                cb.type = mt
                return self.callable_callback(e, cb, e.args[n_delay + 1:])
            if not isinstance(mt, T.BoundMethodT) or mt.func.is_async:
                raise self.err(cb, "the callback must be a plain function or method")
            args = self.bind_args(mt.func, A.Call(e.span, cb, [cb.value] + list(e.args[n_delay + 1:]), []))
            types = self.arg_types(mt.func, args, T.resolve(cb.value.type))
            inst = self.instantiate(mt.func, types, e, need_result=False)
            cb.type = T.NONE
            e.instance = inst
            e.cb_args = args
            self.prog.callbacks[id(inst)] = inst
            return T.NONE
        func = self.local_func(cb.id) if isinstance(cb, A.Name) else \
            self.expr(cb).func if isinstance(cb, A.Lambda) else None
        if func is None and isinstance(cb, A.Name) and self.lookup_var(cb.id)[0] is not None:
            self.expr(cb)      # a variable holding a callable (a closure, say)
            return self.callable_callback(e, cb, e.args[n_delay + 1:])
        if func is None:
            if not (isinstance(cb, A.Name) and isinstance(self.bindings.get(cb.id), tuple)
                    and self.bindings[cb.id][0] == "func" and self.lookup_var(cb.id)[0] is None):
                raise self.err(cb, "the callback must be the name of a function")
            func = self.bindings[cb.id][1]
        if func.is_async:
            raise self.err(cb, "the callback must be a plain function, not a coroutine function")
        hidden = [self.env_ref(func.outer_inst, cb.span, escapes=True)] if func.captured else []
        args = self.bind_args(func, A.Call(e.span, cb, hidden + list(e.args[n_delay + 1:]), []))
        types = self.arg_types(func, args)
        inst = self.instantiate(func, types, e, need_result=False)
        cb.type = T.FuncT(func)
        e.instance = inst
        e.cb_args = args
        self.prog.callbacks[id(inst)] = inst
        return T.NONE

    def callable_callback(self, e, cb, args):
        """call_soon(f, args) with f a callable value: the callback task
        keeps the callable and its arguments, and calls through it."""
        ct = T.resolve(cb.type)
        if not isinstance(ct, T.CallableT):
            raise self.err(cb, f"the callback must be a function, not {ct.name}"
                               + (" (it may be None here)" if isinstance(ct, (T.OptT, T.NullVar)) else ""))
        if len(args) != len(ct.params):
            raise self.err(e, f"the callback takes {len(ct.params)} arguments but gets {len(args)}")
        for p, a in zip(ct.params, args):
            t = T.resolve(self.as_value(a, self.expr(a)))
            if not T.unify(p, t):
                raise self.err(a, f"type conflict: the callable takes {T.resolve(p).name} here, not {t.name}")
        self.realize(ct, e)
        e.instance = None
        e.cb_callable = ct
        e.cb_args = args
        self.prog.callable_callbacks.append(ct)
        return T.NONE

    def call_list_method(self, lt, f, e):
        e.kind = "list." + f.attr
        m = f.attr
        if m in ("append", "remove", "index", "count"):
            (t,) = self.positional(e, m, 1)
            t = T.resolve(self.as_value(e.args[0], t))
            if m == "append":
                self.check_storable(t, e.args[0])
            if not self.coerce_ok(lt.elem, t):
                raise self.err(e.args[0], f"type conflict: {lt.name}.{m}() of a {t.name}")
            if m != "append":
                self.check_equatable(T.resolve(lt.elem), e.args[0], m)
            return T.NONE if m in ("append", "remove") else T.INT
        if m == "insert":
            i, t = self.positional(e, m, 2)
            if i not in (T.INT, T.BOOL) or not self.coerce_ok(lt.elem, t):
                raise self.err(e, f"insert() needs an int index and a {T.resolve(lt.elem).name}")
            return T.NONE
        if m == "pop":
            self.positional(e, "pop", 0, 1)
            if e.args and T.resolve(e.args[0].type) not in (T.INT, T.BOOL):
                raise self.err(e.args[0], "pop() index must be an int")
            return lt.elem
        if m in ("reverse", "clear", "copy"):
            self.positional(e, m, 0)
            return lt if m == "copy" else T.NONE
        if m == "extend":
            if len(e.args) == 1:
                self.items_as_list(e)
            (t,) = self.positional(e, m, 1)
            if not (isinstance(t, T.ListT) and T.unify(t.elem, lt.elem)):
                raise self.err(e.args[0], f"extend() needs a {lt.name}")
            return T.NONE
        if m == "sort":
            if e.args:
                raise self.err(e.args[0], "sort() takes only keyword arguments (key=, reverse=)")
            self.sort_order(e, lt.elem, "sort", ("key", "reverse"))
            return T.NONE
        raise self.err(_attr_span_node(f), f"list.{m}() is not supported yet")

    # --------------------------------------------------------- primitives
    def new_primitive(self, e, name):
        kind = ASYNCIO_PRIMS[name]
        e.kind = "prim.new"
        e.prim = name
        params = {"Semaphore": ["value"], "BoundedSemaphore": ["value"], "Condition": ["lock"],
                  "Queue": ["maxsize"], "Barrier": ["parties"]}.get(name, [])
        if len(e.args) > len(params):
            raise self.err(e, f"{name}() takes at most {len(params)} arguments")
        given = dict(zip(params, e.args))
        for kw in e.keywords:
            if kw.arg not in params or kw.arg in given:
                raise self.err(kw, f"{name}() got an unexpected keyword argument '{kw.arg}'")
            given[kw.arg] = kw.value
        e.prim_args = given
        for p, a in given.items():
            t = T.resolve(self.expr(a))
            if p == "lock":
                if not (isinstance(t, T.PrimT) and t.kind == "lock") and t is not T.NONE:
                    raise self.err(a, "Condition() needs a Lock")
            elif t not in (T.INT, T.BOOL):
                raise self.err(a, f"{name}() {p} must be an int")
        if name == "Barrier" and "parties" not in given:
            raise self.err(e, "Barrier() missing required argument 'parties'")
        return T.PrimT(kind, T.TVar() if kind == "queue" else None)

    def new_mbarrier(self, e):
        """primitives.Barrier(participants, func=None, args=())."""
        e.kind, e.prim = "prim.new", "MBarrier"
        names = ["participants", "func", "args"]
        given = dict(zip(names, e.args))
        for kw in e.keywords:
            if kw.arg not in names or kw.arg in given:
                raise self.err(kw, f"Barrier() got an unexpected keyword argument '{kw.arg}'")
            given[kw.arg] = kw.value
        if "participants" not in given or T.resolve(self.expr(given["participants"])) not in (T.INT, T.BOOL):
            raise self.err(e, "Barrier() needs the number of participants")
        if "args" in given and not (isinstance(given["args"], A.Tuple) and not given["args"].elts):
            raise self.err(given["args"], "Barrier(func, args) with arguments is not supported yet")
        func = given.get("func")
        if func is not None:
            t = T.resolve(self.as_value(func, self.expr(func)))
            if t is not T.NONE:
                if not (isinstance(t, T.CallableT) and not t.params):
                    raise self.err(func, "the Barrier's func must be a function without arguments")
                self.realize(t, func)
        e.prim_args = given
        return T.PrimT("mbarrier")

    # what each method takes and gives; "await" marks coroutine methods
    PRIM_METHODS = {
        "event": {"set": ([], T.NONE), "clear": ([], T.NONE), "is_set": ([], T.BOOL),
                  "wait": ([], T.BOOL, "await")},
        "tsflag": {"set": ([], T.NONE), "clear": ([], T.NONE), "wait": ([], T.NONE, "await")},
        "lock": {"acquire": ([], T.BOOL, "await"), "release": ([], T.NONE), "locked": ([], T.BOOL)},
        "sem": {"acquire": ([], T.BOOL, "await"), "release": ([], T.NONE), "locked": ([], T.BOOL)},
        "cond": {"acquire": ([], T.BOOL, "await"), "release": ([], T.NONE), "locked": ([], T.BOOL),
                 "wait": ([], T.BOOL, "await"), "notify": (["?int"], T.NONE), "notify_all": ([], T.NONE),
                 "wait_for": (["predicate"], T.BOOL, "await")},
        "queue": {"put": (["item"], T.NONE, "await"), "get": ([], "item", "await"),
                  "put_nowait": (["item"], T.NONE), "get_nowait": ([], "item"), "qsize": ([], T.INT),
                  "empty": ([], T.BOOL), "full": ([], T.BOOL), "task_done": ([], T.NONE),
                  "join": ([], T.NONE, "await")},
        "barrier": {"wait": ([], T.INT, "await"), "reset": ([], T.NONE, "await"),
                    "abort": ([], T.NONE, "await")},
        "message": {"set": (["?item"], T.NONE), "clear": ([], T.NONE), "is_set": ([], T.BOOL),
                    "value": ([], "item")},
        "mbarrier": {"trigger": ([], T.NONE), "busy": ([], T.BOOL)},
    }

    def call_prim_method(self, pt, f, e):
        spec = self.PRIM_METHODS[pt.kind].get(f.attr)
        if spec is None:
            raise self.err(_attr_span_node(f), f"'{pt.name}' object has no attribute '{f.attr}'")
        params, result = spec[0], spec[1]
        required = len([p for p in params if not p.startswith("?")])
        if e.keywords or not required <= len(e.args) <= len(params):
            raise self.err(e, f"{pt.name}.{f.attr}() takes {len(params)} arguments")
        if pt.kind == "message" and f.attr == "set" and not e.args:
            if not T.unify(pt.elem, T.NONE):
                raise self.err(e, f"type conflict: this Message carries {T.resolve(pt.elem).name}, not None")
        for p, a in zip(params, e.args):
            if p in ("item", "?item"):
                t = T.resolve(self.expr(a))
                self.check_storable(t, a)
                if not T.unify(pt.elem, t):
                    raise self.err(a, f"type conflict: a {pt.name} cannot hold a {t.name}")
            elif p == "predicate":
                t = T.resolve(self.expr(a))
                if not (isinstance(t, T.FuncT) and isinstance(a, A.Name) and not t.func.is_async
                        and not t.func.node.params):
                    raise self.err(a, "wait_for() needs a module-level function without arguments")
                e.predicate = self.instantiate(t.func, [], a)
            elif T.resolve(self.expr(a)) not in (T.INT, T.BOOL):
                raise self.err(a, f"{f.attr}() needs an int")
        e.kind = f"prim.{pt.kind}.{f.attr}"
        rt = pt.elem if result == "item" else result
        if len(spec) > 2:
            return T.AwaitableT("prim", rt)
        return rt

    def call_task_method(self, tt, f, e):
        if f.attr not in ("cancel", "done", "cancelled"):
            raise self.err(_attr_span_node(f), f"Task.{f.attr}() is not supported yet")
        self.positional(e, f.attr, 0)
        e.kind = "task." + f.attr
        return T.BOOL

    def stmt_With(self, s):
        probe = T.resolve(self.expr(copy.deepcopy(s.items[0].context_expr)))
        if isinstance(probe, T.InstT) and s.is_async and probe.cls.lookup("__aenter__") is None \
                and probe.cls.prim_base() is not None:
            s.desugared = self.desugar_prim_with(s)
            self.block(s.desugared)
            return
        if isinstance(probe, T.InstT):
            s.desugared = self.desugar_with(s)
            self.block(s.desugared)
            return
        if not s.is_async:
            raise self.err(s, f"'with' on a {probe.name} is not supported (a class with __enter__/__exit__ is)")
        for item in s.items:
            t = T.resolve(self.expr(item.context_expr))
            if not (isinstance(t, T.PrimT) and t.kind in ("lock", "sem", "cond")):
                raise self.err(item.context_expr, f"'async with' on a {t.name} is not supported yet")
            if item.optional_vars is not None:
                raise self.err(item.optional_vars, "'async with ... as' on a primitive is not supported yet")
        self.block(s.body)

    def desugar_async_for(self, s):
        """`async for x in obj: body else: tail` as Python defines it: it =
        obj.__aiter__(); loop on x = await it.__anext__() until
        StopAsyncIteration (then the else part runs)."""
        span = s.span
        it = f"aiter_{span.line}_{span.col}"
        if self.inst is not None:
            self.inst.func.locals.add(it)
        name = lambda n: A.Name(span, n)
        get_iter = A.Call(span, A.Attribute(span, s.iter, "__aiter__"), [], [])
        next_item = A.Await(span, A.Call(span, A.Attribute(span, name(it), "__anext__"), [], []))
        stop = A.ExceptHandler(span, name("StopAsyncIteration"), None, list(s.orelse) + [A.Break(span)])
        step = A.Try(span, [A.Assign(span, [s.target], next_item)], [stop], [], [])
        loop = A.While(span, A.Constant(span, True), [step] + list(s.body), [])
        return [A.Assign(span, [name(it)], get_iter), loop]

    def desugar_prim_with(self, s):
        """`async with obj:` on an object deriving from Lock, Semaphore or
        Condition is what their __aenter__/__aexit__ do: `await
        obj.acquire()`, the body, then `obj.release()` (overrides included)."""
        item, span = s.items[0], s.span
        mgr = f"with_mgr_{span.line}_{span.col}"
        if self.inst is not None:
            self.inst.func.locals.add(mgr)
        name = lambda: A.Name(span, mgr)
        call = lambda m: A.Call(span, A.Attribute(span, name(), m), [], [])
        body = s.body if len(s.items) == 1 else [A.With(span, s.items[1:], s.body, s.is_async)]
        out = [A.Assign(span, [name()], item.context_expr), A.ExprStmt(span, A.Await(span, call("acquire")))]
        if item.optional_vars is not None:
            out.append(A.Assign(span, [item.optional_vars], A.Constant(span, None)))
        out.append(A.Try(span, body, [], [], [A.ExprStmt(span, call("release"))]))
        return out

    def desugar_with(self, s):
        """`[async] with m as x: body` on an object, as Python defines it:
        x = [await] m.__[a]enter__(); the body in a try whose handler calls
        __[a]exit__(type(e), e, None) and re-raises unless that returns a
        true value; a normal (or return/break) exit calls __[a]exit__(None,
        None, None)."""
        item, span = s.items[0], s.span
        tag = f"{span.line}_{span.col}"
        mgr, exc, failed = f"with_mgr_{tag}", f"with_exc_{tag}", f"with_failed_{tag}"
        if self.inst is not None:
            self.inst.func.locals.update((mgr, exc, failed))
        prefix = "__a" if s.is_async else "__"
        name = lambda n: A.Name(span, n)
        none = lambda: A.Constant(span, None)

        def call(method, args):
            c = A.Call(span, A.Attribute(span, name(mgr), f"{prefix}{method}__"), args, [])
            return A.Await(span, c) if s.is_async else c

        body = s.body if len(s.items) == 1 else [A.With(span, s.items[1:], s.body, s.is_async)]
        enter = call("enter", [])
        out = [A.Assign(span, [name(mgr)], item.context_expr),
               A.Assign(span, [name(failed)], A.Constant(span, False)),
               A.Assign(span, [item.optional_vars], enter) if item.optional_vars is not None
               else A.ExprStmt(span, enter)]
        type_of = A.Call(span, name("type"), [name(exc)], [])
        handler = A.ExceptHandler(span, name("BaseException"), exc, [
            A.Assign(span, [name(failed)], A.Constant(span, True)),
            A.If(span, A.UnaryOp(span, "not", call("exit", [type_of, name(exc), none()])),
                 [A.Raise(span, None, None)], [])])
        normal_exit = A.If(span, A.UnaryOp(span, "not", name(failed)),
                           [A.ExprStmt(span, call("exit", [none(), none(), none()]))], [])
        out.append(A.Try(span, body, [handler], [], [normal_exit]))
        return out

    def check_equatable(self, t, node, what):
        if isinstance(t, (T.ListT, T.TupleT)):
            for el in ([t.elem] if isinstance(t, T.ListT) else t.elts):
                self.check_equatable(T.resolve(el), node, what)
            return
        if not (t in (T.INT, T.FLOAT, T.BOOL, T.STR, T.NONE, T.BYTES, T.BYTEARRAY) or
                isinstance(t, (T.InstT, T.TVar, T.SetT))):
            raise self.err(node, f"{what}() on items of type {t.name} is not supported yet")

    STR_METHODS = {"upper": ([], T.STR), "lower": ([], T.STR), "strip": (["?str"], T.STR),
                   "lstrip": (["?str"], T.STR), "rstrip": (["?str"], T.STR),
                   "startswith": (["str"], T.BOOL), "endswith": (["str"], T.BOOL),
                   "find": (["str"], T.INT), "count": (["str"], T.INT),
                   "replace": (["str", "str"], T.STR), "split": (["?str"], T.ListT(T.STR)),
                   "join": (["list"], T.STR), "isdigit": ([], T.BOOL), "isalpha": ([], T.BOOL)}

    def call_str_method(self, f, e):
        spec = self.STR_METHODS.get(f.attr)
        if spec is None:
            raise self.err(_attr_span_node(f), f"str.{f.attr}() is not supported yet")
        params, result = spec
        required = len([p for p in params if not p.startswith("?")])
        if f.attr == "join" and len(e.args) == 1:
            self.items_as_list(e)
        ts = self.positional(e, f.attr, required, len(params))
        for p, t, a in zip(params, ts, e.args):
            want = T.ListT(T.STR) if p == "list" else T.STR
            if not T.unify(want, t):
                raise self.err(a, f"str.{f.attr}() needs {want.name} here, not {t.name}")
        e.kind = "str." + f.attr
        return result

    def range_or_view(self, a, views):
        """range(...), or with views d.keys()/values()/items(): iterables
        these builtins take through a list of their items."""
        if not isinstance(a, A.Call):
            return False
        if isinstance(a.func, A.Name):
            return a.func.id == "range" and self.name_is_builtin("range")
        return views and isinstance(a.func, A.Attribute) and a.func.attr in ("keys", "values", "items") \
            and not a.args and not a.keywords

    def items_as_list(self, e):
        """str.join / list.extend of any iterable: the argument made a list of
        its items (`[item for item in x]`) unless it is one already."""
        a = e.args[0]
        if isinstance(a, (A.List, A.ListComp, A.GeneratorExp)):
            return
        if isinstance(a, (A.Name, A.Attribute, A.Constant)) and isinstance(T.resolve(self.expr(a)), T.ListT):
            return      # typing a name twice has no effect
        item = A.Name(a.span, "iterable_item_")
        e.args[0] = A.ListComp(a.span, item, [A.Comprehension(a.span, copy.deepcopy(item), a, [])])

    def call_str_format(self, e):
        from .formatting import parse_format_method, SpecError
        e.kind = "str.format"
        recv = e.func.value
        if not (isinstance(recv, A.Constant) and isinstance(recv.value, str)):
            raise self.err(recv, "str.format() is supported on string literals only")
        for a in e.args:
            if isinstance(a, A.Starred):
                raise self.err(a, "*args in calls is not supported yet")
        args = [T.resolve(self.expr(a)) for a in e.args]
        kwargs = {}
        for kw in e.keywords:
            if kw.arg is None:
                raise self.err(kw, "**kwargs in calls is not supported yet")
            kwargs[kw.arg] = T.resolve(self.expr(kw.value))
        for t, a in list(zip(args, e.args)) + [(kwargs[k.arg], k.value) for k in e.keywords]:
            self.check_printable(t, a)
        try:
            e.pieces = parse_format_method(recv.value, args, kwargs)
        except SpecError as x:
            raise self.err(recv, str(x))
        return T.STR

    # ------------------------------------------------- bytes, buffers, sets
    def codec(self, e, what):
        """The encoding of str.encode / bytes.decode / bytes(s, enc): True for ascii."""
        args = list(e.args)
        for kw in e.keywords:
            if kw.arg != "encoding" or args:
                raise self.err(kw, f"{what}() takes only an encoding here (no errors= handler)")
            args.append(kw.value)
        if len(args) > 1:
            raise self.err(args[1], f"{what}() takes only an encoding here (no errors= handler)")
        if not args:
            return False
        a = args[0]
        if not (isinstance(a, A.Constant) and isinstance(a.value, str)):
            raise self.err(a, "the encoding must be a string literal")
        self.expr(a)
        enc = a.value.lower().replace("_", "-")
        if enc in ("utf-8", "utf8"):
            return False
        if enc in ("ascii", "us-ascii"):
            return True
        raise self.err(a, f"encoding '{a.value}' is not supported (utf-8 and ascii are)")

    def int_bytes_args(self, e, first):
        """int.to_bytes(length=1, byteorder='big', *, signed=False) and
        int.from_bytes(bytes, byteorder='big', *, signed=False)."""
        names = [first, "byteorder"]
        given = dict(zip(names, e.args))
        if len(e.args) > 2:
            raise self.err(e.args[2], "too many positional arguments")
        e.signed = False
        for kw in e.keywords:
            if kw.arg == "signed" and isinstance(kw.value, A.Constant) and isinstance(kw.value.value, bool):
                e.signed = kw.value.value
            elif kw.arg in names and kw.arg not in given:
                given[kw.arg] = kw.value
            else:
                raise self.err(kw, f"unexpected keyword argument '{kw.arg}' (signed= takes True or False)")
        order = given.get("byteorder")
        if order is not None and not (isinstance(order, A.Constant) and order.value in ("big", "little")):
            raise self.err(order, "byteorder must be the literal 'big' or 'little'")
        e.little = order is not None and order.value == "little"
        e.byte_arg = given.get(first)
        if first == "length" and e.byte_arg is not None and T.resolve(self.expr(e.byte_arg)) not in (T.INT, T.BOOL):
            raise self.err(e.byte_arg, "length must be an int")
        if e.byte_arg is None and first == "bytes":
            raise self.err(e, "int.from_bytes() needs bytes-like data")

    def new_container(self, name, e):
        """bytes(...), bytearray(...), memoryview(x), set(...)."""
        e.kind = "builtin." + name
        if e.keywords:
            raise self.err(e.keywords[0], f"{name}() keyword arguments are not supported")
        if name == "set":
            a = e.args[0] if len(e.args) == 1 else None
            if isinstance(a, A.Call) and isinstance(a.func, A.Name) and a.func.id == "range" \
                    and self.name_is_builtin("range"):
                # set(range(...)) adds the items in order: a set comprehension
                item = A.Name(a.span, "range_item_")
                e.args[0] = A.SetComp(a.span, item, [A.Comprehension(a.span, copy.deepcopy(item), a, [])])
            (t,) = self.positional(e, name, 0, 1) or (None,)
            if t is None:
                return T.SetT(T.TVar())
            if isinstance(t, T.SetT):
                return T.SetT(t.elem)
            if isinstance(t, T.DictT):     # CPython sizes the table for a dict first
                raise self.err(e.args[0], "set() of a dict is not supported yet: use set(d.keys())")
            elem = T.resolve(self.sequence_item(e.args[0], t))
            self.set_elem(elem, e.args[0])
            return T.SetT(elem)
        if name == "memoryview":
            (t,) = self.positional(e, name, 1)
            if t not in T.BUFFERS:
                raise self.err(e.args[0], f"memoryview: a bytes-like object is required, not '{t.name}'")
            return T.MEMVIEW
        result = T.BYTES if name == "bytes" else T.BYTEARRAY
        if len(e.args) == 2:
            if T.resolve(self.expr(e.args[0])) is not T.STR:
                raise self.err(e.args[0], f"{name}(x, encoding) needs a str")
            e.source = "str"
            e.ascii = self.codec(A.Call(e.span, e.func, e.args[1:], []), name)
            return result
        (t,) = self.positional(e, name, 0, 1) or (None,)
        if t is None:
            e.source = "empty"
        elif t in (T.INT, T.BOOL):
            e.source = "count"
        elif t in T.BUFFERS:
            e.source = "buffer"
        elif isinstance(t, T.ListT) and T.unify(t.elem, T.INT):
            e.source = "ints"
        elif t is T.STR:
            raise self.err(e.args[0], "string argument without an encoding")
        else:
            raise self.err(e.args[0], f"{name}() of {t.name} is not supported")
        return result

    BUFFER_METHODS = {"hex": ([], T.STR), "decode": (None, T.STR), "find": (["sub"], T.INT),
                      "count": (["buf"], T.INT), "startswith": (["buf"], T.BOOL),
                      "endswith": (["buf"], T.BOOL), "join": (["parts"], "self"),
                      "append": (["int"], T.NONE), "extend": (["data"], T.NONE), "tobytes": ([], T.BYTES)}

    def call_buffer_method(self, vt, f, e):
        m = f.attr
        spec = self.BUFFER_METHODS.get(m)
        ok = spec is not None and ((m not in ("append", "extend") or vt is T.BYTEARRAY) and
                                   (m != "tobytes" or vt is T.MEMVIEW) and
                                   (vt is not T.MEMVIEW or m in ("hex", "tobytes")))
        if not ok:
            raise self.err(_attr_span_node(f), f"{vt.name}.{m}() is not supported")
        e.kind = "buffer." + m
        if m == "decode":
            e.ascii = self.codec(e, "decode")
            return T.STR
        params, result = spec
        ts = self.positional(e, m, len(params))
        for p, t, a in zip(params, ts, e.args):
            if p == "int" and t not in (T.INT, T.BOOL):
                raise self.err(a, f"{m}() needs an int, not {t.name}")
            if p == "sub" and t not in T.BUFFERS + (T.INT, T.BOOL):
                raise self.err(a, f"{m}() needs bytes-like data or an int, not {t.name}")
            if p == "buf" and t not in T.BUFFERS:
                raise self.err(a, f"{m}() needs bytes-like data, not {t.name}")
            if p == "data" and not (t in T.BUFFERS or isinstance(t, T.ListT) and T.unify(t.elem, T.INT)):
                raise self.err(a, f"extend() needs bytes-like data or a list of ints, not {t.name}")
            if p == "parts" and not (isinstance(t, T.ListT) and T.unify(t.elem, T.BYTES)):
                raise self.err(a, f"join() needs a list of bytes here, not {t.name}")
        return vt if result == "self" else result

    def call_set_method(self, st, f, e):
        m = f.attr
        e.kind = "set." + m
        if m in ("add", "discard", "remove"):
            (t,) = self.positional(e, m, 1)
            self.set_elem(t, e.args[0])
            if not T.unify(st.elem, t):
                raise self.err(e.args[0], f"type conflict: {st.name}.{m}() of a {t.name}")
            return T.NONE
        if m in ("clear", "copy"):
            self.positional(e, m, 0)
            return T.NONE if m == "clear" else st
        if m == "pop":
            self.positional(e, m, 0)
            if T.resolve(st.elem) is T.STR:
                raise self.err(e, "pop() of a set of str picks an item by CPython's randomised string hashes "
                                  "(PYTHONHASHSEED), so it is not supported")
            return st.elem
        if m in ("update", "issubset", "issuperset", "isdisjoint"):
            (t,) = self.positional(e, m, 1)
            if not (isinstance(t, T.SetT) and T.unify(st.elem, t.elem)):
                raise self.err(e.args[0], f"{m}() needs a {st.name} here, not {t.name}")
            return T.NONE if m == "update" else T.BOOL
        raise self.err(_attr_span_node(f), f"set.{m}() is not supported yet")


UNORDERED_STR_SET = ("the order of a set of str depends on CPython's randomised string hashes "
                     "(PYTHONHASHSEED): iterate or print sorted(s) instead")

CoroLike = (T.CoroT, T.AwaitableT)
NATIVE_MODULES = ("pyb", "machine")
MACHINE_CLASSES = ("Pin",)


ENV_PARAM = "(up)"    # a closure's hidden first parameter: its definer's environment


@dataclass(eq=False)
class EnvRef(A.Expr):
    """The environment of the function `hops` levels out (0: this one's own)."""
    hops: int


def _mark_escaping_envs(prog):
    """An environment only ever passed to calls that finish inside its
    owner's call lives in the owner's C frame or coroutine frame; one that a
    closure value, callback or task keeps (or that such an environment
    points up to) lives in the arena."""
    for inst in prog.instances:
        inst.env_escapes = False
    todo = [T.resolve(r.type).owner for r in prog.env_refs if r.escapes]
    while todo:
        inst = todo.pop()
        if not inst.env_escapes:
            inst.env_escapes = True
            if inst.func.captured:
                todo.append(inst.func.outer_inst)


def _changed_names(inst):
    """Names a function rebinds, or changes through d[k] = v, del d[k] or
    a mutating method (what may make a **kwargs dict differ from its keys)."""
    out = set()
    for stmt in inst.body:
        for n in _scope_walk(stmt):
            targets = n.targets if isinstance(n, (A.Assign, A.Delete)) else \
                [n.target] if isinstance(n, (A.AugAssign, A.AnnAssign, A.For)) else []
            for t in targets:
                for x in A.walk(t):
                    if isinstance(x, A.Name):
                        out.add(x.id)
            if isinstance(n, A.Call) and isinstance(n.func, A.Attribute) and isinstance(n.func.value, A.Name) \
                    and n.func.attr in ("pop", "popitem", "clear", "update", "setdefault"):
                out.add(n.func.value.id)
    return out


def _mark_cell(var, owner):
    """A variable nested functions capture lives in its function's
    environment (a cell shared by every closure over it)."""
    if owner is not None and var.name in owner.func.cells:
        var.cell, var.owner = True, owner


def _walk_function(fn):
    """Nodes of a function's (or lambda's) own scope: a nested function or
    lambda is yielded, and its defaults, which this scope evaluates, but
    not its body."""
    for stmt in (fn.body if isinstance(fn, A.FunctionDef) else [fn.body]):
        yield from _scope_walk(stmt)
    for p in fn.params:
        if p.default is not None:
            yield from A.walk(p.default)


def _sortable(t):
    return T.resolve(t) in (T.INT, T.FLOAT, T.STR, T.BOOL) or _tuple_key(T.resolve(t))


def _tuple_key(t):
    """A tuple usable as a dict key or ordered with <, item by item: of
    ints, floats, bools, strs, tuples."""
    return isinstance(t, T.TupleT) and all(
        T.resolve(e) in (T.INT, T.FLOAT, T.BOOL, T.STR) or _tuple_key(T.resolve(e)) for e in t.elts)


def _scope_walk(node):
    yield node
    if isinstance(node, (A.FunctionDef, A.Lambda)):
        for p in node.params:
            if p.default is not None:
                yield from _scope_walk(p.default)
        return
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, A.Node) and value is not node:
            yield from _scope_walk(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, A.Node):
                    yield from _scope_walk(item)


class _Scope:
    """What one function's own scope binds and uses."""


def _scope(fn):
    sc = _Scope()
    sc.globals, sc.nonlocals, sc.comp, sc.targets, nested = set(), set(), set(), [], []
    bound = {p.name for p in fn.params}
    used = set()
    for n in _walk_function(fn):
        if isinstance(n, A.Global):
            sc.globals.update(n.names)
        elif isinstance(n, A.Nonlocal):
            sc.nonlocals.update(n.names)
        elif isinstance(n, A.Name):
            used.add(n.id)
        elif isinstance(n, A.FunctionDef):
            bound.add(n.name)
            nested.append(n)
        elif isinstance(n, A.Lambda):
            nested.append(n)
        elif isinstance(n, A.Comprehension):
            sc.comp.update(x.id for x in _bound_names(n.target))
        elif isinstance(n, A.ExceptHandler) and n.name:
            bound.add(n.name)
        elif isinstance(n, A.Assign):
            sc.targets.extend(n.targets)
        elif isinstance(n, (A.AugAssign, A.AnnAssign, A.For)):
            sc.targets.append(n.target)
        elif isinstance(n, A.With):
            sc.targets.extend(i.optional_vars for i in n.items if i.optional_vars is not None)
    bound.update(x.id for t in sc.targets for x in _bound_names(t))
    sc.locals = bound - sc.globals - sc.nonlocals
    assigned = [x.id for t in sc.targets for x in _bound_names(t)]
    defs = [n.name for n in nested if isinstance(n, A.FunctionDef)]
    sc.rebound = {n for n in defs if defs.count(n) > 1 or n in assigned}   # defs that are plain variables
    sc.child_free = set().union(*(_scope(c).free for c in nested)) if nested else set()
    sc.free = (((used - sc.comp) | sc.child_free) - sc.locals - sc.globals) | sc.nonlocals
    sc.cells = sc.locals & sc.child_free
    return sc


def _is_task_type(t):
    t = T.resolve(t)
    if isinstance(t, T.OptT):
        t = T.resolve(t.inner)
    return isinstance(t, T.TaskT)


def _is_super_init(n):
    """super().__init__(...)"""
    return isinstance(n, A.Call) and isinstance(n.func, A.Attribute) and n.func.attr == "__init__" \
        and isinstance(n.func.value, A.Call) and isinstance(n.func.value.func, A.Name) \
        and n.func.value.func.id == "super" and not n.func.value.args


def _starts_with_super_init(fn):
    """Whether a method's first statement (after a docstring) is
    super().__init__(...)."""
    body = [s for s in fn.body if not (isinstance(s, A.ExprStmt) and isinstance(s.value, A.Constant))]
    return bool(body) and isinstance(body[0], A.ExprStmt) and _is_super_init(body[0].value)


def _prim_class_name(t):
    """'Event' for the type of `asyncio.Event` used as a class, else None."""
    if isinstance(t, T.ModuleT) and isinstance(t.module, str) and t.module.startswith("asyncio.") \
            and t.module[8:] in ASYNCIO_PRIMS:
        return t.module[8:]
    return None


def _is_instance(t, c):
    """isinstance() of an object or primitive of static type t against class c."""
    if isinstance(c, T.ClassT):
        return isinstance(t, T.InstT) and t.cls.derives(c.cls)
    want = _prim_class_name(c)
    if isinstance(t, T.InstT):
        prim = t.cls.prim_base()
        if prim is None:
            return False
        name = prim[0]
    else:
        name = next((n for n, k in ASYNCIO_PRIMS.items() if k == t.kind), None)
    return want == name or (want == "Semaphore" and name == "BoundedSemaphore")


def _is_class_compare(a, b):
    """type(e) against an exception class, or type(x) against a class."""
    pair = {a, b}
    if T.EXC_TYPE in pair:
        return all(t is T.EXC_TYPE or isinstance(t, T.ExcClassT) for t in pair)
    return all(isinstance(t, T.ClassT) for t in pair)


def _owned_task_vars(inst):
    """Local task variables that hold the only reference to their task: set
    from create_task() (or None) and otherwise only awaited, cancelled,
    asked done()/cancelled() or compared with None. The task can be freed
    when such a variable is overwritten or the function ends."""
    candidates = {id(v): v for v in inst.vars.values()
                  if v.kind == "local" and _is_task_type(v.type) and not getattr(v, "cell", False)}
    if not candidates:
        return []
    allowed = set()
    for stmt in inst.body:
        for n in A.walk(stmt):
            if isinstance(n, A.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], A.Name):
                v = n.value
                if (isinstance(v, A.Constant) and v.value is None) or \
                        (isinstance(v, A.Call) and getattr(v, "kind", None) in ("asyncio.create_task", "loop.create_task")):
                    allowed.add(id(n.targets[0]))
            elif isinstance(n, A.Await) and isinstance(n.value, A.Name):
                allowed.add(id(n.value))
            elif isinstance(n, A.Call) and isinstance(n.func, A.Attribute) and isinstance(n.func.value, A.Name) \
                    and n.func.attr in ("cancel", "done", "cancelled"):
                allowed.add(id(n.func.value))
            elif isinstance(n, A.Compare) and len(n.ops) == 1 and n.ops[0] in ("is", "is not"):
                for a, b in ((n.left, n.comparators[0]), (n.comparators[0], n.left)):
                    if isinstance(a, A.Name) and isinstance(b, A.Constant) and b.value is None:
                        allowed.add(id(a))
    for stmt in inst.body:
        for n in A.walk(stmt):
            if isinstance(n, A.Name) and id(n.binding) in candidates and id(n) not in allowed:
                candidates.pop(id(n.binding))
    return list(candidates.values())


def _can_fall_through(stmts):
    """Whether running stmts can reach their end (and so return None)."""
    if not stmts:
        return True
    last = stmts[-1]
    if isinstance(last, (A.Return, A.Raise)):
        return False
    if isinstance(last, A.If):
        return _can_fall_through(last.body) or _can_fall_through(last.orelse)
    if isinstance(last, A.While):
        infinite = isinstance(last.test, A.Constant) and last.test.value is True
        has_break = any(isinstance(n, A.Break) for s in last.body for n in _walk_loop_body(s))
        return not infinite or has_break
    if isinstance(last, A.Try):
        if last.finalbody and not _can_fall_through(last.finalbody):
            return False
        return _can_fall_through(last.body + last.orelse) or any(_can_fall_through(h.body) for h in last.handlers)
    if isinstance(last, A.With):
        return _can_fall_through(last.body)
    return True


def _walk_loop_body(stmt):
    """Nodes of a loop body that belong to this loop (not to inner loops)."""
    yield stmt
    if isinstance(stmt, (A.While, A.For, A.FunctionDef, A.ClassDef)):
        return
    for f in ("body", "orelse", "finalbody"):
        for s in getattr(stmt, f, []) or []:
            yield from _walk_loop_body(s)
    for h in getattr(stmt, "handlers", []) or []:
        for s in h.body:
            yield from _walk_loop_body(s)


def _bound_names(target):
    """The names an assignment target binds (not those inside a[i] or a.b)."""
    if isinstance(target, A.Name):
        return [target]
    if isinstance(target, (A.Tuple, A.List)):
        return [n for t in target.elts for n in _bound_names(t)]
    if isinstance(target, A.Starred):
        return _bound_names(target.value)
    return []


def _assigned_names(stmt):
    names = set()
    for n in A.walk(stmt):
        if isinstance(n, A.Assign):
            for t in n.targets:
                names.update(x.id for x in _bound_names(t))
        elif isinstance(n, (A.AugAssign, A.AnnAssign, A.For)):
            names.update(x.id for x in _bound_names(n.target))
        elif isinstance(n, A.With):
            for i in n.items:
                if i.optional_vars is not None:
                    names.update(x.id for x in _bound_names(i.optional_vars))
        elif isinstance(n, (A.FunctionDef,)):
            names.add(n.name)
            break
    return names


def _is_constant(e):
    if isinstance(e, A.Constant):
        return True
    if isinstance(e, A.UnaryOp) and e.op in ("-", "+"):
        return _is_constant(e.operand)
    if isinstance(e, A.Tuple):
        return all(_is_constant(x) for x in e.elts)
    return False


def _const_int(e):
    if isinstance(e, A.Constant) and isinstance(e.value, int) and not isinstance(e.value, bool):
        return e.value
    if isinstance(e, A.UnaryOp) and e.op == "-":
        v = _const_int(e.operand)
        return None if v is None else -v
    return None


def _attr_span_node(e):
    """A node whose span is the attribute name of `x.attr` (for carets)."""
    s = e.span
    end_line, end_col = s.end_line or s.line, s.end_col or (s.col + 1)
    from .diagnostics import Span
    return A.Name(Span(end_line, max(1, end_col - len(e.attr)), end_line, end_col), e.attr)


def _describe(node):
    names = {"Try": "try statement", "Raise": "raise", "With": "with statement",
             "ClassDef": "class definition", "Lambda": "lambda", "ListComp": "list comprehension",
             "DictComp": "dict comprehension", "SetComp": "set comprehension",
             "GeneratorExp": "generator expression", "Dict": "dict", "Set": "set",
             "Delete": "del statement", "Nonlocal": "nonlocal", "Yield": "yield",
             "YieldFrom": "yield from", "Starred": "starred expression", "Slice": "slicing",
             "FunctionDef": "nested function"}
    return names.get(type(node).__name__, type(node).__name__)


def analyse(source: SourceFile, parse, module_name: str) -> Program:
    """Analyse the program parse() gives; when a slot turns out to hold both
    None and a value, parse and analyse again with it Optional."""
    nullable = set()
    while True:
        try:
            return Analyzer(source, parse(), module_name, frozenset(nullable)).run()
        except NeedsOptional as e:
            nullable.add(e.slot)
