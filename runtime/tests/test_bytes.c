/* bytes, bytearray, memoryview, codecs and repr. */
#include "test.h"

static void expect_exc(const ua_exc_type *t, const char *msg) {
    CHECK(ua_raised && ua_raised->type == t && strcmp(ua_raised->message, msg) == 0);
    if (ua_raised && strcmp(ua_raised->message, msg) != 0) fprintf(stderr, "  got: %s\n", ua_raised->message);
    if (ua_raised) (void)ua_exc_take();
}

static ua_buf B(const char *s) { return (ua_buf){(const uint8_t *)s, (uint32_t)strlen(s)}; }

static const char *repr(ua_buf b, bool bytearray) {
    static char buf[256];
    ua_out o;
    ua_out_begin_string(&o, buf, sizeof buf);
    ua_out_repr_bytes(&o, b, bytearray);
    return ua_out_end_string(&o);
}

int main(void) {
    ua_bytes *ba = ua_bytes_of_count(4, true);
    CHECK(ba && ba->len == 4 && ba->data[3] == 0);
    CHECK(!ua_bytes_of_count(-1, false));
    expect_exc(&ua_ValueError, "negative count");
    CHECK(!ua_bytearray_append(ba, 256));
    expect_exc(&ua_ValueError, "byte must be in range(0, 256)");
    for (ua_int i = 0; i < 40; i++) CHECK(ua_bytearray_append(ba, 'a' + i % 26));
    CHECK(ba->len == 44 && ba->data[4] == 'a' && ba->cap >= 44);
    /* slice assignment: same length, shorter, longer, from itself */
    ua_bytes *x = ua_bytes_new(B("hello world"), true);
    CHECK(ua_bytearray_set_slice(x, 0, true, 5, true, 1, B("HELLO")));
    CHECK(ua_bytes_eq(ua_buf_of(x), B("HELLO world")));
    CHECK(ua_bytearray_set_slice(x, 5, true, 0, false, 1, B("!")));
    CHECK(ua_bytes_eq(ua_buf_of(x), B("HELLO!")));
    CHECK(ua_bytearray_set_slice(x, 0, true, 0, true, 1, ua_buf_of(x)));
    CHECK(ua_bytes_eq(ua_buf_of(x), B("HELLO!HELLO!")));
    CHECK(!ua_bytearray_set_slice(x, 0, false, 0, false, 2, B("ab")));
    expect_exc(&ua_ValueError, "attempt to assign bytes of size 2 to extended slice of size 6");
    /* memoryview: a window that writes through */
    ua_bytes *buf = ua_bytes_of_count(8, true);
    ua_memview mv = ua_memview_of(buf, false), part;
    CHECK(ua_memview_set_slice(mv, 0, true, 4, true, B("abcd")));
    CHECK(ua_memview_slice(mv, 2, true, 0, false, &part) && part.len == 6);
    CHECK(ua_memview_setitem(part, 0, 'Z') && buf->data[2] == 'Z');
    CHECK(!ua_memview_set_slice(mv, 0, true, 2, true, B("abc")));
    expect_exc(&ua_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
    CHECK(!ua_memview_setitem(ua_memview_of(ua_bytes_new(B("ro"), false), true), 0, 1));
    expect_exc(&ua_TypeError, "cannot modify read-only memory");
    CHECK(!ua_memview_setitem(mv, 9, 1));
    expect_exc(&ua_IndexError, "index out of bounds on dimension 1");
    /* search */
    CHECK(ua_bytes_find(B("abcabc"), B("ca")) == 2 && ua_bytes_find(B("abc"), B("x")) == -1);
    CHECK(ua_bytes_count(B("aaaa"), B("aa")) == 2 && ua_bytes_count(B("ab"), B("")) == 3);
    CHECK(ua_bytes_startswith(B("abc"), B("ab")) && ua_bytes_endswith(B("abc"), B("bc")));
    CHECK(ua_bytes_find_byte(B("abc"), 'c') == 2 && ua_bytes_find_byte(B("abc"), 300) == -2);
    expect_exc(&ua_ValueError, "byte must be in range(0, 256)");
    CHECK_STR(ua_bytes_hex(B("\x01\xab")), "01ab");
    /* repr as CPython */
    CHECK_STR(repr((ua_buf){(const uint8_t *)"\0a'\"\\\t\n\r\x7f\x80", 10}, false),
              "b'\\x00a\\'\"\\\\\\t\\n\\r\\x7f\\x80'");
    CHECK_STR(repr(B("it's"), false), "b\"it's\"");
    CHECK_STR(repr(B("x"), true), "bytearray(b'x')");
    /* codecs */
    CHECK_STR(ua_bytes_decode(B("h\xc3\xa9"), false), "h\xc3\xa9");
    CHECK(!ua_bytes_decode(B("\xff"), false));
    expect_exc(&ua_UnicodeDecodeError, "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte");
    CHECK(!ua_bytes_decode(B("a\xc3("), false));
    expect_exc(&ua_UnicodeDecodeError, "'utf-8' codec can't decode byte 0xc3 in position 1: invalid continuation byte");
    CHECK(!ua_bytes_decode(B("\xe2\x82("), false));
    expect_exc(&ua_UnicodeDecodeError, "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte");
    CHECK(!ua_bytes_decode(B("\xf0\x9f\x98"), false));
    expect_exc(&ua_UnicodeDecodeError, "'utf-8' codec can't decode bytes in position 0-2: unexpected end of data");
    CHECK(!ua_bytes_decode(B("\xed\xa0\x80"), false));
    expect_exc(&ua_UnicodeDecodeError, "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte");
    CHECK(!ua_bytes_decode(B("a\xe9"), true));
    expect_exc(&ua_UnicodeDecodeError, "'ascii' codec can't decode byte 0xe9 in position 1: ordinal not in range(128)");
    CHECK(!ua_str_encode("h\xe2\x82\xac", true));
    expect_exc(&ua_UnicodeEncodeError, "'ascii' codec can't encode character '\\u20ac' in position 1: ordinal not in range(128)");
    CHECK(ua_str_encode("h\xc3\xa9", false)->len == 3);
    /* int.to_bytes / from_bytes */
    ua_bytes *tb = ua_int_to_bytes(0x1234, 2, false, false);
    CHECK(tb && tb->data[0] == 0x12 && tb->data[1] == 0x34);
    CHECK(!ua_int_to_bytes(300, 1, false, false));
    expect_exc(&ua_OverflowError, "int too big to convert");
    CHECK(!ua_int_to_bytes(-1, 1, false, false));
    expect_exc(&ua_OverflowError, "can't convert negative int to unsigned");
    tb = ua_int_to_bytes(-2, 2, true, true);
    CHECK(tb && tb->data[0] == 0xFE && tb->data[1] == 0xFF);
    tb = ua_int_to_bytes(0, 0, false, true);
    CHECK(tb && tb->len == 0);
    CHECK(!ua_int_to_bytes(1, 0, false, true));
    expect_exc(&ua_OverflowError, "int too big to convert");
    ua_int v;
    CHECK(ua_int_from_bytes(B("\x01\x00"), true, false, &v) && v == 1);
    CHECK(ua_int_from_bytes((ua_buf){(const uint8_t *)"\xfe\xff", 2}, true, true, &v) && v == -2);
    CHECK(ua_int_from_bytes((ua_buf){(const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff\xff\xff\x80\x00\x00\x00", 13}, false, true, &v)
          && v == INT32_MIN);
    CHECK(!ua_int_from_bytes(B("\xff\xff\xff\xff"), false, false, &v));
    expect_exc(&ua_OverflowError, "integer overflow");
    return TEST_END();
}
