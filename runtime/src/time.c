/* MicroPython's time.ticks_* with a 2**30 period. */
#include "ua.h"

ua_int ua_time_ticks_ms(void) { return (ua_int)(ua_port_ticks_ms() & UA_TICKS_MAX); }
ua_int ua_time_ticks_us(void) { return (ua_int)(ua_port_ticks_us() & UA_TICKS_MAX); }
ua_int ua_time_ticks_cpu(void) { return (ua_int)(ua_port_ticks_cpu() & UA_TICKS_MAX); }

ua_int ua_time_ticks_diff(ua_int a, ua_int b) {
    uint32_t half = UA_TICKS_PERIOD / 2u;
    return (ua_int)(((uint32_t)a - (uint32_t)b + half) & UA_TICKS_MAX) - (ua_int)half;
}

ua_int ua_time_ticks_add(ua_int t, ua_int delta) {
    return (ua_int)(((uint32_t)t + (uint32_t)delta) & UA_TICKS_MAX);
}
