/* Clock tree of the Pyboard v1.1: 12 MHz HSE -> PLL (M=12, N=336, P=2,
 * Q=7) -> SYSCLK 168 MHz, AHB 168, APB1 42 (timers 84), APB2 84 (timers
 * 168), USB 48 MHz; flash 5 wait states with prefetch and caches.
 *
 * Every hardware wait is bounded. If the crystal does not start the PLL is
 * fed from HSI 16 MHz (M=16): same 168 MHz, less accurate. If the PLL does
 * not lock either, the core stays on HSI 16 MHz with all prescalers at 1.
 * Nothing is printed here (stdout must stay byte-exact); the outcome is
 * recorded in the globals below (ua_pyboard.h).
 *
 * Under QEMU 7.2 the RCC is a stub that reads 0: HSIRDY reads 0 at reset,
 * which never happens on silicon (the core is running from HSI), so that
 * marks an emulator (ua_pyboard_emulated). The bounded waits then time out
 * quickly and the emulator's fixed 168 MHz core clock is recorded. Only
 * firmware built for QEMU (UA_SEMIHOSTING) looks: a board build run under
 * QEMU waits each wait out and records HSI's 16 MHz. */
#include <stdbool.h>
#include <stdint.h>

#include "stm32f405.h"
#include "ua_pyboard.h"

uint32_t ua_pyboard_sysclk_hz;
bool ua_pyboard_hse_failed;
uint32_t ua_pyboard_clock_source;
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
bool ua_pyboard_emulated;
#endif

/* Iterations of each wait. One is >= 4 cycles at 16 MHz (HSI), so 200000
 * are >= 50 ms: ST's HSE_STARTUP_TIMEOUT is 100 ms of HAL ticks but a
 * 12 MHz crystal starts in ~2 ms. Under the emulator the waits cannot
 * succeed, so they are cut short there. */
#define WAIT 200000u
#define EMU_WAIT 64u

/* Sets the bits `field` of a register to `value`, then waits (bounded)
 * until the bits a few places higher read back the same value: each
 * clock's ready flag is its on bit << 1 in RCC_CR, SWS is SW << 2 in
 * RCC_CFGR, and FLASH_ACR (RCC_BASE + 0x400) reads back what was written
 * (shift 0). `reg_shift` is the register's offset from RCC_BASE (a multiple of 8)
 * plus that shift. One helper for every step, and registers as offsets
 * from one base with the shift folded in, keep the start-up code small. */
#define CR (0x00u + 1u)
#define CFGR (0x08u + 2u)
#define ACR (FLASH_ACR_ADDR - RCC_BASE)
static bool set_wait(uint32_t reg_shift, uint32_t field, uint32_t value) {
    volatile uint32_t *reg = &UA_REG(RCC_BASE + (reg_shift & ~7u));
    uint32_t shift = reg_shift & 7u;
    *reg = (*reg & ~field) | value;
    for (uint32_t i = ua_pyboard_emulated ? EMU_WAIT : WAIT; i != 0u; i--) {
        if ((*reg & (field << shift)) == value << shift) return true;
    }
    return false;
}

#define PLLCFGR_VALUE(m, n, p, q, src_hse) \
    ((uint32_t)(m) | ((uint32_t)(n) << 6) | ((((uint32_t)(p) / 2u) - 1u) << 16) | \
     ((src_hse) ? (1u << 22) : 0u) | ((uint32_t)(q) << 24))
#define FLASH_ACR_CACHES ((1u << 8) | (1u << 9) | (1u << 10)) /* prefetch, I and D caches */

void ua_pyboard_clock_init(void) {
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
    ua_pyboard_emulated = (RCC_CR & RCC_CR_HSIRDY) == 0u;
#endif

    /* Power: PWR clock on, regulator voltage scale 1 (needed for 168 MHz).
     * TIM5 and TIM2, the port's time base (port_pyboard.c), are clocked in
     * the same write. */
    RCC_APB1ENR |= (1u << 28) | (1u << 3) | (1u << 0); /* PWREN, TIM5EN, TIM2EN */
    (void)RCC_APB1ENR;
    PWR_CR |= (1u << 14);

    /* Make sure we run from HSI with the PLL off before reprogramming it
     * (a bootloader may have left the PLL on); the crystal starts
     * meanwhile. */
    RCC_CR |= RCC_CR_HSEON;
    (void)set_wait(CR, RCC_CR_HSION, RCC_CR_HSION); /* HSIRDY */
    (void)set_wait(CFGR, 3u, 0u);                    /* SW = SWS = HSI */
    (void)set_wait(CR, RCC_CR_PLLON, 0u);            /* PLLRDY = 0 */

    bool hse_ok = set_wait(CR, RCC_CR_HSEON, RCC_CR_HSEON); /* HSERDY */
    if (hse_ok) {
        RCC_PLLCFGR = PLLCFGR_VALUE(12, 336, 2, 7, true);
    } else {
        RCC_CR &= ~RCC_CR_HSEON;
        RCC_PLLCFGR = PLLCFGR_VALUE(16, 336, 2, 7, false);
    }
    ua_pyboard_hse_failed = !hse_ok;

    /* AHB /1, APB1 /4 (PPRE1=101), APB2 /2 (PPRE2=100). */
    RCC_CFGR = (RCC_CFGR & ~0xFCF0u) | (5u << 10) | (4u << 13);

    /* PLL lock; 5 wait states + prefetch + I/D caches before raising the
     * clock (checking that the latency was taken); SW = SWS = PLL. */
    bool switched = set_wait(CR, RCC_CR_PLLON, RCC_CR_PLLON) &&
                    set_wait(ACR, 0xFu | FLASH_ACR_CACHES, 5u | FLASH_ACR_CACHES) &&
                    set_wait(CFGR, 3u, 2u);

    if (switched) {
        ua_pyboard_clock_source = hse_ok ? UA_PYBOARD_CLK_PLL_HSE : UA_PYBOARD_CLK_PLL_HSI;
    } else {
        /* Stay on HSI 16 MHz, everything undivided, PLL off. */
        RCC_CR &= ~RCC_CR_PLLON;
        RCC_CFGR &= ~0xFCF3u;
        ua_pyboard_clock_source = UA_PYBOARD_CLK_HSI;
        FLASH_ACR = FLASH_ACR_CACHES;
    }
    /* QEMU's STM32F405 model clocks the core (and SysTick with
     * CLKSOURCE=1) at a fixed 168 MHz whatever RCC says; its timer clock
     * is measured by the port (port_pyboard.c). */
    ua_pyboard_sysclk_hz = switched || ua_pyboard_emulated ? 168000000u : 16000000u;
}
