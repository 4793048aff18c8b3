/* Virtual time (argv "--virtual-time"): the clock starts at 0 and moves
 * only in ua_port_idle, straight to the deadline; ticks_us is ms * 1000;
 * work takes no time; a pending interrupt ends idle without a jump; idle
 * with no deadline and no interrupt enabled is a deadlock (status 3). */
#include <stdbool.h>

#include "common.h"
#include "pyb.h"
#include "stm32f405.h"
#include "ua_pyboard.h"

static volatile uint32_t presses;

static void on_press(void) { presses++; }

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_kv("virtual", ua_pyboard_virtual_time);
    t_kv("t0", ua_port_ticks_ms());
    for (volatile uint32_t i = 0; i < 100000u; i++) {
    }
    t_kv("after_work", ua_port_ticks_ms());
    ua_port_idle(true, 1000u);
    t_kv("idle_ms", ua_port_ticks_ms());
    t_kv("idle_us", ua_port_ticks_us());
    ua_port_idle(true, 5u); /* in the past */
    t_kv("past", ua_port_ticks_ms());
    pyb_delay(250);
    pyb_udelay(1000);
    t_kv("delay", ua_port_ticks_ms());
    ua_pyboard_set_ticks_ms(0xFFFFFFF0u);
    ua_port_idle(true, 0x10u);
    t_kv("wrapped", ua_port_ticks_ms());

    pyb_Switch_callback(on_press);
    uint32_t saved = ua_port_irq_save();
    NVIC_ISPR(0) = 1u << IRQ_EXTI3;
    ua_port_idle(true, 0x1000u); /* returns at once: an interrupt is pending */
    ua_port_irq_restore(saved);
    t_kv("presses", presses);
    t_kv("not_jumped", ua_port_ticks_ms());
    pyb_Switch_callback(0);
    t_puts("deadlock next\n");
    ua_port_idle(false, 0);
    t_puts("not reached\n");
    return 0;
}
