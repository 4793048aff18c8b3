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
 * quickly and the emulator's fixed 168 MHz core clock is recorded. */
#include <stdbool.h>
#include <stdint.h>

#include "stm32f405.h"
#include "ua_pyboard.h"

uint32_t ua_pyboard_sysclk_hz = 16000000u;
uint32_t ua_pyboard_pclk1_hz = 16000000u;
uint32_t ua_pyboard_pclk2_hz = 16000000u;
uint32_t ua_pyboard_tim1clk_hz = 16000000u;
bool ua_pyboard_hse_failed = false;
uint32_t ua_pyboard_clock_source = UA_PYBOARD_CLK_HSI;
bool ua_pyboard_emulated = false;

/* Iteration budgets. A loop iteration is >= 4 cycles at 16 MHz (HSI), so
 * 200000 iterations are >= 50 ms: ST's HSE_STARTUP_TIMEOUT is 100 ms of
 * HAL ticks but a 12 MHz crystal starts in ~2 ms. Under the emulator the
 * waits cannot succeed, so they are cut short there. */
#define HSE_WAIT 200000u
#define PLL_WAIT 100000u
#define SW_WAIT 100000u
#define EMU_WAIT 64u

static bool wait_set(volatile uint32_t *reg, uint32_t mask, uint32_t value, uint32_t budget) {
    for (uint32_t i = 0; i < budget; i++) {
        if ((*reg & mask) == value) return true;
    }
    return false;
}

#define PLLCFGR_VALUE(m, n, p, q, src_hse) \
    ((uint32_t)(m) | ((uint32_t)(n) << 6) | ((((uint32_t)(p) / 2u) - 1u) << 16) | \
     ((src_hse) ? (1u << 22) : 0u) | ((uint32_t)(q) << 24))

void ua_pyboard_clock_init(void) {
    ua_pyboard_emulated = (RCC_CR & RCC_CR_HSIRDY) == 0u;
    uint32_t scale = ua_pyboard_emulated ? 0u : 1u;
    uint32_t hse_wait = scale ? HSE_WAIT : EMU_WAIT;
    uint32_t pll_wait = scale ? PLL_WAIT : EMU_WAIT;
    uint32_t sw_wait = scale ? SW_WAIT : EMU_WAIT;

    /* Power: PWR clock on, regulator voltage scale 1 (needed for 168 MHz). */
    RCC_APB1ENR |= (1u << 28);
    (void)RCC_APB1ENR;
    PWR_CR |= (1u << 14);

    /* Make sure we run from HSI with the PLL off before reprogramming it. */
    RCC_CR |= RCC_CR_HSION;
    (void)wait_set(&RCC_CR, RCC_CR_HSIRDY, RCC_CR_HSIRDY, sw_wait);
    RCC_CFGR &= ~3u; /* SW = HSI */
    (void)wait_set(&RCC_CFGR, 0xCu, 0x0u, sw_wait);
    RCC_CR &= ~RCC_CR_PLLON;
    (void)wait_set(&RCC_CR, RCC_CR_PLLRDY, 0u, pll_wait);

    RCC_CR |= RCC_CR_HSEON;
    bool hse_ok = wait_set(&RCC_CR, RCC_CR_HSERDY, RCC_CR_HSERDY, hse_wait);
    if (hse_ok) {
        RCC_PLLCFGR = PLLCFGR_VALUE(12, 336, 2, 7, true);
    } else {
        RCC_CR &= ~RCC_CR_HSEON;
        RCC_PLLCFGR = PLLCFGR_VALUE(16, 336, 2, 7, false);
    }
    ua_pyboard_hse_failed = !hse_ok;

    /* AHB /1, APB1 /4 (PPRE1=101), APB2 /2 (PPRE2=100). */
    RCC_CFGR = (RCC_CFGR & ~0xFCF0u) | (5u << 10) | (4u << 13);
    RCC_CR |= RCC_CR_PLLON;
    bool pll_ok = wait_set(&RCC_CR, RCC_CR_PLLRDY, RCC_CR_PLLRDY, pll_wait);

    bool switched = false;
    if (pll_ok) {
        /* 5 wait states + prefetch + I/D caches before raising the clock;
         * check that the latency was taken. */
        FLASH_ACR = 5u | (1u << 8) | (1u << 9) | (1u << 10);
        if (wait_set(&FLASH_ACR, 0xFu, 5u, sw_wait)) {
            RCC_CFGR = (RCC_CFGR & ~3u) | 2u; /* SW = PLL */
            switched = wait_set(&RCC_CFGR, 0xCu, 0x8u, sw_wait);
            if (!switched) RCC_CFGR &= ~3u;
        }
    }

    if (switched) {
        ua_pyboard_clock_source = hse_ok ? UA_PYBOARD_CLK_PLL_HSE : UA_PYBOARD_CLK_PLL_HSI;
        ua_pyboard_sysclk_hz = 168000000u;
        ua_pyboard_pclk1_hz = 42000000u;
        ua_pyboard_pclk2_hz = 84000000u;
        ua_pyboard_tim1clk_hz = 84000000u; /* APB1 prescaler != 1: x2 */
    } else {
        /* Stay on HSI 16 MHz, everything undivided, PLL off. */
        RCC_CR &= ~RCC_CR_PLLON;
        RCC_CFGR &= ~0xFCF3u;
        ua_pyboard_clock_source = UA_PYBOARD_CLK_HSI;
        ua_pyboard_sysclk_hz = 16000000u;
        ua_pyboard_pclk1_hz = 16000000u;
        ua_pyboard_pclk2_hz = 16000000u;
        ua_pyboard_tim1clk_hz = 16000000u;
        FLASH_ACR = (1u << 8) | (1u << 9) | (1u << 10);
    }

    if (ua_pyboard_emulated) {
        /* QEMU's STM32F405 model clocks the core (and SysTick with
         * CLKSOURCE=1) at a fixed 168 MHz whatever RCC says; its timer
         * clock is measured by the port (port_pyboard.c). */
        ua_pyboard_sysclk_hz = 168000000u;
        ua_pyboard_pclk1_hz = 42000000u;
        ua_pyboard_pclk2_hz = 84000000u;
    }
}
