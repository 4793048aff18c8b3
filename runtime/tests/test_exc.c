/* Exceptions: hierarchy, arena objects, traceback recording and printing. */
#include "test.h"

/* The built-in tree as CPython has it, class -> base: exc.c's preorder
 * numbers must give the same answer for every pair. */
static const ua_exc_type *const builtin_tree[][2] = {
    {&ua_BaseException, NULL},
    {&ua_Exception, &ua_BaseException},
    {&ua_ArithmeticError, &ua_Exception},
    {&ua_ZeroDivisionError, &ua_ArithmeticError},
    {&ua_OverflowError, &ua_ArithmeticError},
    {&ua_ValueError, &ua_Exception},
    {&ua_UnicodeError, &ua_ValueError},
    {&ua_UnicodeDecodeError, &ua_UnicodeError},
    {&ua_UnicodeEncodeError, &ua_UnicodeError},
    {&ua_TypeError, &ua_Exception},
    {&ua_RuntimeError, &ua_Exception},
    {&ua_NotImplementedError, &ua_RuntimeError},
    {&ua_BrokenBarrierError, &ua_RuntimeError},
    {&ua_LookupError, &ua_Exception},
    {&ua_IndexError, &ua_LookupError},
    {&ua_KeyError, &ua_LookupError},
    {&ua_MemoryError, &ua_Exception},
    {&ua_AssertionError, &ua_Exception},
    {&ua_TimeoutError, &ua_Exception},
    {&ua_QueueEmpty, &ua_Exception},
    {&ua_QueueFull, &ua_Exception},
    {&ua_CancelledError, &ua_BaseException},
};
#define N_BUILTINS (sizeof builtin_tree / sizeof builtin_tree[0])

static const ua_exc_type *tree_base(const ua_exc_type *t) {
    for (size_t i = 0; i < N_BUILTINS; i++)
        if (builtin_tree[i][0] == t) return builtin_tree[i][1];
    return NULL;
}

static bool tree_derives(const ua_exc_type *t, const ua_exc_type *base) {
    for (; t; t = tree_base(t))
        if (t == base) return true;
    return false;
}

/* A program's classes (module.c.j2): linked to their bases. */
static const ua_exc_type app_error = {"AppError", &ua_LookupError, 0, 0, UA_EXC_MODULE_MAIN};
static const ua_exc_type app_sub_error = {"AppSubError", &app_error, 0, 0, UA_EXC_MODULE_MAIN};

int main(void) {
    for (size_t i = 0; i < N_BUILTINS; i++) {
        for (size_t j = 0; j < N_BUILTINS; j++) {
            const ua_exc_type *a = builtin_tree[i][0], *b = builtin_tree[j][0];
            CHECK(ua_exc_matches(a, b) == tree_derives(a, b));
        }
        const ua_exc_type *b = builtin_tree[i][0];
        CHECK(ua_exc_matches(&app_sub_error, b) == tree_derives(&ua_LookupError, b));
        CHECK(!ua_exc_matches(b, &app_error));
    }
    CHECK(ua_exc_matches(&app_sub_error, &app_error) && ua_exc_matches(&app_sub_error, &app_sub_error));
    CHECK(!ua_exc_matches(&app_error, &app_sub_error));

    CHECK(ua_exc_matches(&ua_ZeroDivisionError, &ua_ArithmeticError));
    CHECK(ua_exc_matches(&ua_ZeroDivisionError, &ua_Exception));
    CHECK(ua_exc_matches(&ua_IndexError, &ua_LookupError));
    CHECK(!ua_exc_matches(&ua_CancelledError, &ua_Exception));
    CHECK(ua_exc_matches(&ua_CancelledError, &ua_BaseException));
    CHECK(!ua_exc_matches(&ua_ValueError, &ua_TypeError));

    /* the traceback prints outermost first */
    test_clear_output();
    ua_out_cstr(&ua_stdout, "before\n"); /* flushed before stderr */
    ua_raise(&ua_ZeroDivisionError, "integer division or modulo by zero");
    ua_traceback_add("app.py", 3, "div");
    ua_traceback_add("app.py", 12, "main");
    ua_traceback_add("app.py", 20, "<module>");
    ua_exc *e = ua_exc_take();
    CHECK(ua_raised == NULL && e->tb_len == 3);
    ua_exc_print(e);
    CHECK_STR(test_out, "before\n");
    CHECK_STR(test_err,
              "Traceback (most recent call last):\n"
              "  File \"app.py\", line 20, in <module>\n"
              "  File \"app.py\", line 12, in main\n"
              "  File \"app.py\", line 3, in div\n"
              "ZeroDivisionError: integer division or modulo by zero\n");

    /* no message: just the type name */
    test_clear_output();
    ua_raise(&ua_MemoryError, "");
    e = ua_exc_take();
    ua_exc_print(e);
    CHECK_STR(test_err, "MemoryError\n");

    /* the innermost UA_TRACEBACK_DEPTH entries are kept */
    ua_raise(&ua_ValueError, "deep");
    for (int i = 0; i < UA_TRACEBACK_DEPTH + 5; i++) ua_traceback_add("app.py", i, "f");
    CHECK(ua_raised->tb_len == UA_TRACEBACK_DEPTH && ua_raised->tb_dropped == 5);
    CHECK(ua_raised->tb[0].line == 0);
    (void)ua_exc_take();

    /* exceptions live in the arena as long as something points at them */
    ua_exc *kept[20];
    for (int i = 0; i < 20; i++) {
        ua_raise(i % 2 ? &ua_ValueError : &ua_KeyError, i % 2 ? "odd" : "even");
        kept[i] = ua_exc_take();
        CHECK(kept[i] != NULL);
    }
    ua_arena_collect();
    for (int i = 0; i < 20; i++) {
        CHECK(kept[i]->type == (i % 2 ? &ua_ValueError : &ua_KeyError));
        CHECK_STR(kept[i]->message, i % 2 ? "odd" : "even");
        for (int j = 0; j < i; j++) CHECK(kept[i] != kept[j]);
    }
    /* and are reclaimed once nothing does */
    size_t held = ua_arena_used();
    for (int i = 0; i < 20; i++) kept[i] = NULL;
    ua_arena_collect();
    CHECK(ua_arena_used() + 20 * sizeof(ua_exc) <= held);

    /* with the arena full, raising gives the static MemoryError (a
     * collection may free garbage a stale stack word kept: fill that too) */
    static void *fill[4096];
    static size_t fill_size[4096];
    int n = 0;
    for (size_t size = UA_ARENA_SIZE / 16; size >= 8; size /= 2)
        while (n < 4096 && (fill[n] = ua_alloc(size)) != NULL) fill_size[n++] = size;
    e = ua_exc_take();
    CHECK(e && e->type == &ua_MemoryError);
    for (;;) {
        ua_raise(&ua_ValueError, "no room");
        if (ua_raised == e || n == 4096) break;
        (void)ua_exc_take();
        while (n < 4096 && (fill[n] = ua_alloc(8)) != NULL) fill_size[n++] = 8;
        (void)ua_exc_take();
    }
    CHECK(n < 4096);
    ua_traceback_add("app.py", 7, "f");
    ua_exc *again = ua_exc_take();
    CHECK(again == e && again->type == &ua_MemoryError && again->tb_len == 1);
    ua_raise_memory_error(); /* a new raise: no traceback carried over */
    CHECK(ua_exc_take() == e && e->tb_len == 0);
    for (int i = 0; i < n; i++) ua_free(fill[i], fill_size[i]);
    ua_raise(&ua_ValueError, "room again");
    CHECK(ua_raised != e && ua_raised->type == &ua_ValueError);
    (void)ua_exc_take();
    return TEST_END();
}
