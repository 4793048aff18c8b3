/* The pyb module on the host: the board's state kept in memory, so that
 * Pyboard programs run (and are tested) on a PC. With UASYNCC_TRACE_LEDS=1
 * every LED change prints "LED n on" / "LED n off" / "LED n intensity v",
 * as the CPython shim does. The switch is never pressed. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "pyb.h"
#include "ua.h"

static int32_t led_intensity[5];
static int32_t pin_level[16 * 8];
static void (*switch_callback)(void);

static bool trace_leds(void) {
    static int enabled = -1;
    if (enabled < 0) {
        const char *v = getenv("UASYNCC_TRACE_LEDS");
        enabled = v != NULL && strcmp(v, "1") == 0;
    }
    return enabled;
}

static void led_set(int32_t id, int32_t value, const char *what) {
    if (id < 1 || id > 4) return;
    led_intensity[id] = value;
    if (trace_leds()) {
        ua_out_cstr(&ua_stdout, "LED ");
        ua_out_int(&ua_stdout, id);
        ua_out_cstr(&ua_stdout, " ");
        ua_out_cstr(&ua_stdout, what);
        if (strcmp(what, "intensity") == 0) {
            ua_out_cstr(&ua_stdout, " ");
            ua_out_int(&ua_stdout, value);
        }
        ua_out_cstr(&ua_stdout, "\n");
    }
}

void pyb_LED_on(int32_t id) { led_set(id, 255, "on"); }
void pyb_LED_off(int32_t id) { led_set(id, 0, "off"); }

void pyb_LED_toggle(int32_t id) {
    if (id < 1 || id > 4) return;
    if (led_intensity[id]) pyb_LED_off(id); else pyb_LED_on(id);
}

void pyb_LED_intensity__1(int32_t id, int32_t value) {
    led_set(id, value < 0 ? 0 : value > 255 ? 255 : value, "intensity");
}

int32_t pyb_LED_intensity(int32_t id) {
    return id >= 1 && id <= 4 ? led_intensity[id] : 0;
}

bool ua_host_switch_pressed(void);   /* port_host.c: the simulated presses */

/* The switch's interrupt on the host: SIGUSR1 (raised by the host port at
 * the times UASYNCC_SWITCH_PRESS_MS gives). The callback runs in signal
 * context, as it runs in interrupt context on the board. */
static void switch_irq(int sig) {
    (void)sig;
    if (switch_callback) switch_callback();
}

bool pyb_Switch_value(void) { return ua_host_switch_pressed(); }

void pyb_Switch_callback(void (*fun)(void)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = switch_irq;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    switch_callback = fun;
}

static bool pin_ok(int32_t id) { return id >= 0 && id < (int32_t)(sizeof pin_level / sizeof pin_level[0]); }

void pyb_Pin_init(int32_t id, int32_t mode, int32_t pull) {
    if (pin_ok(id)) pin_level[id] = (pull == pyb_Pin_PULL_UP && mode == pyb_Pin_IN);
}
int32_t pyb_Pin_value(int32_t id) { return pin_ok(id) ? pin_level[id] : 0; }
void pyb_Pin_value__1(int32_t id, int32_t value) { if (pin_ok(id)) pin_level[id] = value != 0; }
void pyb_Pin_high(int32_t id) { pyb_Pin_value__1(id, 1); }
void pyb_Pin_low(int32_t id) { pyb_Pin_value__1(id, 0); }
void pyb_Pin_on(int32_t id) { pyb_Pin_value__1(id, 1); }
void pyb_Pin_off(int32_t id) { pyb_Pin_value__1(id, 0); }

void pyb_UART_init(int32_t id, int32_t baudrate) { (void)id; (void)baudrate; }

int32_t pyb_UART_write(int32_t id, const char *buf, int32_t len) {
    if (id != 1 || len < 0) return 0;
    ua_out_bytes(&ua_stdout, buf, (size_t)len);
    return len;
}

void pyb_delay(int32_t ms) {
    if (ms <= 0) return;
    uint32_t deadline = ua_port_ticks_ms() + (uint32_t)ms;
    while (ua_ticks_diff32(deadline, ua_port_ticks_ms()) > 0) ua_port_idle(true, deadline);
}

void pyb_udelay(int32_t us) { pyb_delay(us / 1000); }
int32_t pyb_millis(void) { return ua_time_ticks_ms(); }
int32_t pyb_micros(void) { return ua_time_ticks_us(); }
int32_t pyb_elapsed_millis(int32_t start) { return ua_time_ticks_diff(pyb_millis(), start); }
int32_t pyb_elapsed_micros(int32_t start) { return ua_time_ticks_diff(pyb_micros(), start); }
int32_t pyb_freq(void) { return 168000000; }
