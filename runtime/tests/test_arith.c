/* Checked 32-bit int and float arithmetic with Python's semantics and
 * CPython's exception messages. */
#include <math.h>

#include "test.h"

static void expect_exc(const ua_exc_type *t, const char *msg) {
    CHECK(ua_raised != NULL);
    if (!ua_raised) return;
    if (ua_raised->type != t || strcmp(ua_raised->message, msg) != 0) {
        fprintf(stderr, "got %s: %s, want %s: %s\n", ua_raised->type->name,
                ua_raised->message, t->name, msg);
        test_failures++;
    }
    (void)ua_exc_take();
}


int main(void) {
    ua_int r;
    ua_float f;
    /* add/sub/mul/neg/abs at the limits */
    CHECK(ua_int_add(INT32_MAX - 1, 1, &r) && r == INT32_MAX);
    CHECK(!ua_int_add(INT32_MAX, 1, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(!ua_int_add(INT32_MIN, -1, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_sub(INT32_MIN + 1, 1, &r) && r == INT32_MIN);
    CHECK(!ua_int_sub(INT32_MIN, 1, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(!ua_int_sub(0, INT32_MIN, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_mul(46340, 46340, &r) && r == 2147395600);
    CHECK(!ua_int_mul(46341, 46341, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(!ua_int_mul(INT32_MIN, -1, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_mul(-65536, 32768, &r) && r == INT32_MIN);
    CHECK(ua_int_neg(INT32_MAX, &r) && r == -INT32_MAX);
    CHECK(!ua_int_neg(INT32_MIN, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_abs(-5, &r) && r == 5);
    CHECK(!ua_int_abs(INT32_MIN, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    /* pow */
    CHECK(ua_int_pow(2, 30, &r) && r == 1073741824);
    CHECK(!ua_int_pow(2, 31, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_pow(-2, 31, &r) && r == INT32_MIN);
    CHECK(ua_int_pow(0, 0, &r) && r == 1);
    CHECK(ua_int_pow(-1, 1000001, &r) && r == -1);
    CHECK(ua_int_pow(3, 19, &r) && r == 1162261467);
    CHECK(!ua_int_pow(3, 20, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(!ua_int_pow(2, -1, &r));
    expect_exc(&ua_ValueError, "negative power not supported for int");
    /* shifts */
    CHECK(ua_int_lshift(1, 30, &r) && r == 1 << 30);
    CHECK(!ua_int_lshift(1, 31, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_lshift(-1, 31, &r) && r == INT32_MIN);
    CHECK(!ua_int_lshift(-2, 31, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_lshift(0, 100, &r) && r == 0);
    CHECK(!ua_int_lshift(1, -1, &r));
    expect_exc(&ua_ValueError, "negative shift count");
    CHECK(ua_int_rshift(-7, 1, &r) && r == -4);
    CHECK(ua_int_rshift(-7, 100, &r) && r == -1);
    CHECK(ua_int_rshift(7, 100, &r) && r == 0);
    /* floor division and modulo as Python */
    CHECK(ua_int_floordiv(7, 2, &r) && r == 3);
    CHECK(ua_int_floordiv(-7, 2, &r) && r == -4);
    CHECK(ua_int_floordiv(7, -2, &r) && r == -4);
    CHECK(ua_int_floordiv(-7, -2, &r) && r == 3);
    CHECK(ua_int_floordiv(-6, 2, &r) && r == -3);
    CHECK(!ua_int_floordiv(INT32_MIN, -1, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(ua_int_mod(7, 3, &r) && r == 1);
    CHECK(ua_int_mod(-7, 3, &r) && r == 2);
    CHECK(ua_int_mod(7, -3, &r) && r == -2);
    CHECK(ua_int_mod(-7, -3, &r) && r == -1);
    CHECK(ua_int_mod(INT32_MIN, -1, &r) && r == 0);
    CHECK(!ua_int_floordiv(1, 0, &r));
    expect_exc(&ua_ZeroDivisionError, "integer division or modulo by zero");
    CHECK(!ua_int_mod(1, 0, &r));
    expect_exc(&ua_ZeroDivisionError, "integer modulo by zero");
    CHECK(!ua_int_truediv(1, 0, &f));
    expect_exc(&ua_ZeroDivisionError, "division by zero");
    CHECK(ua_int_truediv(1, 4, &f) && f == (ua_float)0.25);
    /* floats */
    CHECK(!ua_float_div(1, 0, &f));
    expect_exc(&ua_ZeroDivisionError, "float division by zero");
    CHECK(!ua_float_floordiv(1, 0, &f));
    expect_exc(&ua_ZeroDivisionError, "float floor division by zero");
    CHECK(!ua_float_mod(1, 0, &f));
    expect_exc(&ua_ZeroDivisionError, "float modulo");
    CHECK(ua_float_floordiv(-7.5, 2, &f) && f == -4);
    CHECK(ua_float_mod(-7.5, 2, &f) && f == (ua_float)0.5);
    CHECK(ua_float_mod(7.5, -2, &f) && f == (ua_float)-0.5);
    CHECK(ua_float_mod(-0.0, 2, &f) && f == 0 && !signbit(f));
    CHECK(ua_float_mod(0.0, -2, &f) && f == 0 && signbit(f));
    CHECK(ua_float_pow(2, 10, &f) && f == 1024);
    CHECK(!ua_float_pow(0, -1, &f));
    expect_exc(&ua_ZeroDivisionError, "0.0 cannot be raised to a negative power");
    /* float -> int */
    CHECK(ua_float_to_int((ua_float)-2.7, &r) && r == -2);
    CHECK(ua_float_to_int((ua_float)2.7, &r) && r == 2);
    CHECK(ua_float_to_int((ua_float)-2147483648.0, &r) && r == INT32_MIN);
    CHECK(!ua_float_to_int((ua_float)2147483648.0, &r));
    expect_exc(&ua_OverflowError, "integer overflow");
    CHECK(!ua_float_to_int(INFINITY, &r));
    expect_exc(&ua_OverflowError, "cannot convert float infinity to integer");
    CHECK(!ua_float_to_int(NAN, &r));
    expect_exc(&ua_ValueError, "cannot convert float NaN to integer");
    CHECK(ua_float_round((ua_float)2.5, &r) && r == 2);
    CHECK(ua_float_round((ua_float)3.5, &r) && r == 4);
    CHECK(ua_float_round((ua_float)-2.5, &r) && r == -2);
    CHECK(ua_float_round((ua_float)-2.6, &r) && r == -3);
    CHECK(ua_float_round((ua_float)0.49999999999999994, &r) && r == 0);
    CHECK(ua_raised == NULL);
    return TEST_END();
}
