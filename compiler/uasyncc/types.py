"""The types sema infers. Every value has one static type; lists get their
element type from a type variable that later uses pin down."""


class Type:
    name = "?"

    def __repr__(self):
        return self.name


class Prim(Type):
    def __init__(self, name, c_type):
        self.name = name
        self.c_type = c_type


INT = Prim("int", "ua_int")
FLOAT = Prim("float", "ua_float")
BOOL = Prim("bool", "bool")
STR = Prim("str", "ua_str")
NONE = Prim("None", "ua_none")
BYTES = Prim("bytes", "const ua_bytes *")
BYTEARRAY = Prim("bytearray", "ua_bytes *")
MEMVIEW = Prim("memoryview", "ua_memview")     # by value: a window, no allocation
BUFFERS = (BYTES, BYTEARRAY, MEMVIEW)


class TVar(Type):
    """An element type not known yet (the `[]` of `x = []`)."""

    def __init__(self):
        self.ref = None

    @property
    def name(self):
        return resolve(self).name if self.ref else "?"


class NullVar(TVar):
    """The type of a variable or field first assigned None: it becomes
    Optional[P] when a pointer-represented value P is stored later."""

    @property
    def name(self):
        return resolve(self).name if self.ref else "None"


class OptT(Type):
    """None or a value of a type represented by a pointer (NULL is None)."""

    def __init__(self, inner):
        self.inner = inner

    @property
    def name(self):
        return f"Optional[{resolve(self.inner).name}]"


def is_pointer(t):
    """Types whose C value has a spare 'None' (NULL, or a NULL function)."""
    t = resolve(t)
    return isinstance(t, (ListT, TaskT, InstT, PrimT, CallableT, DictT, SetT, GenT)) or t in (STR, EXC, HANDLER, BYTES,
                                                                                       BYTEARRAY)


class ListT(Type):
    def __init__(self, elem):
        self.elem = elem

    @property
    def name(self):
        return f"list[{resolve(self.elem).name}]"


class SetT(Type):
    """A set of ints or strs (runtime ua_set)."""

    def __init__(self, elem):
        self.elem = elem

    @property
    def name(self):
        return f"set[{resolve(self.elem).name}]"


class TupleT(Type):
    def __init__(self, elts, as_list=False):
        self.elts = tuple(elts)
        self.as_list = as_list    # gather()'s results of mixed types: a list to Python

    @property
    def name(self):
        kind = "list" if self.as_list else "tuple"
        return kind + "[" + ", ".join(resolve(e).name for e in self.elts) + "]"


class TaskT(Type):
    def __init__(self, result):
        self.result = result

    @property
    def name(self):
        return f"Task[{resolve(self.result).name}]"


class CoroT(Type):
    """The value of calling an async def: only awaitable or wrapped in a task."""

    def __init__(self, instance):
        self.instance = instance

    @property
    def name(self):
        return "coroutine"


class AwaitableT(Type):
    """asyncio.sleep(...), gather(...): consumed by `await` only."""

    def __init__(self, kind, result):
        self.kind = kind
        self.result = result

    @property
    def name(self):
        return "coroutine"


class FuncT(Type):
    def __init__(self, func):
        self.func = func

    @property
    def name(self):
        return "function"


class EnvT(Type):
    """The closure environment of one function instance: its variables that
    nested functions capture (the cells), and the environment it was itself
    given (`up`). Nested functions take it as a hidden first parameter."""
    name = "closure environment"

    def __init__(self, owner):
        self.owner = owner    # the Instance whose cells it holds


class ModuleT(Type):
    def __init__(self, module):
        self.module = module
        self.name = "module"


class LoopT(Type):
    name = "event loop"


LOOP = LoopT()


def resolve(t):
    while isinstance(t, TVar) and t.ref is not None:
        t = t.ref
    return t


def unify(a, b):
    """Make a and b the same type where type variables allow; True if they are."""
    a, b = resolve(a), resolve(b)
    if a is b:
        return True
    if isinstance(a, NullVar) or isinstance(b, NullVar):
        nv, other = (a, b) if isinstance(a, NullVar) else (b, a)
        if other is NONE:
            return True
        if isinstance(other, TVar):
            other.ref = nv
            return True
        if isinstance(other, OptT):
            nv.ref = other
            return True
        if is_pointer(other):
            nv.ref = OptT(other)
            return True
        return False
    if isinstance(a, OptT) or isinstance(b, OptT):
        opt, other = (a, b) if isinstance(a, OptT) else (b, a)
        if other is NONE:
            return True
        if isinstance(other, OptT):
            return unify(opt.inner, other.inner)
        if isinstance(other, TVar):
            other.ref = opt
            return True
        return unify(opt.inner, other)
    if isinstance(a, TVar):
        a.ref = b
        return True
    if isinstance(b, TVar):
        b.ref = a
        return True
    if isinstance(a, ListT) and isinstance(b, ListT):
        return unify(a.elem, b.elem)
    if isinstance(a, SetT) and isinstance(b, SetT):
        return unify(a.elem, b.elem)
    if isinstance(a, TupleT) and isinstance(b, TupleT):
        return len(a.elts) == len(b.elts) and a.as_list == b.as_list and \
            all(unify(x, y) for x, y in zip(a.elts, b.elts))
    if isinstance(a, TaskT) and isinstance(b, TaskT):
        return unify(a.result, b.result)
    if isinstance(a, GenT) and isinstance(b, GenT):
        return a.instance is b.instance
    if isinstance(a, NativeObjT) and isinstance(b, NativeObjT):
        return a.cls is b.cls
    if isinstance(a, InstT) and isinstance(b, InstT):
        return a.cls is b.cls
    if isinstance(a, PrimT) and isinstance(b, PrimT):
        return a.kind == b.kind and (a.kind not in ("queue", "message") or unify(a.elem, b.elem))
    if isinstance(a, OutcomeT) and isinstance(b, OutcomeT):
        return unify(a.value, b.value)
    if isinstance(a, DictT) and isinstance(b, DictT):
        return unify(a.key, b.key) and unify(a.value, b.value)
    if isinstance(a, CallableT) and isinstance(b, CallableT):
        if len(a.params) != len(b.params):
            return False
        if a.members is not b.members:
            a.members.extend(b.members)
            b.members = a.members
        return all(unify(x, y) for x, y in zip(a.params, b.params)) and unify(a.result, b.result)
    return False


def is_numeric(t):
    return resolve(t) in (INT, FLOAT, BOOL)


def finalize(t):
    """Resolve type variables for emission; an element type never pinned
    down (an empty list never filled) becomes None."""
    t = resolve(t)
    if isinstance(t, TVar):
        t.ref = NONE
        return NONE
    if isinstance(t, ListT):
        return ListT(finalize(t.elem))
    if isinstance(t, SetT):
        return SetT(finalize(t.elem))
    if isinstance(t, TupleT):
        return TupleT([finalize(e) for e in t.elts], t.as_list)
    if isinstance(t, TaskT):
        return TaskT(finalize(t.result))
    if isinstance(t, PrimT) and t.kind in ("queue", "message"):
        return PrimT(t.kind, finalize(t.elem))
    if isinstance(t, OptT):
        return OptT(finalize(t.inner))
    if isinstance(t, DictT):
        return DictT(finalize(t.key), finalize(t.value))
    if isinstance(t, OutcomeT):
        return OutcomeT(finalize(t.value))
    return t


def key(t):
    """A hashable identity for a finalized type (specialisation keys, C names)."""
    t = resolve(t)
    if isinstance(t, Prim):
        return t.name
    if isinstance(t, ListT):
        return ("list", key(t.elem))
    if isinstance(t, SetT):
        return ("set", key(t.elem))
    if isinstance(t, TupleT):
        return ("mlist" if t.as_list else "tuple",) + tuple(key(e) for e in t.elts)
    if isinstance(t, TaskT):
        return ("task", key(t.result))
    if isinstance(t, TVar):
        return ("tvar", id(t))
    if isinstance(t, CoroT):
        return ("coro", id(t.instance))
    if isinstance(t, GenT):
        func = t.instance.func
        return ("gen",) + ((func.cls.name,) if func.cls else ()) + (func.name, str(t.instance.index))
    if isinstance(t, FuncT):
        return ("func", id(t.func))
    if isinstance(t, NativeObjT):
        return (t.cls.module, t.cls.name)
    if isinstance(t, InstT):
        return ("obj", t.cls.name)
    if isinstance(t, ClassT):
        return ("class", t.cls.name)
    if isinstance(t, PrimT):
        return ("prim", t.kind) + ((key(t.elem),) if t.kind in ("queue", "message") else ())
    if isinstance(t, OptT):
        return ("opt", key(t.inner))
    if isinstance(t, KwargsT):
        return ("kwargs",) + t.names + (key(t.value),)
    if isinstance(t, DictT):
        return ("dict", key(t.key), key(t.value))
    if isinstance(t, OutcomeT):
        return ("outcome", key(t.value))
    if isinstance(t, CallableT):
        return ("callable",) + tuple(key(p) for p in t.params) + (key(t.result),)
    if isinstance(t, EnvT):
        return ("env", id(t.owner))
    return (t.name, id(t))


def mangle(t):
    """A C identifier fragment for a type: int, list_int, tuple_int_str."""
    if isinstance(resolve(t), EnvT):
        return "env"
    k = key(finalize(t))

    def flat(k):
        if isinstance(k, str):
            return "none" if k == "None" else k
        return "_".join(flat(x) for x in k)
    return flat(k)


class NativeClassT(Type):
    """A class of a native module used as a value: pyb.LED (callable)."""

    def __init__(self, cls):
        self.cls = cls
        self.name = f"type {cls.name}"


class NativeObjT(Type):
    """An instance of a native class; in C its constructor argument (an int)."""

    def __init__(self, cls):
        self.cls = cls
        self.name = cls.name
        self.c_type = "ua_int"


class NativeNsT(Type):
    """A constant namespace of a native class: pyb.Pin.board."""

    def __init__(self, cls, ns):
        self.cls = cls
        self.ns = ns
        self.name = "namespace"


EXC = Prim("exception", "ua_exc *")
EXC_TYPE = Prim("type", "const ua_exc_type *")   # type(e) of an exception
HANDLER = Prim("handler", "ua_exception_handler_fn")   # loop.get_exception_handler()


class ExcClass:
    """An exception class: a runtime ua_exc_type, built in or the program's."""

    def __init__(self, name, c_ref, base, user=False):
        self.name = name
        self.c_ref = c_ref        # a C expression of type const ua_exc_type *
        self.base = base
        self.user = user
        self.init = None          # the FuncInfo of a program's class's own __init__
        self.fields = {}          # name -> (type, span): attributes its __init__ sets on self

    def derives(self, other):
        return any(c is other for c in lineage(self))

    def initializer(self):
        """The __init__ that constructing this class runs (its own or an
        ancestor's), or None for BaseException's."""
        return next((c.init for c in lineage(self) if c.init is not None), None)


def lineage(cls):
    """A class, its base, its base's base... (single inheritance)."""
    while cls is not None:
        yield cls
        cls = cls.base


class ExcClassT(Type):
    def __init__(self, cls):
        self.cls = cls
        self.name = f"type {cls.name}"


def builtin_exceptions():
    table = [("BaseException", None), ("Exception", "BaseException"),
             ("ArithmeticError", "Exception"), ("ZeroDivisionError", "ArithmeticError"),
             ("OverflowError", "ArithmeticError"), ("ValueError", "Exception"),
             ("TypeError", "Exception"), ("RuntimeError", "Exception"),
             ("LookupError", "Exception"), ("IndexError", "LookupError"),
             ("KeyError", "LookupError"), ("MemoryError", "Exception"),
             ("AssertionError", "Exception"), ("NotImplementedError", "RuntimeError"),
             ("TimeoutError", "Exception"), ("CancelledError", "BaseException"),
             ("QueueEmpty", "Exception"), ("QueueFull", "Exception"),
             ("BrokenBarrierError", "RuntimeError")]
    out = {}
    for name, base in table:
        out[name] = ExcClass(name, f"&ua_{name}", out.get(base))
    return out


class ClassInfo:
    """A class of the program: methods, class constants, and the instance
    fields that assignments to self.x give (types inferred)."""

    def __init__(self, name, node, base, c_name):
        self.name = name
        self.node = node
        self.base = base
        self.c_name = c_name
        self.methods = {}        # name -> FuncInfo
        self.constants = {}      # name -> Constant node
        self.fields = {}         # name -> (type, span), in assignment order
        self.prim = None         # (asyncio name, PrimT) of a class deriving from a primitive

    def prim_base(self):
        """The asyncio primitive this class derives from, or None: its
        struct is the first member of every instance."""
        return next((c.prim for c in lineage(self) if c.prim is not None), None)

    def lookup(self, name):
        return next((c.methods[name] for c in lineage(self) if name in c.methods), None)

    def constant(self, name):
        return next((c.constants[name] for c in lineage(self) if name in c.constants), None)

    def derives(self, other):
        return any(c is other for c in lineage(self))


class ClassT(Type):
    def __init__(self, cls):
        self.cls = cls
        self.name = f"type {cls.name}"


class InstT(Type):
    def __init__(self, cls):
        self.cls = cls
        self.name = cls.name


class BoundMethodT(Type):
    def __init__(self, cls, func):
        self.cls = cls
        self.func = func
        self.name = "method"


class PrimT(Type):
    """An asyncio synchronisation primitive (a pointer to its runtime struct);
    a Queue also has an item type."""

    C_TYPES = {"event": "ua_event", "tsflag": "ua_tsflag", "lock": "ua_lock", "sem": "ua_sem",
               "cond": "ua_cond", "queue": "ua_queue", "barrier": "ua_barrier",
               "mbarrier": "ua_gen_mbarrier"}
    NAMES = {"event": "Event", "tsflag": "ThreadSafeFlag", "lock": "Lock", "sem": "Semaphore",
             "cond": "Condition", "queue": "Queue", "barrier": "Barrier", "message": "Message",
             "mbarrier": "primitives.Barrier"}

    def __init__(self, kind, elem=None):
        self.kind = kind
        self.elem = elem

    @property
    def name(self):
        if self.kind in ("queue", "message"):
            return f"{self.NAMES[self.kind]}[{resolve(self.elem).name}]"
        return self.NAMES[self.kind]

    @property
    def c_struct(self):
        if self.kind == "message":      # an Event and its data, per data type
            return "ua_message_" + mangle(self.elem)
        return self.C_TYPES[self.kind]


class CallableT(Type):
    """A function or bound method used as a value. Every function that flows
    into one callable type (members) is called through the same C signature,
    so they are specialised for its parameter types once a call fixes them."""

    def __init__(self, nparams):
        self.params = [TVar() for _ in range(nparams)]
        self.result = TVar()
        self.members = []        # Member, shared by callables unified together

    @property
    def name(self):
        return "Callable[[" + ", ".join(resolve(p).name for p in self.params) + "], " + resolve(self.result).name + "]"

    def concrete(self):
        return all(not isinstance(resolve(p), TVar) for p in self.params)


class Member:
    """One function (or method of an object) stored in a callable."""

    def __init__(self, func, self_type, node):
        self.func = func
        self.self_type = self_type
        self.node = node
        self.instance = None


class DictT(Type):
    def __init__(self, key, value):
        self.key = key
        self.value = value

    @property
    def name(self):
        return f"dict[{resolve(self.key).name}, {resolve(self.value).name}]"


class KwargsT(DictT):
    """The dict a **kwargs parameter gets: its keys are known where the
    function is called, so each set of keys is its own specialisation."""

    def __init__(self, names, value):
        super().__init__(STR, value)
        self.names = names


class DictViewT(Type):
    """d.keys(), d.values(), d.items(): only iterated."""

    def __init__(self, dict_t, mode):
        self.dict_t = dict_t
        self.mode = mode
        self.name = f"dict_{mode}"

    def item(self):
        d = resolve(self.dict_t)
        if self.mode == "keys":
            return d.key
        if self.mode == "values":
            return d.value
        return TupleT([d.key, d.value])


class OutcomeT(Type):
    """An item of gather(..., return_exceptions=True): a value or the
    exception its coroutine raised."""

    def __init__(self, value):
        self.value = value

    @property
    def name(self):
        return f"{resolve(self.value).name} | BaseException"


class ExcArgsT(Type):
    """e.args: () for an exception raised without arguments, else (message,)."""
    name = "tuple"


EXC_ARGS = ExcArgsT()


class ContextT(Type):
    """The context an exception handler gets: context["message"] (str) and
    context["exception"]."""
    name = "context"


CONTEXT = ContextT()


class GenT(Type):
    """The value of calling a generator function: iterated at once (its
    frame by value), or a generator object (a pointer to its frame in the
    arena) stored, passed on, and advanced by next() or a for loop."""

    def __init__(self, instance):
        self.instance = instance

    @property
    def name(self):
        return f"generator of {self.instance.func.name}()"
