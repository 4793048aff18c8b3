/* pyb HAL under QEMU: the switch reads pressed (GPIO IDR reads 0), the
 * EXTI3 callback runs when the interrupt is made pending through the NVIC,
 * and ua_port_idle returns early on a peripheral interrupt. LED changes
 * are traced (built with UA_TRACE_LEDS=1). */
#include <stdbool.h>

#include "common.h"
#include "pyb.h"
#include "stm32f405.h"
#include "ua_pyboard.h"

static volatile uint32_t presses;

static void on_press(void) {
    presses++;
    pyb_LED_toggle(2);
}

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_kv("switch", pyb_Switch_value());
    pyb_LED_on(1);
    pyb_LED_off(1);
    pyb_LED_intensity__1(3, 200);
    pyb_LED_intensity__1(4, 100);
    t_kv("intensity3", (uint32_t)pyb_LED_intensity(3));
    pyb_Switch_callback(on_press);

    NVIC_ISPR(0) = 1u << IRQ_EXTI3; /* as if the button were pressed */
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    t_kv("presses", presses);

    /* Pending when idle starts (set with interrupts masked, as when an
     * interrupt arrives between the scheduler's last check and the WFI):
     * idle must return at once instead of sleeping to the deadline. */
    uint32_t t0 = ua_port_ticks_ms();
    uint32_t saved = ua_port_irq_save();
    NVIC_ISPR(0) = 1u << IRQ_EXTI3;
    ua_port_idle(true, t0 + 1000u);
    ua_port_irq_restore(saved);
    t_kv("presses", presses);
    t_kv("early", (ua_port_ticks_ms() - t0) < 10u);

    pyb_Switch_callback(0);
    NVIC_ISPR(0) = 1u << IRQ_EXTI3; /* disabled: stays pending, no call */
    pyb_delay(5);
    t_kv("presses", presses);
    t_kv("freq_mhz", (uint32_t)pyb_freq() / 1000000u);
    pyb_UART_init(2, 9600);
    t_kv("uart1_write", (uint32_t)pyb_UART_write(1, "via UART(1)\n", 12));
    return 0;
}
