/* MicroPython ticks with a 2**30 period, and the scheduler's 2**32 ticks. */
#include "test.h"

int main(void) {
    const ua_int M = (ua_int)UA_TICKS_MAX, H = (ua_int)(UA_TICKS_PERIOD / 2u);
    test_now_ms = UA_TICKS_PERIOD - 50u; /* 2**30 - 50 */
    ua_int t0 = ua_time_ticks_ms();
    CHECK(t0 == (ua_int)(UA_TICKS_PERIOD - 50u));
    test_now_ms += 100u;
    ua_int t1 = ua_time_ticks_ms();
    CHECK(t1 == 50);                      /* wrapped */
    CHECK(ua_time_ticks_diff(t1, t0) == 100);
    CHECK(ua_time_ticks_diff(t0, t1) == -100);
    CHECK(ua_time_ticks_add(t0, 100) == 50);
    CHECK(ua_time_ticks_add(50, -100) == t0);
    CHECK(ua_time_ticks_add(M, 1) == 0);
    CHECK(ua_time_ticks_diff(0, M) == 1);
    CHECK(ua_time_ticks_diff(H - 1, 0) == H - 1);
    CHECK(ua_time_ticks_diff(H, 0) == -H);   /* range is [-2**29, 2**29) */
    CHECK(ua_time_ticks_diff(5, 5) == 0);
    /* the port's 32-bit counter near 2**32 still yields values in range */
    test_now_ms = 0xFFFFFFF0u;
    CHECK(ua_time_ticks_ms() == (ua_int)(0xFFFFFFF0u & UA_TICKS_MAX));
    CHECK(ua_time_ticks_us() >= 0 && ua_time_ticks_us() <= M);
    CHECK(ua_time_ticks_cpu() == (ua_int)((0xFFFFFFF0u * 1000000u) & UA_TICKS_MAX));
    /* the scheduler's signed distance across 2**32 */
    CHECK(ua_ticks_diff32(5u, 0xFFFFFFFBu) == 10);
    CHECK(ua_ticks_diff32(0xFFFFFFFBu, 5u) == -10);
    return TEST_END();
}
