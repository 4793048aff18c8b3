/* bytes, bytearray and memoryview, and the codecs between str and bytes
 * (see bytes.c). Operations that only read take a ua_buf (pointer and
 * length), so bytes, bytearray and memoryview values all fit them. */
#ifndef UA_BYTES_H
#define UA_BYTES_H

#include "ua_exc.h"
#include "ua_obj.h"
#include "ua_out.h"
#include "ua_types.h"

/* bytes (`const ua_bytes *`: literals in flash, built ones in the arena
 * with the data after the header) and bytearray (`ua_bytes *`, its data a
 * separate arena block of cap bytes that moves when it grows). */
typedef struct ua_bytes {
    uint32_t len;
    uint32_t cap;      /* a bytearray's allocated bytes; 0 for bytes */
    uint8_t *data;
} ua_bytes;

/* A memoryview, by value: a window on a bytes or bytearray. Slicing copies
 * nothing; reads and writes go through obj->data, so a bytearray that grew
 * (and moved) is still seen. */
typedef struct ua_memview {
    ua_bytes *obj;
    uint32_t start, len;
    bool readonly;     /* over bytes */
} ua_memview;

typedef struct ua_buf {
    const uint8_t *p;
    uint32_t n;
} ua_buf;

static inline ua_buf ua_buf_of(const ua_bytes *b) { return (ua_buf){b->data, b->len}; }
static inline ua_buf ua_memview_buf(ua_memview v) { return (ua_buf){v.obj->data + v.start, v.len}; }

/* New objects (NULL + MemoryError). src.p NULL gives src.n zero bytes. */
ua_bytes *ua_bytes_new(ua_buf src, bool bytearray);
/* bytes(n) / bytearray(n): ValueError("negative count"). */
ua_bytes *ua_bytes_of_count(ua_int n, bool bytearray);
/* bytes([ints]): ValueError("bytes must be in range(0, 256)"), "byte ..." for bytearray. */
ua_bytes *ua_bytes_from_ints(const ua_list *ints, bool bytearray);
ua_bytes *ua_bytes_concat(ua_buf a, ua_buf b, bool bytearray);
ua_bytes *ua_bytes_repeat(ua_buf a, ua_int n, bool bytearray);
ua_bytes *ua_bytes_slice(ua_buf b, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                         bool bytearray);
ua_bytes *ua_bytes_join(ua_buf sep, const ua_list *parts, bool bytearray);   /* parts: const ua_bytes * */

/* b[i]: the index normalised, or IndexError(msg). */
bool ua_bytes_index(uint32_t len, ua_int index, const char *msg, uint32_t *out);
/* A value stored into a bytearray: ValueError unless 0 <= v < 256. */
bool ua_byte_check(ua_int v);
bool ua_bytearray_append(ua_bytes *b, ua_int v);
bool ua_bytearray_extend(ua_bytes *b, ua_buf src);
bool ua_bytearray_extend_ints(ua_bytes *b, const ua_list *ints);
/* b[start:stop:step] = src: a step-1 slice may change the length. */
bool ua_bytearray_set_slice(ua_bytes *b, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                            ua_buf src);

/* memoryview(x), mv[i] = v, mv[a:b] and mv[a:b] = src (same length). */
ua_memview ua_memview_of(const ua_bytes *b, bool readonly);
bool ua_memview_setitem(ua_memview v, ua_int index, ua_int value);
bool ua_memview_slice(ua_memview v, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_memview *out);
bool ua_memview_set_slice(ua_memview v, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_buf src);

bool ua_bytes_eq(ua_buf a, ua_buf b);
int ua_bytes_cmp(ua_buf a, ua_buf b);       /* <0, 0, >0: byte order, then length */
ua_int ua_bytes_find(ua_buf hay, ua_buf needle);
ua_int ua_bytes_count(ua_buf hay, ua_buf needle);
bool ua_bytes_startswith(ua_buf s, ua_buf prefix);
bool ua_bytes_endswith(ua_buf s, ua_buf suffix);
/* b.find(v) / v in b for an int v (ValueError out of range); -2 after raising. */
ua_int ua_bytes_find_byte(ua_buf hay, ua_int v);
ua_str ua_bytes_hex(ua_buf b);

/* s.encode() and b.decode(): UTF-8 or ASCII, with CPython's
 * UnicodeEncodeError / UnicodeDecodeError messages. A str cannot hold NUL
 * here, so decoding one raises ValueError. */
ua_bytes *ua_str_encode(ua_str s, bool ascii);
ua_str ua_bytes_decode(ua_buf b, bool ascii);

/* repr(b): b'..' or bytearray(b'..'), quotes and escapes as CPython. */
void ua_out_repr_bytes(ua_out *o, ua_buf b, bool bytearray);

/* int.to_bytes(length, order, signed=) and int.from_bytes(b, order, signed=). */
ua_bytes *ua_int_to_bytes(ua_int v, ua_int length, bool little, bool is_signed);
bool ua_int_from_bytes(ua_buf b, bool little, bool is_signed, ua_int *out);

#endif
