/* Python arithmetic on 32-bit ints and floats. */
#include <math.h>

#include "ua.h"

#if UA_FLOAT_SINGLE
#define FLOOR floorf
#define TRUNC truncf
#define FMOD fmodf
#define POW powf
#define COPYSIGN copysignf
#else
#define FLOOR floor
#define TRUNC trunc
#define FMOD fmod
#define POW pow
#define COPYSIGN copysign
#endif

void ua_raise_int_overflow(void) { ua_raise(&ua_OverflowError, "integer overflow"); }

static bool overflow(void) {
    ua_raise_int_overflow();
    return false;
}

static bool zerodiv(const char *msg) {
    ua_raise(&ua_ZeroDivisionError, msg);
    return false;
}

bool ua_int_add(ua_int a, ua_int b, ua_int *out) {
    return __builtin_add_overflow(a, b, out) ? overflow() : true;
}

bool ua_int_sub(ua_int a, ua_int b, ua_int *out) {
    return __builtin_sub_overflow(a, b, out) ? overflow() : true;
}

bool ua_int_mul(ua_int a, ua_int b, ua_int *out) {
    return __builtin_mul_overflow(a, b, out) ? overflow() : true;
}

bool ua_int_neg(ua_int a, ua_int *out) {
    if (a == INT32_MIN) return overflow();
    *out = -a;
    return true;
}

bool ua_int_abs(ua_int a, ua_int *out) {
    if (a == INT32_MIN) return overflow();
    *out = a < 0 ? -a : a;
    return true;
}

bool ua_int_floordiv(ua_int a, ua_int b, ua_int *out) {
    if (b == 0) return zerodiv("integer division or modulo by zero");
    if (a == INT32_MIN && b == -1) return overflow();
    ua_int q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) q--;
    *out = q;
    return true;
}

bool ua_int_mod(ua_int a, ua_int b, ua_int *out) {
    if (b == 0) return zerodiv("integer modulo by zero");
    if (b == -1) {
        *out = 0;
        return true;
    }
    ua_int r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    *out = r;
    return true;
}

bool ua_int_pow(ua_int a, ua_int b, ua_int *out) {
    if (b < 0) {
        ua_raise(&ua_ValueError, "negative power not supported for int");
        return false;
    }
    ua_int result = 1, base = a;
    while (b) {
        if (b & 1) {
            if (__builtin_mul_overflow(result, base, &result)) return overflow();
        }
        b >>= 1;
        if (b && __builtin_mul_overflow(base, base, &base)) return overflow();
    }
    *out = result;
    return true;
}

bool ua_int_lshift(ua_int a, ua_int b, ua_int *out) {
    if (b < 0) {
        ua_raise(&ua_ValueError, "negative shift count");
        return false;
    }
    if (a == 0) {
        *out = 0;
        return true;
    }
    if (b >= 32) return overflow();
    int64_t r = (int64_t)((uint64_t)(int64_t)a << b);
    if (r < INT32_MIN || r > INT32_MAX) return overflow();
    *out = (ua_int)r;
    return true;
}

bool ua_int_rshift(ua_int a, ua_int b, ua_int *out) {
    if (b < 0) {
        ua_raise(&ua_ValueError, "negative shift count");
        return false;
    }
    if (b > 31) b = 31;
    *out = a >> b; /* arithmetic shift with gcc: floor, as Python */
    return true;
}

bool ua_int_truediv(ua_int a, ua_int b, ua_float *out) {
    if (b == 0) return zerodiv("division by zero");
    *out = (ua_float)a / (ua_float)b;
    return true;
}

bool ua_float_div(ua_float a, ua_float b, ua_float *out) {
    if (b == 0) return zerodiv("float division by zero");
    *out = a / b;
    return true;
}

/* CPython's float_divmod. */
static void divmod(ua_float a, ua_float b, ua_float *div, ua_float *mod) {
    ua_float m = FMOD(a, b);
    ua_float d = (a - m) / b;
    if (m != 0) {
        if ((b < 0) != (m < 0)) {
            m += b;
            d -= 1;
        }
    } else {
        m = COPYSIGN(0, b);
    }
    ua_float fd;
    if (d != 0) {
        fd = FLOOR(d);
        if (d - fd > (ua_float)0.5) fd += 1;
    } else {
        fd = COPYSIGN(0, a / b);
    }
    *div = fd;
    *mod = m;
}

bool ua_float_floordiv(ua_float a, ua_float b, ua_float *out) {
    if (b == 0) return zerodiv("float floor division by zero");
    ua_float m;
    divmod(a, b, out, &m);
    return true;
}

bool ua_float_mod(ua_float a, ua_float b, ua_float *out) {
    if (b == 0) return zerodiv("float modulo");
    ua_float d;
    divmod(a, b, &d, out);
    return true;
}

bool ua_float_pow(ua_float a, ua_float b, ua_float *out) {
    if (a == 0 && b < 0) {
        return zerodiv("0.0 cannot be raised to a negative power");
    }
    if (a < 0 && isfinite(a) && isfinite(b) && FLOOR(b) != b) {
        /* CPython returns a complex number here; we have none. */
        ua_raise(&ua_ValueError, "math domain error");
        return false;
    }
    ua_float r = POW(a, b);
    if (isinf(r) && isfinite(a) && isfinite(b)) {
        ua_raise(&ua_OverflowError, "(34, 'Numerical result out of range')");
        return false;
    }
    *out = r;
    return true;
}

bool ua_float_to_int(ua_float a, ua_int *out) {
    if (isnan(a)) {
        ua_raise(&ua_ValueError, "cannot convert float NaN to integer");
        return false;
    }
    if (isinf(a)) {
        ua_raise(&ua_OverflowError, "cannot convert float infinity to integer");
        return false;
    }
    ua_float t = TRUNC(a); /* toward zero, range checked before converting */
    if (t >= (ua_float)2147483648.0 || t < (ua_float)-2147483648.0) return overflow();
    *out = (ua_int)t;
    return true;
}

bool ua_float_round(ua_float a, ua_int *out) {
    if (!isfinite(a)) return ua_float_to_int(a, out);
    ua_float r = FLOOR(a);
    ua_float diff = a - r;
    if (diff > (ua_float)0.5 || (diff == (ua_float)0.5 && FMOD(r, 2) != 0)) r += 1;
    return ua_float_to_int(r, out);
}
