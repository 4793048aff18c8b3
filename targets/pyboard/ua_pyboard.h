/* Target-private interface of the pyboard port (not part of ua_port.h).
 * Generated code may include it; the pyb HAL and the tests use it. */
#ifndef UA_PYBOARD_H
#define UA_PYBOARD_H

#include <stdbool.h>
#include <stdint.h>

/* Clock tree as set up by ua_pyboard_clock_init() (clock.c). */
enum ua_pyboard_clock_source {
    UA_PYBOARD_CLK_HSI = 0,     /* HSI 16 MHz directly (PLL did not lock) */
    UA_PYBOARD_CLK_PLL_HSE = 1, /* 12 MHz crystal -> PLL -> 168 MHz */
    UA_PYBOARD_CLK_PLL_HSI = 2, /* HSI 16 MHz -> PLL -> 168 MHz (HSE failed) */
};
extern uint32_t ua_pyboard_sysclk_hz;   /* core clock (SysTick CLKSOURCE=1) */
/* It is 168 MHz or 16 MHz, nothing else (port_pyboard.c relies on it).
 * The bus clocks follow from it: at 168 MHz (the PLL, or QEMU's fixed core
 * clock) APB1 is /4 and APB2 /2; at 16 MHz (HSI) nothing is divided. */
static inline uint32_t ua_pyboard_pclk1_hz(void) {
    return ua_pyboard_sysclk_hz == 168000000u ? 42000000u : ua_pyboard_sysclk_hz;
}
static inline uint32_t ua_pyboard_pclk2_hz(void) {
    return ua_pyboard_sysclk_hz == 168000000u ? 84000000u : ua_pyboard_sysclk_hz;
}
/* Timers on APB1 (TIM2..7): twice APB1 when APB1 is divided. */
static inline uint32_t ua_pyboard_tim1clk_hz(void) { return ua_pyboard_pclk2_hz(); }
extern bool ua_pyboard_hse_failed;      /* crystal did not start: running from HSI */
extern uint32_t ua_pyboard_clock_source; /* enum ua_pyboard_clock_source */
/* True when RCC_CR read HSIRDY=0 at reset: impossible on silicon (the core
 * runs from HSI then), so this is an emulator without an RCC model (QEMU).
 * Only firmware built for QEMU (UA_SEMIHOSTING: `uasyncc run --target
 * pyboard`) looks; a board build assumes silicon and carries none of the
 * emulator's work-arounds (clock.c, port_pyboard.c). */
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
extern bool ua_pyboard_emulated;
#else
#define ua_pyboard_emulated false
#endif

void ua_pyboard_clock_init(void);

/* Links the IRQ part of the vector table (startup.c), which --gc-sections
 * drops otherwise: code that enables an interrupt in the NVIC must use it.
 * An R_ARM_NONE relocation to the table: no instruction, no data. */
#define UA_PYBOARD_LINK_IRQ_VECTORS() __asm__ volatile(".reloc ., R_ARM_NONE, ua_vector_irqs")

/* Time base (port_pyboard.c). */
extern uint32_t ua_pyboard_timclk_hz;   /* TIM5 input clock actually in use */
extern uint32_t ua_pyboard_idle_wakeups; /* WFI wake-ups spent in ua_port_idle */
/* True when argv held "--virtual-time" (ua_port_init): ticks advance only
 * in ua_port_idle, which jumps to the deadline. */
extern bool ua_pyboard_virtual_time;
/* Simulated USR switch ("--switch-press-ms=263-417,900" in argv, QEMU
 * runs): false when not simulated; else true, with *pressed telling
 * whether a press span holds the current time. The presses also pend the
 * EXTI3 interrupt at their start (ua_port_idle). */
bool ua_pyboard_switch_simulated(bool *pressed);
/* Test hook: set the millisecond counter (to test wrap-around). */
void ua_pyboard_set_ticks_ms(uint32_t ms);

/* Console UART (USART1, PB6/PB7) set-up; idempotent, done lazily by the
 * write functions too. */
void ua_pyboard_console_init(void);
/* Blocking write of bytes to a USART given its base address; each wait for
 * TXE is bounded. */
void ua_pyboard_usart_write(uint32_t base, const char *buf, uint32_t len);

/* Program output from the target (the LED trace, UART(1).write): through
 * the runtime's stdout buffer when the runtime is linked, so it stays in
 * order with print(); directly to the console otherwise and in interrupt
 * handlers. */
#include <stddef.h>
void ua_pyboard_write_stdout(const char *buf, size_t len);
/* A string / a number to stderr (ua_port_write_err), no printf: for the
 * fault handler and the arena report. The number: u in base 10 or 16, at
 * least width (<= 10) digits. */
void ua_pyboard_err_str(const char *s);
void ua_pyboard_err_num(uint32_t u, uint32_t base, uint32_t width);
/* Write out the runtime's stdout buffer (if the runtime is linked). */
void ua_pyboard_flush_stdout(void);

/* Fault reporting (startup.c): prints the FATAL line and exits with 134;
 * frame is the exception's stacked registers. */
void ua_pyboard_fault_report(const uint32_t *frame) __attribute__((noreturn));

#endif
