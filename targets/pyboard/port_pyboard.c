/* ua_port.h for the Pyboard v1.1 (STM32F405RG). See README.md.
 *
 * Time: TIM5 (32-bit) free-runs as a microsecond counter; ticks_us is its
 * CNT, ticks_ms a carry-corrected millisecond count derived from it. The
 * TIM5 input clock is 84 MHz on the board (APB1 42 MHz x2) but 1 GHz under
 * QEMU, so when clock.c has detected the emulator (firmware built for QEMU
 * only, ua_pyboard.h) the port measures it against SysTick (which QEMU
 * clocks at 168 MHz) and rounds to 1 MHz.
 * SysTick interrupts every 1 ms only to wake the core from WFI and keep
 * the millisecond count fresh; time is never counted in SysTick ticks.
 * ticks_cpu is TIM2 (32-bit) free-running at the timer clock (PSC=0): 84 MHz
 * on the board, one count per instruction under QEMU -icount shift=0.
 *
 * Console: USART1 at 115200 8N1 on PB6 (TX) / PB7 (RX), AF7. Bytes are
 * sent unchanged (no "\n" -> "\r\n"), so output compares exactly.
 *
 * With -DUA_SEMIHOSTING=1 (QEMU runs, or a board under a debugger) stderr
 * goes to the semihosting console (":tt" opened for append: QEMU's
 * stderr), so a program's stdout stays exactly its print() output;
 * without it both go to the UART.
 *
 * Virtual time: when argv (semihosting SYS_GET_CMDLINE) holds
 * "--virtual-time", ticks_ms is a counter that starts at 0 and advances
 * only in ua_port_idle, which jumps it to the deadline at once; ticks_us is
 * ticks_ms * 1000 and ticks_cpu ticks_ms * 1000000 (virtual nanoseconds, as
 * the host port's --virtual-time and the CPython shim). Idle with no
 * deadline and no interrupt enabled in the NVIC is a deadlock: reported on
 * stderr, exit status 3.
 *
 * Exit: with -DUA_SEMIHOSTING=1 semihosting SYS_EXIT_EXTENDED; without it
 * the console drained, then WFI forever (no message). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stm32f405.h"
#include "ua_config.h"
#include "ua_out.h"
#include "ua_port.h"
#include "ua_pyboard.h"

/* The runtime's console buffer and arena statistics. Weak: the target's
 * own tests link the port without the runtime; then output is unbuffered. */
#pragma weak ua_stdout
#pragma weak ua_out_flush
#pragma weak ua_out_bytes
#pragma weak ua_arena_peak
#pragma weak ua_arena_size
size_t ua_arena_peak(void);
size_t ua_arena_size(void);

uint32_t ua_pyboard_timclk_hz = 84000000u;
uint32_t ua_pyboard_idle_wakeups = 0;
bool ua_pyboard_virtual_time = false;
/* argv exists only with semihosting: without it the test features below
 * (virtual time, simulated presses, the arena report) are compiled out. */
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
#define HAS_ARGV 1
#else
#define HAS_ARGV 0
#endif
#define VIRTUAL (HAS_ARGV && ua_pyboard_virtual_time)
static bool arena_report;
static uint32_t virtual_ms; /* the clock in virtual time */
#define MAX_PRESSES 16
/* simulated switch presses and releases (ms; UINT32_MAX: held) */
static uint32_t press_at[MAX_PRESSES], release_at[MAX_PRESSES];
static uint8_t n_presses, next_press;

static bool console_ready;
static bool time_ready;
static uint32_t ms_boundary; /* TIM5 CNT when ms_count last counted a ms */
static uint32_t ms_count;   /* wraps at 2**32 */

/* ---------------- memory for the arena's collector ---------------- */

extern char _sdata[], _ebss[], _estack[], _arena_start[], _arena_end[]; /* linker.ld */

void ua_port_static_data(char **start, char **end) {
    *start = _sdata;
    *end = _ebss;
}

void *ua_port_stack_top(void) { return _estack; }

/* The RAM between .bss and newlib's heap below the stack (MicroPython's
 * heap is there too); the arena caps it at UA_ARENA_SIZE. */
void ua_port_heap(char **start, char **end) {
    *start = _arena_start;
    *end = _arena_end;
}

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

void ua_pyboard_console_init(void) {
    if (console_ready) return;
    console_ready = true;
    RCC_AHB1ENR |= 1u << 1; /* GPIOB */
    RCC_APB2ENR |= 1u << 4; /* USART1EN */
    (void)RCC_APB2ENR;
    /* PB6 (TX) and PB7 (RX), two bits per pin from bit 12 (four in AFRL
     * from bit 24): alternate function 7, pull-up. The reset output speed
     * (low, 2 MHz edges) is ample for 115200 baud. */
    GPIO_MODER(1) = (GPIO_MODER(1) & ~0xF000u) | 0xA000u;
    GPIO_PUPDR(1) = (GPIO_PUPDR(1) & ~0xF000u) | 0x5000u;
    GPIO_AFRL(1) = (GPIO_AFRL(1) & ~0xFF000000u) | 0x77000000u;
    USART_CR1(USART1_BASE) = 0;
    USART_CR2(USART1_BASE) = 0;
    USART_CR3(USART1_BASE) = 0;
    /* Oversampling by 16: BRR = pclk / baud with the fraction in 1/16.
     * pclk is ua_pyboard_pclk2_hz(), written out for its two cases (see
     * ua_pyboard.h) so that nothing is divided at run time. */
#define BRR_115200(pclk) (((pclk) + 115200u / 2u) / 115200u)
    USART_BRR(USART1_BASE) = ua_pyboard_sysclk_hz == 168000000u ? BRR_115200(84000000u)
                                                                 : BRR_115200(16000000u);
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

static bool in_handler(void) {
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    return (ipsr & 0x1FFu) != 0u;
}

void ua_pyboard_flush_stdout(void) {
    if (&ua_out_flush != NULL && &ua_stdout != NULL) ua_out_flush(&ua_stdout);
}

/* Program output from the target (LED trace, UART(1).write): through the
 * runtime's stdout buffer, so it stays in order with print(). Interrupt
 * handlers write directly (the buffer is not interrupt-safe). */
void ua_pyboard_write_stdout(const char *buf, size_t len) {
    if (&ua_out_bytes != NULL && &ua_stdout != NULL && !in_handler()) {
        ua_out_bytes(&ua_stdout, buf, len);
    } else {
        ua_port_write_out(buf, len);
    }
}

#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
static uint32_t semihost(uint32_t op, const void *arg) {
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

/* Semihosting stderr: ":tt" opened in mode "a" (8) is the host's stderr
 * (SH_EXT_STDOUT_STDERR). -2: not opened yet; -1: not available. */
static int32_t err_handle = -2;

static bool semihost_write_err(const char *buf, size_t len) {
    if (err_handle == -2) {
        static const char tt[] = ":tt";
        const uint32_t open_block[3] = {(uint32_t)(uintptr_t)tt, 8u, 3u};
        err_handle = (int32_t)semihost(0x01u, open_block); /* SYS_OPEN */
        if (err_handle < 0) err_handle = -1;
    }
    if (err_handle < 0) return false;
    const uint32_t block[3] = {(uint32_t)err_handle, (uint32_t)(uintptr_t)buf, (uint32_t)len};
    (void)semihost(0x05u, block); /* SYS_WRITE */
    return true;
}
#endif

void ua_port_write_err(const char *buf, size_t len) {
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
    if (semihost_write_err(buf, len)) return;
#endif
    ua_pyboard_console_init();
    ua_pyboard_usart_write(USART1_BASE, buf, (uint32_t)len);
}

void ua_pyboard_err_str(const char *s) {
    size_t n = 0;
    while (s[n] != '\0') n++;
    ua_port_write_err(s, n);
}

/* u in base 10 or 16 (lower-case), at least `width` digits: one writer
 * for the fault handler's hex and the decimals. */
void ua_pyboard_err_num(uint32_t u, uint32_t base, uint32_t width) {
    char buf[10];
    char *end = buf + sizeof buf, *p = end;
    do {
        uint32_t d = u % base + '0';
        if (d > '9') d += 'a' - '0' - 10u;
        *--p = (char)d;
        u /= base;
    } while (u != 0u || (uint32_t)(end - p) < width);
    ua_port_write_err(p, (size_t)(end - p));
}

/* ---------------- time ---------------- */

/* Fold the whole milliseconds TIM5 counted since ms_boundary into
 * ms_count; the microseconds left over stay in CNT - ms_boundary (< 1000). */
static void time_update(void) {
    uint32_t saved = ua_port_irq_save();
    uint32_t ms = (TIM_CNT(TIM5_BASE) - ms_boundary) / 1000u;
    ms_count += ms;
    ms_boundary += ms * 1000u;
    ua_port_irq_restore(saved);
}

/* (Its interrupt is enabled by time_init, after the time base.) */
void SysTick_Handler(void) { time_update(); }

/* TIM5 clock under the emulator, in MHz: count TIM2 (PSC=0, the same APB1
 * timer clock) over one SysTick period of 16800 core cycles (100 us: the
 * emulator's core clock is 168 MHz, clock.c), round to 1 MHz. Bounded;
 * falls back to QEMU 7.2's 1 GHz. */
static uint32_t measure_timclk_mhz(void) {
    SYST_CSR = 0;
    SYST_RVR = 168000000u / 10000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE;
    /* counts: the counter at the first wrap, then the change to the second */
    uint32_t counts = 0;
    for (int wrap = 0; wrap < 2; wrap++) {
        uint32_t n = 10000000u;
        while ((SYST_CSR & SYST_CSR_COUNTFLAG) == 0u && --n != 0u) {
        }
        if (n == 0u) {
            counts = 0; /* no SysTick: the fallback */
            break;
        }
        counts = TIM_CNT(TIM2_BASE) - counts;
    }
    SYST_CSR = 0;
    /* The window is 100 us, so counts / 100 = MHz. */
    uint32_t mhz = (counts + 50u) / 100u;
    return mhz == 0u ? 1000u : mhz;
}

/* A 32-bit timer counting from 0 at the timer clock / (psc + 1), never
 * stopping. (Not inlined: smaller as one copy for its two calls.) */
__attribute__((noinline)) static void start_timer(uint32_t tim, uint32_t psc) {
    TIM_CR1(tim) = 0;
    TIM_PSC(tim) = psc;
    TIM_ARR(tim) = 0xFFFFFFFFu;
    TIM_EGR(tim) = 1u; /* UG: load PSC, CNT = 0 */
    TIM_CR1(tim) = 1u; /* CEN */
}

static void time_init(void) {
    /* (TIM5 and TIM2 are clocked from reset: clock.c) */
    start_timer(TIM2_BASE, 0u); /* ticks_cpu */
    /* On the board: ua_pyboard_tim1clk_hz() in MHz, written out for its
     * two cases (see ua_pyboard.h) so that nothing is divided at run time. */
    uint32_t mhz = ua_pyboard_emulated ? measure_timclk_mhz()
                   : ua_pyboard_sysclk_hz == 168000000u ? 84u : 16u;
    ua_pyboard_timclk_hz = mhz * 1000000u;
    start_timer(TIM5_BASE, mhz - 1u);

    ms_boundary = TIM_CNT(TIM5_BASE);
    ms_count = 0;
    time_ready = true;

    /* SysTick: 1 ms wake-up, core clock, lowest priority. */
    *(volatile uint8_t *)0xE000ED23u = 0xF0u; /* SHPR3 SysTick priority */
    SYST_RVR = ua_pyboard_sysclk_hz / 1000u - 1u;
    SYST_CVR = 0;
    SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
}

static bool streq(const char *a, const char *b) {
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static uint32_t parse_u32(const char **pp) {
    uint32_t v = 0;
    while (**pp >= '0' && **pp <= '9') v = v * 10u + (uint32_t)(*(*pp)++ - '0');
    return v;
}

/* "--switch-press-ms=263-417,900": pressed at 263 ms, released at 417 ms;
 * pressed at 900 ms and held. */
static void parse_presses(const char *arg) {
    static const char key[] = "--switch-press-ms=";
    for (size_t i = 0; i < sizeof key - 1u; i++) {
        if (arg[i] != key[i]) return;
    }
    const char *p = arg + sizeof key - 1u;
    n_presses = 0;
    while (*p >= '0' && *p <= '9' && n_presses < MAX_PRESSES) {
        press_at[n_presses] = parse_u32(&p);
        release_at[n_presses] = UINT32_MAX;
        if (*p == '-') {
            p++;
            release_at[n_presses] = parse_u32(&p);
        }
        n_presses++;
        if (*p == ',') p++;
    }
}

bool ua_pyboard_switch_simulated(bool *pressed) {
    if (!HAS_ARGV || n_presses == 0) return false;
    uint32_t now = ua_port_ticks_ms();
    *pressed = false;
    for (unsigned i = 0; i < n_presses; i++) {
        if (press_at[i] <= now && now < release_at[i]) *pressed = true;
    }
    return true;
}

void ua_port_init(int argc, char **argv) {
    for (int i = 1; HAS_ARGV && i < argc && argv != NULL; i++) {
        if (argv[i] == NULL) break;
        if (streq(argv[i], "--virtual-time")) ua_pyboard_virtual_time = true;
        if (streq(argv[i], "--arena-report")) arena_report = true;
        parse_presses(argv[i]);
    }
    virtual_ms = 0;
    ua_pyboard_console_init();
    if (!time_ready) time_init();
}

uint32_t ua_port_ticks_us(void) {
    if (VIRTUAL) return virtual_ms * 1000u;
    return TIM_CNT(TIM5_BASE);
}

/* Compiler barriers around the read: code timed between two reads stays
 * between them (they cost no instruction). */
uint32_t ua_port_ticks_cpu(void) {
    if (VIRTUAL) return virtual_ms * 1000000u;
    __asm__ volatile("" ::: "memory");
    uint32_t now = TIM_CNT(TIM2_BASE);
    __asm__ volatile("" ::: "memory");
    return now;
}

uint32_t ua_port_ticks_ms(void) {
    if (VIRTUAL) return virtual_ms;
    time_update();
    return ms_count;
}

void ua_pyboard_set_ticks_ms(uint32_t ms) {
    uint32_t saved = ua_port_irq_save();
    if (VIRTUAL) {
        virtual_ms = ms;
    } else {
        time_update();
        ms_count = ms;
    }
    ua_port_irq_restore(saved);
}

/* Any peripheral interrupt enabled in the NVIC (IRQ 0..81)? */
static bool irq_source_enabled(void) {
    return (NVIC_ISER(0) | NVIC_ISER(1) | NVIC_ISER(2)) != 0u;
}

/* An enabled peripheral interrupt pending (its handler runs once
 * interrupts are unmasked)? A disabled one that is pending does not count
 * (ICSR.ISRPENDING would: it would end every idle at once). */
static bool irq_pending(void) {
    uint32_t any = 0;
#pragma GCC unroll 1 /* smaller as a loop */
    for (uint32_t i = 0; i < 3u; i++) any |= NVIC_ISPR(i) & NVIC_ISER(i);
    return any != 0u;
}

/* Virtual time: jump to the deadline; a pending interrupt returns first
 * (its handler runs when interrupts are unmasked); with no deadline, wait
 * for an interrupt if one is enabled, else report the deadlock. */
static void idle_virtual(bool has_deadline, uint32_t deadline_ms) {
    uint32_t saved = ua_port_irq_save();
    if (irq_pending()) {
        ua_port_irq_restore(saved);
        return;
    }
    if (has_deadline) {
        if ((int32_t)(deadline_ms - virtual_ms) > 0) virtual_ms = deadline_ms;
        ua_port_irq_restore(saved);
        return;
    }
    if (irq_source_enabled()) {
        __asm__ volatile("dsb\n\twfi" ::: "memory");
        ua_pyboard_idle_wakeups++;
        ua_port_irq_restore(saved);
        return;
    }
    ua_port_irq_restore(saved);
    static const char msg[] = "uasyncc: deadlock: every task is waiting and no timer is pending\n";
    ua_pyboard_flush_stdout();
    ua_port_write_err(msg, sizeof msg - 1u);
    ua_port_exit(3);
}

/* Sleep in WFI until the deadline. Interrupts are masked around the check
 * and the WFI (the core still wakes on a pending interrupt), so no wake-up
 * is lost between them. After each wake-up, with interrupts still masked,
 * the NVIC tells whether an enabled peripheral interrupt (anything but
 * SysTick) is pending: then return, the scheduler may have work. SysTick
 * alone only re-checks the deadline. Each WFI lasts at most 1 ms (SysTick).
 * Without a deadline: one WFI, then return. Buffered output is written
 * out first (a board shows it before it sleeps). */
static void idle_real(bool has_deadline, uint32_t deadline_ms) {
    for (;;) {
        uint32_t saved = ua_port_irq_save();
        if (has_deadline && (int32_t)(deadline_ms - ua_port_ticks_ms()) <= 0) {
            ua_port_irq_restore(saved);
            return;
        }
        __asm__ volatile("dsb\n\twfi" ::: "memory");
        bool external = irq_pending();
        ua_pyboard_idle_wakeups++;
        ua_port_irq_restore(saved);
        if (external || !has_deadline) return;
    }
}

/* Simulated switch presses for tests ("--switch-press-ms=263-417,900" in
 * argv, as UASYNCC_SWITCH_PRESS_MS on the host): when the next comes before
 * the deadline, idle waits until then (jumps, in virtual time), pends the
 * EXTI3 interrupt in the NVIC as the USR switch would, and returns. */
static bool press_before(bool has_deadline, uint32_t deadline_ms) {
    if (!HAS_ARGV || next_press >= n_presses) return false;
    uint32_t at = press_at[next_press];
    if (has_deadline && (int32_t)(deadline_ms - at) < 0) return false;
    if (VIRTUAL) {
        if ((int32_t)(at - virtual_ms) > 0) virtual_ms = at;
    } else {
        while ((int32_t)(at - ua_port_ticks_ms()) > 0) idle_real(true, at);
    }
    next_press++;
    /* The interrupt exists only while the switch has a callback (EXTI3
     * enabled); the host raises its signal regardless, and ends idle. */
    const uint32_t bit = 1u << (IRQ_EXTI3 % 32u);
    if (NVIC_ISER(IRQ_EXTI3 / 32u) & bit) NVIC_ISPR(IRQ_EXTI3 / 32u) = bit;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    return true;
}

void ua_port_idle(bool has_deadline, uint32_t deadline_ms) {
    if (!time_ready) ua_port_init(0, NULL);
    if (!has_deadline || (int32_t)(deadline_ms - ua_port_ticks_ms()) > 0) ua_pyboard_flush_stdout();
    if (press_before(has_deadline, deadline_ms)) return;
    if (VIRTUAL) {
        idle_virtual(has_deadline, deadline_ms);
        return;
    }
    idle_real(has_deadline, deadline_ms);
}

/* ---------------- exit ---------------- */

/* "--arena-report" in argv: the arena's peak use, on stderr. */
static void report_arena(void) {
    if (!HAS_ARGV || !arena_report || &ua_arena_peak == NULL) return;
    ua_pyboard_err_str("uasyncc: arena peak ");
    ua_pyboard_err_num(ua_arena_peak(), 10u, 1u);
    ua_pyboard_err_str(" B of ");
    ua_pyboard_err_num(ua_arena_size(), 10u, 1u);
    ua_pyboard_err_str(" B\n");
}

void ua_port_exit(int status) {
    ua_pyboard_flush_stdout();
    report_arena();
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
    console_flush(); /* the UART's last byte out before the host stops us */
    /* SYS_EXIT_EXTENDED: {ADP_Stopped_ApplicationExit, code} */
    const uint32_t block[2] = {0x20026u, (uint32_t)status};
    (void)semihost(0x20u, block);
    /* Old hosts without the extended call: SYS_EXIT (status lost). */
    (void)semihost(0x18u, (const void *)(uintptr_t)0x20026u);
#else
    /* A board has nobody to take the status: as MicroPython when main.py
     * ends, nothing is printed (an uncaught exception, a deadlock and a
     * fault have printed their report already). */
    (void)status;
    console_flush();
#endif
    for (;;) {
        __asm__ volatile("wfi");
    }
}
