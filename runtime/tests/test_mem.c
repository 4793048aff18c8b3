/* The arena, lists and strings. */
#include "test.h"

static void expect_exc(const ua_exc_type *t, const char *msg) {
    CHECK(ua_raised && ua_raised->type == t && strcmp(ua_raised->message, msg) == 0);
    (void)ua_exc_take();
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

/* ---- the collector (arena.c) ---- */

typedef struct node {
    struct node *next;
    ua_str name;
} node;

static node *kept_by_global;

/* Garbage made in a frame of its own: n nodes with a string each that
 * nothing points to. */
static __attribute__((noinline)) void make_garbage(int n) {
    for (int i = 0; i < n; i++) {
        node *x = ua_alloc_obj(sizeof *x);
        CHECK(x != NULL);
        x->name = ua_str_concat("garbage", "!");
    }
}

/* Stale words below the stack pointer (old frames) would keep what they
 * point to (the scan is conservative): clear them before a collection
 * whose result is checked exactly. */
static __attribute__((noinline)) void scrub_stack(void) {
    volatile char pad[4096];
    for (size_t i = 0; i < sizeof pad; i++) pad[i] = 0;
}

static __attribute__((noinline)) void drop_global_chain(void) {
    kept_by_global = NULL;
}

static __attribute__((noinline)) node *make_chain(int n) {
    node *head = NULL;
    for (int i = 0; i < n; i++) {
        node *x = ua_alloc_obj(sizeof *x);
        x->next = head;
        x->name = ua_str_of_int(i);
        head = x;
    }
    return head;
}

static int chain_length(const node *n) {
    int k = 0;
    for (; n; n = n->next) k++;
    return k;
}

static void test_collect(void) {
    ua_arena_collect();
    size_t base = ua_arena_used();
    /* unreachable objects are reclaimed (a stale word on the stack may keep
     * one chain: the scan is conservative) */
    make_garbage(100);
    CHECK(ua_arena_used() >= base + 100u * 32u);
    scrub_stack();
    ua_arena_collect();
    CHECK(ua_arena_used() <= base + 64u);
    /* reachable from static data, through a chain longer than the mark
     * stack: all kept, strings included */
    kept_by_global = make_chain(1000);
    ua_arena_collect();
    CHECK(chain_length(kept_by_global) == 1000);
    CHECK_STR(kept_by_global->name, "999");
    CHECK_STR(kept_by_global->next->next->name, "997");
    size_t with_chain = ua_arena_used();
    drop_global_chain();
    scrub_stack();
    ua_arena_collect();
    CHECK(ua_arena_used() < with_chain - 1000u * 16u);
    /* a plain ua_alloc block is a root until it is freed */
    node **holder = ua_alloc(sizeof *holder);
    *holder = make_chain(10);
    make_garbage(50);
    ua_arena_collect();
    CHECK(chain_length(*holder) == 10);
    CHECK_STR((*holder)->name, "9");
    /* a pointer on the stack, even into the middle of an object, keeps it */
    ua_str s = ua_str_concat("held by ", "the stack");
    const char *volatile middle = s + 5;
    s = NULL;
    ua_list *volatile list = ua_list_new(sizeof(ua_str), 0);
    for (int i = 0; i < 40; i++) {
        ua_str item = ua_str_of_int(i * 11);
        CHECK(ua_list_append(list, &item));
    }
    make_garbage(50);
    ua_arena_collect();
    CHECK_STR(middle - 5, "held by the stack");
    CHECK_STR(UA_LIST_AT(ua_str, list, 39), "429");
    CHECK(list->len == 40);
    ua_free(holder, sizeof *holder);
    /* a string's bytes are not scanned: text that spells an arena address
     * keeps nothing */
    node *victim = ua_alloc_obj(sizeof *victim);
    uintptr_t addr = (uintptr_t)victim;
    char *text = ua_alloc_str(sizeof addr + 1u);
    memcpy(text, &addr, sizeof addr);
    kept_by_global = (node *)(void *)text;
    victim = NULL;
    addr = 0;
    size_t before = ua_arena_used();
    scrub_stack();
    ua_arena_collect();
    CHECK(ua_arena_used() <= before - 16u);
    kept_by_global = NULL;
    /* far more than the arena is allocated in garbage: never MemoryError */
    for (int round = 0; round < 64; round++) make_garbage((int)(UA_ARENA_SIZE / 64u / 32u));
    CHECK(ua_raised == NULL);
    CHECK(ua_arena_collect_count() > 1u);
    list = NULL;
    middle = NULL;
    /* collections merge adjacent free blocks: one large block fits again */
    ua_arena_collect();
    void *big = ua_alloc(UA_ARENA_SIZE / 2u);
    CHECK(big != NULL);
    ua_free(big, UA_ARENA_SIZE / 2u);
    CHECK(ua_raised == NULL);
}

int main(void) {
    test_arena();
    test_list();
    test_str();
    test_collect();
    return TEST_END();
}
