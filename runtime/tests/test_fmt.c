/* Float repr, string repr and format specs against Python's results
 * (fmt_cases.inc was generated with CPython 3.11: repr() and format()). */
#include <math.h>

#include "test.h"
#include "fmt_cases.inc"

/* What the compiler does at compile time: parse a format spec. The '0'
 * flag without an explicit alignment becomes fill '0', align '='. */
static ua_spec parse(const char *s) {
    ua_spec sp = {' ', 0, 0, false, false, -1, -1, 0};
    const char *al = "<>=^";
    if (s[0] && s[1] && strchr(al, s[1])) {
        sp.fill = s[0];
        sp.align = s[1];
        s += 2;
    } else if (s[0] && strchr(al, s[0])) {
        sp.align = *s++;
    }
    if (*s == '+' || *s == '-' || *s == ' ') sp.sign = *s++;
    if (*s == '#') { sp.alternate = true; s++; }
    if (*s == '0') {
        if (!sp.align) { sp.fill = '0'; sp.align = '='; }
        s++;
    }
    if (*s >= '0' && *s <= '9') {
        sp.width = 0;
        while (*s >= '0' && *s <= '9') sp.width = (int16_t)(sp.width * 10 + (*s++ - '0'));
    }
    if (*s == ',') { sp.grouping = true; s++; }
    if (*s == '.') {
        s++;
        sp.precision = 0;
        while (*s >= '0' && *s <= '9') sp.precision = (int16_t)(sp.precision * 10 + (*s++ - '0'));
    }
    sp.type = *s;
    return sp;
}

#define N(a) (sizeof(a) / sizeof((a)[0]))

static char buf[64];
static ua_out o;
static void begin(void) { ua_out_begin_string(&o, buf, sizeof buf); }

static void check(const char *got, const char *want, const char *what, const char *spec) {
    if (!got || strcmp(got, want) != 0) {
        fprintf(stderr, "%s with '%s': got \"%s\", want \"%s\"\n", what, spec, got ? got : "(null)", want);
        test_failures++;
    }
}

int main(void) {
    for (size_t i = 0; i < N(int_cases); i++) {
        ua_spec sp = parse(int_cases[i].spec);
        begin();
        ua_fmt_int(&o, int_cases[i].v, &sp);
        check(ua_out_end_string(&o), int_cases[i].want, "int", int_cases[i].spec);
    }
    for (size_t i = 0; i < N(float_cases); i++) {
        ua_spec sp = parse(float_cases[i].spec);
        begin();
        ua_fmt_float(&o, (ua_float)float_cases[i].v, &sp);
        check(ua_out_end_string(&o), float_cases[i].want, "float", float_cases[i].spec);
    }
    for (size_t i = 0; i < N(str_cases); i++) {
        ua_spec sp = parse(str_cases[i].spec);
        begin();
        ua_fmt_str(&o, str_cases[i].v, &sp);
        check(ua_out_end_string(&o), str_cases[i].want, "str", str_cases[i].spec);
    }
    for (size_t i = 0; i < N(bool_cases); i++) {
        ua_spec sp = parse(bool_cases[i].spec);
        begin();
        ua_fmt_bool(&o, bool_cases[i].v, &sp);
        check(ua_out_end_string(&o), bool_cases[i].want, "bool", bool_cases[i].spec);
    }
    for (size_t i = 0; i < N(repr_cases); i++) {
        begin();
        ua_out_float(&o, (ua_float)repr_cases[i].v);
        check(ua_out_end_string(&o), repr_cases[i].want, "repr", "");
        check(ua_str_of_float((ua_float)repr_cases[i].v), repr_cases[i].want, "str_of_float", "");
    }
    static const struct { const char *s, *want; } reprs[] = {
        {"a", "'a'"},           {"it's", "\"it's\""},     {"\n", "'\\n'"},
        {"\\", "'\\\\'"},       {"h\xc3\xa9llo", "'h\xc3\xa9llo'"},
        {"a'b\"c", "'a\\'b\"c'"}, {"\t\r\x01\x7f", "'\\t\\r\\x01\\x7f'"},
        {"\xc2\x85", "'\\x85'"}, {"", "''"},
    };
    for (size_t i = 0; i < N(reprs); i++) {
        begin();
        ua_out_repr_str(&o, reprs[i].s);
        check(ua_out_end_string(&o), reprs[i].want, "repr str", reprs[i].s);
    }
    /* precision is clamped at 40 digits (MAX_PREC in fmt.c) */
    {
        ua_spec sp = parse(".40g");
        char big[128];
        ua_out_begin_string(&o, big, sizeof big);
        ua_fmt_float(&o, (ua_float)(1.0 / 3.0), &sp);
        check(ua_out_end_string(&o), "0.3333333333333333148296162562473909929395", "float", ".40g");
        sp = parse(".60e");
        ua_out_begin_string(&o, big, sizeof big);
        ua_fmt_float(&o, (ua_float)(1.0 / 3.0), &sp);
        ua_str r = ua_out_end_string(&o);
        CHECK(r && strlen(r) == 46); /* 0.<40 digits>e-01, not 60 */
    }
    CHECK_STR(ua_str_of_int(INT32_MIN), "-2147483648");
    CHECK_STR(ua_str_of_int(0), "0");
    /* a builder outgrowing its buffer moves to the arena */
    char small[4];
    ua_out_begin_string(&o, small, sizeof small);
    for (int i = 0; i < 100; i++) ua_out_cstr(&o, "xyz");
    ua_str big = ua_out_end_string(&o);
    CHECK(big && strlen(big) == 300 && big[299] == 'z');
    /* the console buffers until full or flushed */
    test_clear_output();
    ua_out_cstr(&ua_stdout, "hi\n");
    ua_out_bool(&ua_stdout, true);
    ua_out_none(&ua_stdout);
    CHECK(test_out_len == 0);
    ua_out_flush(&ua_stdout);
    CHECK_STR(test_out, "hi\nTrueNone");
    return TEST_END();
}
