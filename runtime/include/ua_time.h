/* Wrap-around time. The scheduler uses 32-bit millisecond ticks; the
 * Python-visible time.ticks_ms()/ticks_us()/ticks_cpu() wrap at 2**30 as in
 * MicroPython. */
#ifndef UA_TIME_H
#define UA_TIME_H

#include "ua_types.h"

#define UA_TICKS_PERIOD (1u << 30)
#define UA_TICKS_MAX (UA_TICKS_PERIOD - 1u)

/* Signed distance from `earlier` to `later` on the 32-bit scheduler clock. */
static inline int32_t ua_ticks_diff32(uint32_t later, uint32_t earlier) {
    return (int32_t)(later - earlier);
}

/* Python's time.ticks_ms() etc. (values in [0, 2**30)). */
ua_int ua_time_ticks_ms(void);
ua_int ua_time_ticks_us(void);
ua_int ua_time_ticks_cpu(void);
/* time.ticks_diff(a, b) and time.ticks_add(t, delta) with MicroPython's
 * 2**30 period: ticks_diff is in [-2**29, 2**29). */
ua_int ua_time_ticks_diff(ua_int a, ua_int b);
ua_int ua_time_ticks_add(ua_int t, ua_int delta);

#endif
