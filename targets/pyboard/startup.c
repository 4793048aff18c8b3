/* Start-up code for the Pyboard v1.1 (STM32F405RG, Cortex-M4F): vector
 * table, Reset_Handler, fault handlers, a bounded _sbrk for newlib. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stm32f405.h"
#include "ua_port.h"
#include "ua_pyboard.h"

int main(int argc, char **argv);

/* Linker script symbols. */
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern uint8_t _heap_start, _heap_end;

void Reset_Handler(void);
void Fault_Handler(void);

/* Handlers a program may define; the others are Fault_Handler itself. */
#define WEAK_ALIAS __attribute__((weak, alias("Fault_Handler")))
void SVC_Handler(void) WEAK_ALIAS;
void DebugMon_Handler(void) WEAK_ALIAS;
void PendSV_Handler(void) WEAK_ALIAS;
void SysTick_Handler(void) WEAK_ALIAS;
void WWDG_IRQHandler(void) WEAK_ALIAS;
void PVD_IRQHandler(void) WEAK_ALIAS;
void TAMP_STAMP_IRQHandler(void) WEAK_ALIAS;
void RTC_WKUP_IRQHandler(void) WEAK_ALIAS;
void FLASH_IRQHandler(void) WEAK_ALIAS;
void RCC_IRQHandler(void) WEAK_ALIAS;
void EXTI0_IRQHandler(void) WEAK_ALIAS;
void EXTI1_IRQHandler(void) WEAK_ALIAS;
void EXTI2_IRQHandler(void) WEAK_ALIAS;
void EXTI3_IRQHandler(void) WEAK_ALIAS;

typedef void (*ua_vector)(void);

/* The 16 system exceptions. */
__attribute__((section(".isr_vector"), used))
const ua_vector ua_vector_table[16] = {
    (ua_vector)(uintptr_t)&_estack,
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    0, 0, 0, 0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
};

/* IRQs 0..IRQ_EXTI3, the highest interrupt anything in the firmware
 * enables (pyb.c's switch callback): the core only fetches the vector of
 * an enabled interrupt, so the F405's other 72 slots (288 B) would never
 * be read. An IRQ enabled above IRQ_EXTI3 needs the table extended first.
 * linker.ld places this part right after the system vectors but does not
 * KEEP it: --gc-sections links it (40 B, and the handlers it names) only
 * when code that enables one of these interrupts refers to it with
 * UA_PYBOARD_LINK_IRQ_VECTORS() (ua_pyboard.h); no NVIC_ISER write may do
 * without. */
#define UA_IRQ_SLOTS (IRQ_EXTI3 + 1u)
__attribute__((section(".isr_vector_irq"), used))
const ua_vector ua_vector_irqs[UA_IRQ_SLOTS] = {
    /* IRQ 0 */ WWDG_IRQHandler,
    PVD_IRQHandler,
    TAMP_STAMP_IRQHandler,
    RTC_WKUP_IRQHandler,
    FLASH_IRQHandler,
    RCC_IRQHandler,
    EXTI0_IRQHandler,
    EXTI1_IRQHandler,
    EXTI2_IRQHandler,
    EXTI3_IRQHandler,
};

#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
/* argv from semihosting SYS_GET_CMDLINE (QEMU: the -semihosting-config
 * arg= values joined by spaces). Arguments cannot contain spaces. */
#define UA_CMDLINE_MAX 256
#define UA_ARGV_MAX 16
static char ua_cmdline[UA_CMDLINE_MAX];
static char *ua_argv[UA_ARGV_MAX + 1];

static int ua_semihost_cmdline(char ***argv_out) {
    uint32_t block[2] = {(uint32_t)(uintptr_t)ua_cmdline, UA_CMDLINE_MAX - 1};
    register uint32_t r0 __asm__("r0") = 0x15; /* SYS_GET_CMDLINE */
    register uint32_t r1 __asm__("r1") = (uint32_t)(uintptr_t)block;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    int argc = 0;
    if (r0 == 0) {
        uint32_t len = block[1] < UA_CMDLINE_MAX - 1 ? block[1] : UA_CMDLINE_MAX - 1;
        ua_cmdline[len] = '\0';
        char *p = ua_cmdline;
        while (*p != '\0' && argc < UA_ARGV_MAX) {
            while (*p == ' ') *p++ = '\0';
            if (*p == '\0') break;
            ua_argv[argc++] = p;
            while (*p != '\0' && *p != ' ') p++;
        }
    }
    ua_argv[argc] = NULL;
    *argv_out = ua_argv;
    return argc;
}
#endif

void Reset_Handler(void) {
    /* FPU: full access to CP10/CP11 before any floating-point instruction. */
    SCB_CPACR = 0xFu << 20; /* the other bits are reserved (RAZ/WI) */
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    /* .data from flash, .bss zeroed: GCC makes calls of the loops anyway,
     * so they are written as calls (no end-before-start checks). */
    memcpy(&_sdata, &_sidata, (size_t)((char *)&_edata - (char *)&_sdata));
    memset(&_sbss, 0, (size_t)((char *)&_ebss - (char *)&_sbss));

    ua_pyboard_clock_init();

    /* No constructors to run: linker.ld checks that there are none. */

    int argc = 0;
    char **argv = NULL;
#if defined(UA_SEMIHOSTING) && UA_SEMIHOSTING
    argc = ua_semihost_cmdline(&argv);
#else
    static char *no_args[1] = {NULL};
    argv = no_args;
#endif
    int status = main(argc, argv);
    ua_port_exit(status);
}

/* ---- fault reporting (no printf: the fault may come from anywhere) ---- */

/* One report for every exception: its number (3 is HardFault) and the
 * stacked PC. The configurable faults (MemManage, BusFault, UsageFault)
 * are not enabled in SHCSR, so they escalate to HardFault. */
__attribute__((used)) void ua_pyboard_fault_report(const uint32_t *frame) {
    /* frame: r0 r1 r2 r3 r12 lr pc xpsr (exception stack frame) */
    uint32_t exception;
    __asm__ volatile("mrs %0, ipsr" : "=r"(exception));
    ua_pyboard_flush_stdout(); /* the program's output so far, first */
    ua_pyboard_err_str("FATAL: CPU exception ");
    ua_pyboard_err_num(exception & 0x1FFu, 10u, 1u);
    ua_pyboard_err_str(" at pc=0x");
    ua_pyboard_err_num(frame[6], 16u, 8u);
    ua_pyboard_err_str("\n");
    ua_port_exit(134);
}

/* Passes ua_pyboard_fault_report the stack the frame was pushed on
 * (EXC_RETURN bit 2). */
__attribute__((naked, used)) void Fault_Handler(void) {
    __asm__ volatile(
        "tst lr, #4\n\t"
        "ite eq\n\t"
        "mrseq r0, msp\n\t"
        "mrsne r0, psp\n\t"
        "b ua_pyboard_fault_report");
}

/* Heap for newlib (malloc is used e.g. by its float formatting): the
 * _heap_min_size bytes below the stack (the object arena is under them),
 * never past them. */
void *_sbrk(ptrdiff_t incr);
void *_sbrk(ptrdiff_t incr) {
    /* Bytes given out, not a pointer: zero-initialised, it takes no flash
     * in .data (which keeps it even when --gc-sections drops _sbrk). */
    static size_t used;
    uint8_t *old = &_heap_start + used;
    if (incr > &_heap_end - old || incr < -(ptrdiff_t)used) {
        return (void *)-1;
    }
    used += (size_t)incr;
    return old;
}
