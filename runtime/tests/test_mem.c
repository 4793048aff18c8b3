/* The arena, lists and strings. */
#include "test.h"

static void expect_exc(const ua_exc_type *t, const char *msg) {
    CHECK(ua_raised && ua_raised->type == t && strcmp(ua_raised->message, msg) == 0);
    ua_exc_release(ua_exc_take());
}

static void test_arena(void) {
    size_t base = ua_arena_used();
    void *a = ua_alloc(24);
    void *b = ua_alloc(24);
    CHECK(a && b && a != b);
    CHECK(ua_arena_used() == base + 48);
    ua_free(a, 24);
    void *c = ua_alloc(20); /* same 8-byte class: reuses a */
    CHECK(c == a);
    ua_free(c, 20);
    ua_free(b, 24);
    CHECK(ua_arena_used() == base);
    ua_free("literal", 8); /* outside the arena: ignored */
    ua_free(NULL, 8);
    /* exhaustion raises MemoryError, and freeing recovers */
    void *blocks[64];
    int n = 0;
    for (; n < 64; n++) {
        blocks[n] = ua_alloc(UA_ARENA_SIZE / 16);
        if (!blocks[n]) break;
    }
    CHECK(n > 0 && n < 64);
    expect_exc(&ua_MemoryError, "");
    CHECK(ua_alloc(UA_ARENA_SIZE + 1) == NULL);
    expect_exc(&ua_MemoryError, "");
    ua_free(blocks[0], UA_ARENA_SIZE / 16);
    void *again = ua_alloc(1000); /* carved out of the freed large block */
    CHECK(again != NULL);
    ua_free(again, 1000);
    for (int i = 1; i < n; i++) ua_free(blocks[i], UA_ARENA_SIZE / 16);
    void *again2 = ua_alloc(UA_ARENA_SIZE / 16);
    CHECK(again2 != NULL);
    ua_free(again2, UA_ARENA_SIZE / 16);
    CHECK(ua_raised == NULL);
    CHECK(ua_arena_peak() >= (size_t)n * (UA_ARENA_SIZE / 16));
}

static void test_list(void) {
    ua_list *l = ua_list_new(sizeof(ua_int), 0);
    CHECK(l != NULL);
    for (ua_int i = 0; i < 100; i++) CHECK(ua_list_append(l, &i));
    CHECK(l->len == 100 && l->cap >= 100);
    CHECK(UA_LIST_AT(ua_int, l, 99) == 99);
    uint32_t ix;
    CHECK(ua_list_index(l, -1, &ix) && ix == 99);
    CHECK(ua_list_index(l, -100, &ix) && ix == 0);
    CHECK(!ua_list_index(l, 100, &ix));
    expect_exc(&ua_IndexError, "list index out of range");
    CHECK(!ua_list_index(l, -101, &ix));
    expect_exc(&ua_IndexError, "list index out of range");
    ua_int v;
    CHECK(ua_list_pop(l, -1, &v) && v == 99 && l->len == 99);
    CHECK(ua_list_pop(l, 0, &v) && v == 0 && UA_LIST_AT(ua_int, l, 0) == 1);
    CHECK(!ua_list_pop(l, 200, &v));
    expect_exc(&ua_IndexError, "pop index out of range");
    while (l->len) CHECK(ua_list_pop(l, -1, &v));
    CHECK(!ua_list_pop(l, -1, &v));
    expect_exc(&ua_IndexError, "pop from empty list");
}

static void test_str(void) {
    CHECK_STR(ua_str_concat("ab", "cd"), "abcd");
    CHECK_STR(ua_str_repeat("ab", 3), "ababab");
    CHECK_STR(ua_str_repeat("ab", -1), "");
    CHECK_STR(ua_str_from_bytes("hello", 3), "hel");
    CHECK(ua_str_len("h\xc3\xa9llo") == 5);
    CHECK(ua_str_eq("a", "a") && !ua_str_eq("a", "b"));
    CHECK(ua_str_cmp("a", "b") < 0 && ua_str_cmp("b", "a") > 0 && ua_str_cmp("a", "a") == 0);
    size_t before = ua_arena_used();
    CHECK_STR(ua_str_getitem("abc", 1), "b");
    CHECK_STR(ua_str_getitem("abc", -1), "c");
    CHECK(ua_arena_used() == before); /* single bytes come from a table */
    CHECK_STR(ua_str_getitem("h\xc3\xa9llo", 1), "\xc3\xa9");
    CHECK_STR(ua_str_getitem("h\xc3\xa9llo", 2), "l");
    CHECK(ua_str_getitem("abc", 3) == NULL);
    expect_exc(&ua_IndexError, "string index out of range");
    CHECK(ua_str_contains("hello", "ell") && !ua_str_contains("hello", "xyz"));
    CHECK(ua_str_contains("hello", ""));
}

int main(void) {
    test_arena();
    test_list();
    test_str();
    return TEST_END();
}
