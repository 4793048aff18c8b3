/* ua_port.h for the Pyboard v1.1 (STM32F405RG). See README.md.
 *
 * Time: TIM5 (32-bit) free-runs as a microsecond counter; ticks_us is its
 * CNT, ticks_ms a carry-corrected millisecond count derived from it. The
 * TIM5 input clock is 84 MHz on the board (APB1 42 MHz x2) but 1 GHz under
 * QEMU, so when clock.c has detected the emulator the port measures it
 * against SysTick (which QEMU clocks at 168 MHz) and rounds to 1 MHz.
 * SysTick interrupts every 1 ms only to wake the core from WFI and keep
 * the millisecond count fresh; time is never counted in SysTick ticks.
 *
 * Console: USART1 at 115200 8N1 on PB6 (TX) / PB7 (RX), AF7. Bytes are
 * sent unchanged (no "\n" -> "\r\n"), so output compares exactly.
 *
 * Exit: with -DUA_SEMIHOSTING=1 (QEMU runs, or a board under a debugger)
 * semihosting SYS_EXIT_EXTENDED; without it a message, then WFI forever. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stm32f405.h"
#include "ua_port.h"
#include "ua_pyboard.h"

uint32_t ua_pyboard_timclk_hz = 84000000u;
uint32_t ua_pyboard_idle_wakeups = 0;

static bool console_ready;
static bool time_ready;
static uint32_t last_cnt;   /* TIM5 CNT at the last update */
static uint32_t ms_count;   /* wraps at 2**32 */
static uint32_t us_rem;     /* microseconds not yet counted in ms_count, < 1000 */

/* ---------------- interrupt masking ---------------- */

uint32_t ua_port_irq_save(void) {
    uint32_t primask;
    __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
    return primask;
}

void ua_port_irq_restore(uint32_t saved) {
    __asm__ volatile("msr primask, %0" ::"r"(saved) : "memory");
}

/* ---------------- console ---------------- */

static void gpio_af(uint32_t port, uint32_t pin, uint32_t af) {
    RCC_AHB1ENR |= 1u << port;
    (void)RCC_AHB1ENR;
    GPIO_MODER(port) = (GPIO_MODER(port) & ~(3u << (2u * pin))) | (2u << (2u * pin));
    GPIO_OSPEEDR(port) |= 2u << (2u * pin);
    GPIO_PUPDR(port) = (GPIO_PUPDR(port) & ~(3u << (2u * pin))) | (1u << (2u * pin));
    if (pin < 8u) {
        GPIO_AFRL(port) = (GPIO_AFRL(port) & ~(0xFu << (4u * pin))) | (af << (4u * pin));
    } else {
        uint32_t s = 4u * (pin - 8u);
        GPIO_AFRH(port) = (GPIO_AFRH(port) & ~(0xFu << s)) | (af << s);
    }
}

void ua_pyboard_console_init(void) {
    if (console_ready) return;
    console_ready = true;
    RCC_APB2ENR |= 1u << 4; /* USART1EN */
    (void)RCC_APB2ENR;
    gpio_af(1, 6, 7); /* PB6 TX */
    gpio_af(1, 7, 7); /* PB7 RX */
    USART_CR1(USART1_BASE) = 0;
    USART_CR2(USART1_BASE) = 0;
    USART_CR3(USART1_BASE) = 0;
    /* Oversampling by 16: BRR = pclk / baud with the fraction in 1/16. */
    USART_BRR(USART1_BASE) = (ua_pyboard_pclk2_hz + 115200u / 2u) / 115200u;
    USART_CR1(USART1_BASE) = (1u << 13) | (1u << 3) | (1u << 2); /* UE TE RE */
}

/* ~2 ms at 168 MHz; one byte at 115200 baud takes 87 us. On timeout the
 * byte is written anyway (never hang on a dead UART). */
#define TXE_WAIT 100000u

void ua_pyboard_usart_write(uint32_t base, const char *buf, uint32_t len) {
    for (uint32_t i = 0; i < len; i++) {
        for (uint32_t n = 0; n < TXE_WAIT && (USART_SR(base) & USART_SR_TXE) == 0u; n++) {
        }
        USART_DR(base) = (uint8_t)buf[i];
    }
}

static void console_flush(void) {
    for (uint32_t n = 0; n < TXE_WAIT && (USART_SR(USART1_BASE) & USART_SR_TC) == 0u; n++) {
    }
}

void ua_port_write_out(const char *buf, size_t len) {
    ua_pyboard_console_init();
    ua_pyboard_usart_write(USART1_BASE, buf, (uint32_t)len);
}

void ua_port_write_err(const char *buf, size_t len) {
    ua_pyboard_console_init();
    ua_pyboard_usart_write(USART1_BASE, buf, (uint32_t)len);
}

/* ---------------- time ---------------- */

/* Fold the TIM5 microseconds elapsed since the last call into ms_count. */
static void time_update(void) {
    uint32_t saved = ua_port_irq_save();
    uint32_t now = TIM_CNT(TIM5_BASE);
    uint32_t d = now - last_cnt;
    last_cnt = now;
    ms_count += d / 1000u;
    us_rem += d % 1000u;
    if (us_rem >= 1000u) {
        us_rem -= 1000u;
        ms_count++;
    }
    ua_port_irq_restore(saved);
}

void SysTick_Handler(void) {
    if (time_ready) time_update();
}

/* TIM5 clock under the emulator: count TIM5 (PSC=0) over one SysTick
 * period of sysclk/10000 core cycles (100 us), round to 1 MHz. Bounded;
 * falls back to QEMU 7.2's 1 GHz. */
static uint32_t measure_timclk(void) {
    const uint32_t cycles = ua_pyboard_sysclk_hz / 10000u;
    SYST_CSR = 0;
    SYST_RVR = cycles - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE;
    uint32_t t0 = 0, t1 = 0;
    bool ok = false;
    uint32_t n = 0;
    while (n < 10000000u && (SYST_CSR & SYST_CSR_COUNTFLAG) == 0u) n++;
    if (n < 10000000u) {
        t0 = TIM_CNT(TIM5_BASE);
        n = 0;
        while (n < 10000000u && (SYST_CSR & SYST_CSR_COUNTFLAG) == 0u) n++;
        t1 = TIM_CNT(TIM5_BASE);
        ok = n < 10000000u;
    }
    SYST_CSR = 0;
    if (!ok || t1 == t0) return 1000000000u;
    /* The window is 100 us, so counts / 100 = MHz. */
    uint32_t mhz = ((t1 - t0) + 50u) / 100u;
    return mhz == 0u ? 1000000000u : mhz * 1000000u;
}

static void time_init(void) {
    RCC_APB1ENR |= 1u << 3; /* TIM5EN */
    (void)RCC_APB1ENR;
    TIM_CR1(TIM5_BASE) = 0;
    TIM_PSC(TIM5_BASE) = 0;
    TIM_ARR(TIM5_BASE) = 0xFFFFFFFFu;
    TIM_EGR(TIM5_BASE) = 1u; /* UG: load PSC, CNT = 0 */
    TIM_CR1(TIM5_BASE) = 1u; /* CEN */

    ua_pyboard_timclk_hz = ua_pyboard_emulated ? measure_timclk() : ua_pyboard_tim1clk_hz;

    TIM_CR1(TIM5_BASE) = 0;
    TIM_PSC(TIM5_BASE) = ua_pyboard_timclk_hz / 1000000u - 1u;
    TIM_EGR(TIM5_BASE) = 1u;
    TIM_CNT(TIM5_BASE) = 0;
    TIM_CR1(TIM5_BASE) = 1u;

    last_cnt = TIM_CNT(TIM5_BASE);
    ms_count = 0;
    us_rem = 0;
    time_ready = true;

    /* SysTick: 1 ms wake-up, core clock, lowest priority. */
    *(volatile uint8_t *)0xE000ED23u = 0xF0u; /* SHPR3 SysTick priority */
    SYST_RVR = ua_pyboard_sysclk_hz / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

void ua_port_init(int argc, char **argv) {
    (void)argc;
    (void)argv;
    ua_pyboard_console_init();
    if (!time_ready) time_init();
}

uint32_t ua_port_ticks_us(void) {
    return TIM_CNT(TIM5_BASE);
}

uint32_t ua_port_ticks_ms(void) {
    time_update();
    return ms_count;
}

void ua_pyboard_set_ticks_ms(uint32_t ms) {
    uint32_t saved = ua_port_irq_save();
    time_update();
    ms_count = ms;
    ua_port_irq_restore(saved);
}

/* Sleep in WFI until the deadline. Interrupts are masked around the check
 * and the WFI (the core still wakes on a pending interrupt), so no wake-up
 * is lost between them. After each wake-up, with interrupts still masked,
 * ICSR.ISRPENDING tells whether a peripheral interrupt (anything but
 * SysTick) is pending: then return, the scheduler may have work. SysTick
 * alone only re-checks the deadline. Each WFI lasts at most 1 ms (SysTick).
 * Without a deadline: one WFI, then return. */
void ua_port_idle(bool has_deadline, uint32_t deadline_ms) {
    if (!time_ready) ua_port_init(0, NULL);
    for (;;) {
        uint32_t saved = ua_port_irq_save();
        if (has_deadline && (int32_t)(deadline_ms - ua_port_ticks_ms()) <= 0) {
            ua_port_irq_restore(saved);
            return;
        }
        __asm__ volatile("dsb\n\twfi" ::: "memory");
        bool external = (SCB_ICSR & SCB_ICSR_ISRPENDING) != 0u;
        ua_pyboard_idle_wakeups++;
        ua_port_irq_restore(saved);
        if (external || !has_deadline) return;
    }
}

/* ---------------- exit ---------------- */

#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
static uint32_t semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}
#endif

void ua_port_exit(int status) {
    console_flush();
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
    /* SYS_EXIT_EXTENDED: {ADP_Stopped_ApplicationExit, code} */
    const uint32_t block[2] = {0x20026u, (uint32_t)status};
    (void)semihost(0x20u, block);
    /* Old hosts without the extended call: SYS_EXIT (status lost). */
    (void)semihost(0x18u, (const void *)(uintptr_t)0x20026u);
#else
    {
        static const char head[] = "uasyncc: program exited with status ";
        char msg[64];
        size_t n = 0;
        while (n < sizeof head - 1u) {
            msg[n] = head[n];
            n++;
        }
        char digits[12];
        int k = 0;
        uint32_t u = status < 0 ? 0u - (uint32_t)status : (uint32_t)status;
        do {
            digits[k++] = (char)('0' + u % 10u);
            u /= 10u;
        } while (u != 0u);
        if (status < 0) msg[n++] = '-';
        while (k > 0) msg[n++] = digits[--k];
        msg[n++] = '\n';
        ua_port_write_err(msg, n);
        console_flush();
    }
#endif
    for (;;) {
        __asm__ volatile("wfi");
    }
}
