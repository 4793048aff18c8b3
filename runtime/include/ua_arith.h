/* Python arithmetic on 32-bit ints and floats. Each function returns false
 * after raising (OverflowError, ZeroDivisionError, ValueError) and writes
 * the result to *out otherwise. */
#ifndef UA_ARITH_H
#define UA_ARITH_H

#include "ua_exc.h"
#include "ua_types.h"

/* OverflowError("integer overflow"), out of line: generated code's inline
 * + - * call it. */
void ua_raise_int_overflow(void) __attribute__((cold));

bool ua_int_add(ua_int a, ua_int b, ua_int *out);
bool ua_int_sub(ua_int a, ua_int b, ua_int *out);
bool ua_int_mul(ua_int a, ua_int b, ua_int *out);
bool ua_int_neg(ua_int a, ua_int *out);
bool ua_int_floordiv(ua_int a, ua_int b, ua_int *out); /* floor, as Python */
bool ua_int_mod(ua_int a, ua_int b, ua_int *out);      /* sign of b, as Python */
bool ua_int_pow(ua_int a, ua_int b, ua_int *out);      /* b < 0: ValueError */
bool ua_int_lshift(ua_int a, ua_int b, ua_int *out);   /* b < 0: ValueError */
bool ua_int_rshift(ua_int a, ua_int b, ua_int *out);
bool ua_int_abs(ua_int a, ua_int *out);
bool ua_int_truediv(ua_int a, ua_int b, ua_float *out);
bool ua_float_div(ua_float a, ua_float b, ua_float *out);
bool ua_float_floordiv(ua_float a, ua_float b, ua_float *out);
bool ua_float_mod(ua_float a, ua_float b, ua_float *out);
bool ua_float_pow(ua_float a, ua_float b, ua_float *out);
/* int(x) of a float: OverflowError outside 32 bits, ValueError for nan. */
bool ua_float_to_int(ua_float a, ua_int *out);
/* round(x) to an int with ties to even, as Python. */
bool ua_float_round(ua_float a, ua_int *out);

/* Bitwise operators as functions: `(x | 8) == 0` is valid Python, and gcc's
 * -Wtautological-compare would reject it written out as C operators. */
static inline ua_int ua_int_and(ua_int a, ua_int b) { return a & b; }
static inline ua_int ua_int_or(ua_int a, ua_int b) { return a | b; }
static inline ua_int ua_int_xor(ua_int a, ua_int b) { return a ^ b; }
static inline bool ua_bool_and(bool a, bool b) { return a & b; }
static inline bool ua_bool_or(bool a, bool b) { return a | b; }
static inline bool ua_bool_xor(bool a, bool b) { return a ^ b; }

#endif
