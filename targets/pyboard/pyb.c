/* The compiled `pyb` HAL for the Pyboard v1.1; see pyb.h for the API and
 * the naming convention. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pyb.h"
#include "stm32f405.h"
#include "ua_port.h"
#include "ua_pyboard.h"

#define PYB_TICKS_MASK 0x3FFFFFFFu

/* ---------------- Pin ---------------- */

static bool pin_valid(int32_t id) {
    return id >= 0 && id < 9 * 16;
}

static void pin_clock(uint32_t port) {
    RCC_AHB1ENR |= 1u << port;
    (void)RCC_AHB1ENR;
}

/* Clock on, output type, pull (0 none, 1 up, 2 down) and mode (0 input,
 * 1 output) of a valid pin. */
static void pin_setup(uint32_t port, uint32_t pin, bool open_drain, uint32_t pupd,
                      uint32_t moder) {
    pin_clock(port);
    uint32_t bit = 1u << pin, field = bit * bit; /* 1 << 2 * pin, in fewer bytes */
    if (open_drain) {
        GPIO_OTYPER(port) |= bit;
    } else {
        GPIO_OTYPER(port) &= ~bit;
    }
    GPIO_PUPDR(port) = (GPIO_PUPDR(port) & ~(3u * field)) | (pupd * field);
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u * field)) | (moder * field);
}

void pyb_Pin_init(int32_t id, int32_t mode, int32_t pull) {
    if (!pin_valid(id)) return;
    uint32_t pupd = (pull == pyb_Pin_PULL_UP) ? 1u : (pull == pyb_Pin_PULL_DOWN) ? 2u : 0u;
    pin_setup((uint32_t)id >> 4, (uint32_t)id & 15u, mode == pyb_Pin_OUT_OD, pupd,
              (mode == pyb_Pin_IN) ? 0u : 1u);
}

int32_t pyb_Pin_value(int32_t id) {
    if (!pin_valid(id)) return 0;
    uint32_t port = (uint32_t)id >> 4, pin = (uint32_t)id & 15u;
    return (int32_t)((GPIO_IDR(port) >> pin) & 1u);
}

void pyb_Pin_value__1(int32_t id, int32_t value) {
    if (!pin_valid(id)) return;
    uint32_t port = (uint32_t)id >> 4, pin = (uint32_t)id & 15u;
    GPIO_BSRR(port) = value ? (1u << pin) : (1u << (pin + 16u));
}

void pyb_Pin_high(int32_t id) { pyb_Pin_value__1(id, 1); }
void pyb_Pin_low(int32_t id) { pyb_Pin_value__1(id, 0); }
void pyb_Pin_on(int32_t id) { pyb_Pin_value__1(id, 1); }
void pyb_Pin_off(int32_t id) { pyb_Pin_value__1(id, 0); }

/* ---------------- LED ---------------- */

static bool led_ready[4];
static uint8_t led_level[4]; /* 0..255; the GPIO is the source of truth for on/off */

#if defined(UA_TRACE_LEDS) && UA_TRACE_LEDS
static void led_trace(int32_t id, bool on) {
    char msg[12] = "LED 0 off\n";
    msg[4] = (char)('0' + id);
    if (on) {
        msg[7] = 'n';
        msg[8] = '\n';
        ua_pyboard_write_stdout(msg, 9);
    } else {
        ua_pyboard_write_stdout(msg, 10);
    }
}
#endif

static void led_set(int32_t id, bool on, uint8_t level) {
    if (id < 1 || id > 4) return;
    uint32_t i = (uint32_t)id - 1u;
    /* PA13 PA14 PA15 PB4 */
    uint32_t port = (i + 1u) >> 2, pin = port != 0u ? 4u : 13u + i;
    if (!led_ready[i]) {
        /* Lazily: PA13/PA14 are the SWD pins; they stay SWD until used.
         * Push-pull output, no pull. */
        led_ready[i] = true;
        pin_setup(port, pin, false, 0u, 1u);
    }
    led_level[i] = level;
    GPIO_BSRR(port) = (on ? 1u : 0x10000u) << pin; /* set or reset */
#if defined(UA_TRACE_LEDS) && UA_TRACE_LEDS
    led_trace(id, on);
#endif
}

void pyb_LED_on(int32_t id) { led_set(id, true, 255); }
void pyb_LED_off(int32_t id) { led_set(id, false, 0); }

void pyb_LED_toggle(int32_t id) {
    if (id < 1 || id > 4) return;
    bool on = led_level[id - 1] != 0;
    led_set(id, !on, on ? 0 : 255);
}

void pyb_LED_intensity__1(int32_t id, int32_t value) {
    if (id < 1 || id > 4) return;
    if (value < 0) value = 0;
    if (value > 255) value = 255;
    /* LEDs 3 and 4: no PWM yet, on/off threshold at 128. */
    bool on = (id <= 2) ? value > 0 : value >= 128;
    led_set(id, on, (uint8_t)value);
}

int32_t pyb_LED_intensity(int32_t id) {
    if (id < 1 || id > 4) return 0;
    return led_level[id - 1];
}

/* ---------------- Switch ---------------- */

static void (*volatile switch_cb)(void);
static bool switch_ready;

static void switch_init(void) {
    if (switch_ready) return;
    switch_ready = true;
    pyb_Pin_init(pyb_Pin_board_SW, pyb_Pin_IN, pyb_Pin_PULL_UP);
}

bool pyb_Switch_value(void) {
    switch_init();
    bool pressed;
    if (ua_pyboard_switch_simulated(&pressed)) return pressed; /* QEMU tests */
    return pyb_Pin_value(pyb_Pin_board_SW) == 0; /* pressed = low */
}

void pyb_Switch_callback(void (*fun)(void)) {
    switch_init();
    NVIC_ICER(0) = 1u << IRQ_EXTI3;
    EXTI_IMR &= ~(1u << 3);
    switch_cb = fun;
    if (fun == NULL) return;
    UA_PYBOARD_LINK_IRQ_VECTORS(); /* EXTI3's vector */
    RCC_APB2ENR |= 1u << 14; /* SYSCFGEN */
    (void)RCC_APB2ENR;
    SYSCFG_EXTICR(0) = (SYSCFG_EXTICR(0) & ~(0xFu << 12)) | (1u << 12); /* EXTI3 <- PB3 */
    EXTI_RTSR &= ~(1u << 3);
    EXTI_FTSR |= 1u << 3;
    EXTI_PR = 1u << 3;
    EXTI_IMR |= 1u << 3;
    NVIC_ICPR(0) = 1u << IRQ_EXTI3;
    NVIC_ISER(0) = 1u << IRQ_EXTI3;
}

void EXTI3_IRQHandler(void) {
    EXTI_PR = 1u << 3;
    void (*cb)(void) = switch_cb;
    if (cb != NULL) cb();
}

/* ---------------- UART ---------------- */

struct uart_desc {
    int8_t id;
    uint8_t apb2;   /* on APB2 (else APB1) */
    uint8_t enbit;  /* bit in RCC_APBxENR */
    uint8_t af;
    uint8_t tx, rx; /* pin ids */
    uint32_t base;
};

static const struct uart_desc uarts[] = {
    {1, 1, 4, 7, 22, 23, USART1_BASE},  /* PB6/PB7 */
    {2, 0, 17, 7, 2, 3, USART2_BASE},   /* PA2/PA3 */
    {3, 0, 18, 7, 26, 27, USART3_BASE}, /* PB10/PB11 */
    {4, 0, 19, 8, 0, 1, UART4_BASE},    /* PA0/PA1 */
    {6, 1, 5, 8, 38, 39, USART6_BASE},  /* PC6/PC7 */
};

static const struct uart_desc *uart_find(int32_t id) {
    for (size_t i = 0; i < sizeof uarts / sizeof uarts[0]; i++) {
        if (uarts[i].id == id) return &uarts[i];
    }
    return NULL;
}

static void uart_pin_af(uint32_t id, uint32_t af) {
    uint32_t port = id >> 4, pin = id & 15u;
    pin_clock(port);
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << (2u * pin))) | (2u << (2u * pin));
    volatile uint32_t *afr = pin < 8u ? &GPIO_AFRL(port) : &GPIO_AFRH(port);
    uint32_t s = 4u * (pin & 7u);
    *afr = (*afr & ~(0xFu << s)) | (af << s);
}

void pyb_UART_init(int32_t id, int32_t baudrate) {
    const struct uart_desc *u = uart_find(id);
    if (u == NULL || baudrate <= 0) return;
    if (u->apb2) {
        RCC_APB2ENR |= 1u << u->enbit;
        (void)RCC_APB2ENR;
    } else {
        RCC_APB1ENR |= 1u << u->enbit;
        (void)RCC_APB1ENR;
    }
    uart_pin_af(u->tx, u->af);
    uart_pin_af(u->rx, u->af);
    uint32_t pclk = u->apb2 ? ua_pyboard_pclk2_hz() : ua_pyboard_pclk1_hz();
    USART_CR1(u->base) = 0;
    USART_BRR(u->base) = (pclk + (uint32_t)baudrate / 2u) / (uint32_t)baudrate;
    USART_CR1(u->base) = (1u << 13) | (1u << 3) | (1u << 2);
}

int32_t pyb_UART_write(int32_t id, const char *buf, int32_t len) {
    if (len <= 0) return 0;
    if (id == 1) {
        ua_pyboard_write_stdout(buf, (size_t)len); /* the console, in order with print() */
        return len;
    }
    const struct uart_desc *u = uart_find(id);
    if (u == NULL) return 0;
    ua_pyboard_usart_write(u->base, buf, (uint32_t)len);
    return len;
}

/* ---------------- time ---------------- */

void pyb_delay(int32_t ms) {
    if (ms <= 0) return;
    uint32_t deadline = ua_port_ticks_ms() + (uint32_t)ms;
    while ((int32_t)(deadline - ua_port_ticks_ms()) > 0) {
        ua_port_idle(true, deadline);
    }
}

void pyb_udelay(int32_t us) {
    /* In virtual time the clock moves only when idle: nothing to wait for. */
    if (us <= 0 || ua_pyboard_virtual_time) return;
    /* Bounded also if TIM5 is not running: a loop iteration is more than
     * 1/256 us both on the board and under QEMU (-icount shift=0). */
    uint64_t budget = (uint64_t)(uint32_t)us * 256u + 1000u;
    uint32_t start = ua_port_ticks_us();
    while (ua_port_ticks_us() - start < (uint32_t)us && budget-- != 0u) {
    }
}

int32_t pyb_millis(void) { return (int32_t)(ua_port_ticks_ms() & PYB_TICKS_MASK); }
int32_t pyb_micros(void) { return (int32_t)(ua_port_ticks_us() & PYB_TICKS_MASK); }

int32_t pyb_elapsed_millis(int32_t start) {
    return (int32_t)(((uint32_t)pyb_millis() - (uint32_t)start) & PYB_TICKS_MASK);
}

int32_t pyb_elapsed_micros(int32_t start) {
    return (int32_t)(((uint32_t)pyb_micros() - (uint32_t)start) & PYB_TICKS_MASK);
}

int32_t pyb_freq(void) { return (int32_t)ua_pyboard_sysclk_hz; }
