/* Time base: ticks_ms across ua_port_idle with a deadline 1000 ms ahead,
 * the microsecond and cpu counters over the same span, two cpu reads in a
 * row, wake-up counts (each WFI
 * wakes >= 1 ms later, so a sleeping idle has few of them), ms wrap-around
 * at 2**32, pyb_delay, a long idle, and a float computation (FPU on). */
#include <stdbool.h>

#include "common.h"
#include "pyb.h"
#include "ua_pyboard.h"

static volatile float f_a = 1.5f, f_b = 2.25f;

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_kv("timclk_mhz", ua_pyboard_timclk_hz / 1000000u);
    t_kv("sysclk_mhz", ua_pyboard_sysclk_hz / 1000000u);
    t_kv("emulated", ua_pyboard_emulated);

    uint32_t t0 = ua_port_ticks_ms();
    uint32_t u0 = ua_port_ticks_us();
    uint32_t c0 = ua_port_ticks_cpu();
    uint32_t w0 = ua_pyboard_idle_wakeups;
    ua_port_idle(true, t0 + 1000u);
    uint32_t t1 = ua_port_ticks_ms();
    uint32_t u1 = ua_port_ticks_us();
    uint32_t c1 = ua_port_ticks_cpu();
    t_kv("idle_ms", t1 - t0);
    t_kv("idle_us_div1000", (u1 - u0 + 500u) / 1000u);
    t_kv("cpu_per_us", (c1 - c0 + (u1 - u0) / 2u) / (u1 - u0));
    c0 = ua_port_ticks_cpu();
    c1 = ua_port_ticks_cpu();
    t_kv("cpu_back_to_back", c1 - c0);
    t_kv("idle_wakeups", ua_pyboard_idle_wakeups - w0);

    /* Deadline in the past: returns at once. */
    w0 = ua_pyboard_idle_wakeups;
    ua_port_idle(true, ua_port_ticks_ms() - 5u);
    t_kv("past_wakeups", ua_pyboard_idle_wakeups - w0);

    /* Wrap-around of the 32-bit millisecond counter. */
    ua_pyboard_set_ticks_ms(0xFFFFFF00u);
    t0 = ua_port_ticks_ms();
    ua_port_idle(true, t0 + 1000u);
    t1 = ua_port_ticks_ms();
    t_kv("wrap_ms", t1 - t0);
    t_kv("wrapped", t1 < 0x1000u);

    int32_t m0 = pyb_millis();
    pyb_delay(250);
    t_kv("delay_ms", (uint32_t)pyb_elapsed_millis(m0));

    /* 30 s of virtual time: only feasible quickly if WFI sleeps. */
    t0 = ua_port_ticks_ms();
    w0 = ua_pyboard_idle_wakeups;
    while ((int32_t)(ua_port_ticks_ms() - (t0 + 30000u)) < 0) ua_port_idle(true, t0 + 30000u);
    t_kv("long_ms", ua_port_ticks_ms() - t0);
    t_kv("long_wakeups", ua_pyboard_idle_wakeups - w0);

    float p = f_a * f_b;
    t_kv("float_x100", (uint32_t)(p * 100.0f + 0.5f));
    return 0;
}
