/* set: CPython's iteration order for ints, membership, the operators. */
#include "test.h"

static ua_dkey I(ua_int v) { return (ua_dkey){.i = v}; }

/* The set's items in iteration order equal want[0..n). */
static bool order_is(const ua_set *s, const ua_int *want, uint32_t n) {
    ua_list *l = ua_set_items(s);
    bool ok = l && l->len == n && s->used == n;
    for (uint32_t i = 0; ok && i < n; i++) ok = UA_LIST_AT(ua_int, l, i) == want[i];
    return ok;
}

#define ORDER(s, ...) order_is((s), (const ua_int[]){__VA_ARGS__}, sizeof((ua_int[]){__VA_ARGS__}) / sizeof(ua_int))

static ua_set *of(const ua_int *v, uint32_t n) {
    ua_dkey keys[16];
    for (uint32_t i = 0; i < n; i++) keys[i] = I(v[i]);
    return ua_set_of_constants(false, keys, n);
}

#define OF(...) of((const ua_int[]){__VA_ARGS__}, sizeof((ua_int[]){__VA_ARGS__}) / sizeof(ua_int))

int main(void) {
    /* the orders below are CPython 3.11's */
    ua_set *s = ua_set_new(false);
    const ua_int adds[] = {6, 5, 2, 0, 1};
    for (int i = 0; i < 5; i++) CHECK(ua_set_add(s, I(adds[i])));
    ua_set_discard(s, I(1));
    ua_set_discard(s, I(2));
    ua_set_add(s, I(1));   /* into the last dummy seen: slot 2 */
    ua_set_add(s, I(3));
    ua_set_add(s, I(2));
    CHECK(ORDER(s, 0, 1, 3, 2, 5, 6));
    CHECK(ua_set_contains(s, I(3)) && !ua_set_contains(s, I(4)));
    CHECK(ORDER(OF(64, 47, 43, 15, 23), 64, 23, 43, 15, 47));
    CHECK(ORDER(OF(8, 1), 8, 1));
    CHECK(ORDER(OF(-1, -2, 7, 15), 15, -2, -1, 7));
    ua_set *a = OF(1, 2, 3, 40, 50), *b = OF(3, 40, 99);
    CHECK(ORDER(ua_set_union(a, b), 1, 2, 3, 50, 99, 40));
    CHECK(ORDER(ua_set_intersection(a, b), 40, 3));
    CHECK(ORDER(ua_set_difference(a, b), 1, 2, 50));
    CHECK(ORDER(ua_set_difference(b, a), 99));
    ua_set *r = ua_set_new(false);
    for (ua_int v = 100; v > 0; v -= 7) ua_set_add(r, I(v));
    CHECK(ORDER(r, 65, 2, 100, 37, 72, 9, 44, 79, 16, 51, 86, 23, 58, 93, 30));
    CHECK(ua_set_eq(a, OF(50, 40, 3, 2, 1)) && !ua_set_eq(a, b));
    CHECK(!ua_set_remove(b, I(7)));
    CHECK(ua_raised && ua_raised->type == &ua_KeyError && strcmp(ua_raised->message, "7") == 0);
    (void)ua_exc_take();
    /* in place: s -= o, s &= o (results as CPython's) */
    ua_set *d = OF(1, 2, 3, 40, 50, 8, 16);
    CHECK(ua_set_difference_update(d, OF(2, 40)) && ORDER(d, 16, 1, 3, 50, 8));
    CHECK(ua_set_intersection_update(d, OF(1, 3, 16, 99)) && ORDER(d, 16, 1, 3));
    CHECK(ua_set_difference_update(d, d) && d->used == 0);
    CHECK(ORDER(ua_set_symmetric_difference(a, OF(3, 40, 99, 7)), 1, 2, 99, 7, 50));
    ua_set *p = OF(5, 13, 21);
    ua_dkey k;
    CHECK(ua_set_pop(p, &k) && k.i == 21 && ua_set_add(p, I(64)) && ua_set_pop(p, &k) && k.i == 5);
    ua_set_clear(r);
    CHECK(r->used == 0 && r->mask == 7);
    /* strs: membership only */
    ua_set *t = ua_set_new(true);
    CHECK(ua_set_add(t, (ua_dkey){.s = "red"}) && ua_set_add(t, (ua_dkey){.s = "green"}));
    CHECK(ua_set_contains(t, (ua_dkey){.s = "red"}) && !ua_set_contains(t, (ua_dkey){.s = "blue"}));
    CHECK(!ua_set_remove(t, (ua_dkey){.s = "blue"}));
    CHECK(ua_raised && strcmp(ua_raised->message, "'blue'") == 0);
    (void)ua_exc_take();
    /* many adds and discards keep working across resizes */
    ua_set *big = ua_set_new(false);
    for (ua_int v = 0; v < 1000; v++) CHECK(ua_set_add(big, I(v * 37 - 5000)));
    for (ua_int v = 0; v < 1000; v += 2) CHECK(ua_set_discard(big, I(v * 37 - 5000)));
    CHECK(big->used == 500 && ua_set_contains(big, I(37 - 5000)) && !ua_set_contains(big, I(-5000)));
    return TEST_END();
}
