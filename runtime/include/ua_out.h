/* Output and formatting. print() streams into ua_stdout; f-strings,
 * %-formatting and str.format used as values stream into a string builder
 * that becomes an arena string. Format specs are parsed by the compiler
 * into ua_spec constants. */
#ifndef UA_OUT_H
#define UA_OUT_H

#include "ua_types.h"

typedef struct ua_out ua_out;
struct ua_out {
    char *buf;
    size_t len;
    size_t cap;
    /* A string builder's append (set by ua_out_begin_string), NULL for the
     * console: a program that builds no string links no builder code. */
    void (*append)(ua_out *o, const char *s, size_t n);
    bool on_heap;      /* buf has moved into the arena */
    bool failed;       /* a string builder ran out of memory */
};

extern ua_out ua_stdout;

void ua_out_flush(ua_out *o);          /* console: write out the buffer */
void ua_out_bytes(ua_out *o, const char *s, size_t n);
void ua_out_cstr(ua_out *o, const char *s);
void ua_out_str(ua_out *o, ua_str s);          /* str(s) */
void ua_out_repr_str(ua_out *o, ua_str s);     /* repr(s): quotes as CPython */
void ua_out_int(ua_out *o, ua_int v);
/* str(v) written backwards ending at `end`, room for UA_INT_DIGITS
 * chars: returns where it starts (not NUL-terminated). */
#define UA_INT_DIGITS 11
char *ua_int_digits(char *end, ua_int v);
void ua_out_float(ua_out *o, ua_float v);      /* repr(v): shortest round-trip */
void ua_out_bool(ua_out *o, bool v);           /* True / False */
void ua_out_none(ua_out *o);                   /* None */

/* A format spec: [[fill]align][sign][#][0][width][,][.precision][type]
 * The '0' flag has no field: without an explicit align the compiler encodes
 * it as fill '0', align '=' (CPython's meaning; with ',' the zero padding is
 * grouped too: format(1234, '08,') == '0,001,234'). fill 0 means ' '. */
typedef struct ua_spec {
    char fill;         /* ' ' by default */
    char align;        /* '<', '>', '^', '=' or 0 for the type's default */
    char sign;         /* '+', '-', ' ' or 0 */
    bool alternate;    /* '#' */
    bool grouping;     /* ',' */
    int16_t width;     /* -1 when absent */
    int16_t precision; /* -1 when absent */
    char type;         /* 'd','x','X','o','b','c','f','F','e','E','g','G','%','s' or 0 */
} ua_spec;

void ua_fmt_int(ua_out *o, ua_int v, const ua_spec *spec);
void ua_fmt_float(ua_out *o, ua_float v, const ua_spec *spec);
void ua_fmt_str(ua_out *o, ua_str v, const ua_spec *spec);
/* bool.__format__ is int.__format__: "True"/"False" for an empty spec (and,
 * leniently, type 's'); any other spec formats 1/0 as an int, as CPython:
 * format(True, '5') == '    1'. */
void ua_fmt_bool(ua_out *o, bool v, const ua_spec *spec);

/* A string builder over a caller's buffer (usually on the C stack); it
 * moves to the arena when it outgrows it. */
void ua_out_begin_string(ua_out *o, char *buf, size_t cap);
/* The finished string (copied into the arena), or NULL with MemoryError
 * pending. */
ua_str ua_out_end_string(ua_out *o);

/* str(x) / repr(x) of scalars as new strings (NULL + MemoryError). */
ua_str ua_str_of_int(ua_int v);
ua_str ua_str_of_float(ua_float v);

#endif
