/* Exceptions: hierarchy, pool, traceback recording and printing. */
#include "test.h"

int main(void) {
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
    ua_exc_release(e);

    /* no message: just the type name */
    test_clear_output();
    ua_raise(&ua_MemoryError, "");
    e = ua_exc_take();
    ua_exc_print(e);
    CHECK_STR(test_err, "MemoryError\n");
    ua_exc_release(e);

    /* the innermost UA_TRACEBACK_DEPTH entries are kept */
    ua_raise(&ua_ValueError, "deep");
    for (int i = 0; i < UA_TRACEBACK_DEPTH + 5; i++) ua_traceback_add("app.py", i, "f");
    CHECK(ua_raised->tb_len == UA_TRACEBACK_DEPTH && ua_raised->tb_dropped == 5);
    CHECK(ua_raised->tb[0].line == 0);
    ua_exc_release(ua_exc_take());

    /* the pool never runs dry: more raises than slots, unreleased */
    ua_exc *kept[20];
    for (int i = 0; i < 20; i++) {
        ua_raise(&ua_ValueError, "x");
        kept[i] = ua_exc_take();
        CHECK(kept[i] != NULL);
    }
    CHECK(kept[19] != kept[18]);
    return TEST_END();
}
