/* Start-up code for the Pyboard v1.1 (STM32F405RG, Cortex-M4F): vector
 * table, Reset_Handler, fault handlers, a bounded _sbrk for newlib. */
#include <stddef.h>
#include <stdint.h>

#include "stm32f405.h"
#include "ua_port.h"
#include "ua_pyboard.h"

int main(int argc, char **argv);

/* Generated code may define it (strong) or just store to it. */
__attribute__((weak)) volatile int ua_current_line = 0;

/* Linker script symbols. */
extern uint32_t _sidata, _sdata, _edata, _sbss, _ebss, _estack;
extern uint8_t _heap_start, _heap_end;
extern void (*__preinit_array_start[])(void);
extern void (*__preinit_array_end[])(void);
extern void (*__init_array_start[])(void);
extern void (*__init_array_end[])(void);

void Reset_Handler(void);
void Default_Handler(void);
void HardFault_Handler(void);
void MemManage_Handler(void);
void BusFault_Handler(void);
void UsageFault_Handler(void);

#define WEAK_ALIAS __attribute__((weak, alias("Default_Handler")))
void NMI_Handler(void) WEAK_ALIAS;
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
void EXTI4_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream0_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream1_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream2_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream3_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream4_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream5_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream6_IRQHandler(void) WEAK_ALIAS;
void ADC_IRQHandler(void) WEAK_ALIAS;
void CAN1_TX_IRQHandler(void) WEAK_ALIAS;
void CAN1_RX0_IRQHandler(void) WEAK_ALIAS;
void CAN1_RX1_IRQHandler(void) WEAK_ALIAS;
void CAN1_SCE_IRQHandler(void) WEAK_ALIAS;
void EXTI9_5_IRQHandler(void) WEAK_ALIAS;
void TIM1_BRK_TIM9_IRQHandler(void) WEAK_ALIAS;
void TIM1_UP_TIM10_IRQHandler(void) WEAK_ALIAS;
void TIM1_TRG_COM_TIM11_IRQHandler(void) WEAK_ALIAS;
void TIM1_CC_IRQHandler(void) WEAK_ALIAS;
void TIM2_IRQHandler(void) WEAK_ALIAS;
void TIM3_IRQHandler(void) WEAK_ALIAS;
void TIM4_IRQHandler(void) WEAK_ALIAS;
void I2C1_EV_IRQHandler(void) WEAK_ALIAS;
void I2C1_ER_IRQHandler(void) WEAK_ALIAS;
void I2C2_EV_IRQHandler(void) WEAK_ALIAS;
void I2C2_ER_IRQHandler(void) WEAK_ALIAS;
void SPI1_IRQHandler(void) WEAK_ALIAS;
void SPI2_IRQHandler(void) WEAK_ALIAS;
void USART1_IRQHandler(void) WEAK_ALIAS;
void USART2_IRQHandler(void) WEAK_ALIAS;
void USART3_IRQHandler(void) WEAK_ALIAS;
void EXTI15_10_IRQHandler(void) WEAK_ALIAS;
void RTC_Alarm_IRQHandler(void) WEAK_ALIAS;
void OTG_FS_WKUP_IRQHandler(void) WEAK_ALIAS;
void TIM8_BRK_TIM12_IRQHandler(void) WEAK_ALIAS;
void TIM8_UP_TIM13_IRQHandler(void) WEAK_ALIAS;
void TIM8_TRG_COM_TIM14_IRQHandler(void) WEAK_ALIAS;
void TIM8_CC_IRQHandler(void) WEAK_ALIAS;
void DMA1_Stream7_IRQHandler(void) WEAK_ALIAS;
void FSMC_IRQHandler(void) WEAK_ALIAS;
void SDIO_IRQHandler(void) WEAK_ALIAS;
void TIM5_IRQHandler(void) WEAK_ALIAS;
void SPI3_IRQHandler(void) WEAK_ALIAS;
void UART4_IRQHandler(void) WEAK_ALIAS;
void UART5_IRQHandler(void) WEAK_ALIAS;
void TIM6_DAC_IRQHandler(void) WEAK_ALIAS;
void TIM7_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream0_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream1_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream2_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream3_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream4_IRQHandler(void) WEAK_ALIAS;
void CAN2_TX_IRQHandler(void) WEAK_ALIAS;
void CAN2_RX0_IRQHandler(void) WEAK_ALIAS;
void CAN2_RX1_IRQHandler(void) WEAK_ALIAS;
void CAN2_SCE_IRQHandler(void) WEAK_ALIAS;
void OTG_FS_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream5_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream6_IRQHandler(void) WEAK_ALIAS;
void DMA2_Stream7_IRQHandler(void) WEAK_ALIAS;
void USART6_IRQHandler(void) WEAK_ALIAS;
void I2C3_EV_IRQHandler(void) WEAK_ALIAS;
void I2C3_ER_IRQHandler(void) WEAK_ALIAS;
void OTG_HS_EP1_OUT_IRQHandler(void) WEAK_ALIAS;
void OTG_HS_EP1_IN_IRQHandler(void) WEAK_ALIAS;
void OTG_HS_WKUP_IRQHandler(void) WEAK_ALIAS;
void OTG_HS_IRQHandler(void) WEAK_ALIAS;
void HASH_RNG_IRQHandler(void) WEAK_ALIAS;
void FPU_IRQHandler(void) WEAK_ALIAS;

typedef void (*ua_vector)(void);

/* 16 system exceptions + 82 STM32F405 interrupts (IRQ 0..81). Reserved
 * slots (ETH, DCMI, CRYP exist only on the F407/F415/F417) point to the
 * default handler so a stray interrupt is reported instead of jumping to 0. */
__attribute__((section(".isr_vector"), used))
const ua_vector ua_vector_table[16 + 82] = {
    (ua_vector)(uintptr_t)&_estack,
    Reset_Handler,
    NMI_Handler,
    HardFault_Handler,
    MemManage_Handler,
    BusFault_Handler,
    UsageFault_Handler,
    0, 0, 0, 0,
    SVC_Handler,
    DebugMon_Handler,
    0,
    PendSV_Handler,
    SysTick_Handler,
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
    /* IRQ 10 */ EXTI4_IRQHandler,
    DMA1_Stream0_IRQHandler,
    DMA1_Stream1_IRQHandler,
    DMA1_Stream2_IRQHandler,
    DMA1_Stream3_IRQHandler,
    DMA1_Stream4_IRQHandler,
    DMA1_Stream5_IRQHandler,
    DMA1_Stream6_IRQHandler,
    ADC_IRQHandler,
    CAN1_TX_IRQHandler,
    /* IRQ 20 */ CAN1_RX0_IRQHandler,
    CAN1_RX1_IRQHandler,
    CAN1_SCE_IRQHandler,
    EXTI9_5_IRQHandler,
    TIM1_BRK_TIM9_IRQHandler,
    TIM1_UP_TIM10_IRQHandler,
    TIM1_TRG_COM_TIM11_IRQHandler,
    TIM1_CC_IRQHandler,
    TIM2_IRQHandler,
    TIM3_IRQHandler,
    /* IRQ 30 */ TIM4_IRQHandler,
    I2C1_EV_IRQHandler,
    I2C1_ER_IRQHandler,
    I2C2_EV_IRQHandler,
    I2C2_ER_IRQHandler,
    SPI1_IRQHandler,
    SPI2_IRQHandler,
    USART1_IRQHandler,
    USART2_IRQHandler,
    USART3_IRQHandler,
    /* IRQ 40 */ EXTI15_10_IRQHandler,
    RTC_Alarm_IRQHandler,
    OTG_FS_WKUP_IRQHandler,
    TIM8_BRK_TIM12_IRQHandler,
    TIM8_UP_TIM13_IRQHandler,
    TIM8_TRG_COM_TIM14_IRQHandler,
    TIM8_CC_IRQHandler,
    DMA1_Stream7_IRQHandler,
    FSMC_IRQHandler,
    SDIO_IRQHandler,
    /* IRQ 50 */ TIM5_IRQHandler,
    SPI3_IRQHandler,
    UART4_IRQHandler,
    UART5_IRQHandler,
    TIM6_DAC_IRQHandler,
    TIM7_IRQHandler,
    DMA2_Stream0_IRQHandler,
    DMA2_Stream1_IRQHandler,
    DMA2_Stream2_IRQHandler,
    DMA2_Stream3_IRQHandler,
    /* IRQ 60 */ DMA2_Stream4_IRQHandler,
    Default_Handler, /* 61 ETH (reserved on F405) */
    Default_Handler, /* 62 ETH_WKUP (reserved on F405) */
    CAN2_TX_IRQHandler,
    CAN2_RX0_IRQHandler,
    CAN2_RX1_IRQHandler,
    CAN2_SCE_IRQHandler,
    OTG_FS_IRQHandler,
    DMA2_Stream5_IRQHandler,
    DMA2_Stream6_IRQHandler,
    /* IRQ 70 */ DMA2_Stream7_IRQHandler,
    USART6_IRQHandler,
    I2C3_EV_IRQHandler,
    I2C3_ER_IRQHandler,
    OTG_HS_EP1_OUT_IRQHandler,
    OTG_HS_EP1_IN_IRQHandler,
    OTG_HS_WKUP_IRQHandler,
    OTG_HS_IRQHandler,
    Default_Handler, /* 78 DCMI (reserved on F405) */
    Default_Handler, /* 79 CRYP (reserved on F405) */
    /* IRQ 80 */ HASH_RNG_IRQHandler,
    FPU_IRQHandler,
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
    SCB_CPACR |= (0xFu << 20);
    __asm__ volatile("dsb\n\tisb" ::: "memory");

    uint32_t *src = &_sidata;
    for (uint32_t *dst = &_sdata; dst < &_edata;) *dst++ = *src++;
    for (uint32_t *dst = &_sbss; dst < &_ebss;) *dst++ = 0;

    ua_pyboard_clock_init();

    size_t n = (size_t)(__preinit_array_end - __preinit_array_start);
    for (size_t i = 0; i < n; i++) __preinit_array_start[i]();
    n = (size_t)(__init_array_end - __init_array_start);
    for (size_t i = 0; i < n; i++) __init_array_start[i]();

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

static void put_str(const char *s) {
    size_t n = 0;
    while (s[n] != '\0') n++;
    ua_port_write_err(s, n);
}

static void put_hex32(uint32_t v) {
    char buf[10];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 8; i++) buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xFu];
    ua_port_write_err(buf, sizeof buf);
}

static void put_dec(int v) {
    char buf[12];
    int i = (int)sizeof buf;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    do {
        buf[--i] = (char)('0' + u % 10u);
        u /= 10u;
    } while (u != 0u);
    if (v < 0) buf[--i] = '-';
    ua_port_write_err(buf + i, (size_t)((int)sizeof buf - i));
}

__attribute__((used)) void ua_pyboard_fault_report(const uint32_t *frame, const char *kind) {
    /* frame: r0 r1 r2 r3 r12 lr pc xpsr (exception stack frame) */
    ua_pyboard_flush_stdout(); /* the program's output so far, first */
    put_str("FATAL: ");
    put_str(kind);
    put_str(" at pc=");
    put_hex32(frame[6]);
    int line = ua_current_line;
    if (line != 0) {
        put_str(" while running line ");
        put_dec(line);
    }
    put_str("\n");
    ua_port_exit(134);
}

/* Each fault handler picks the stack the frame was pushed on (EXC_RETURN
 * bit 2) and passes it, with its name, to ua_pyboard_fault_report. The
 * configurable faults are not enabled in SHCSR, so they escalate to
 * HardFault; their handlers exist for firmware that enables them. */
#define UA_FAULT_HANDLER(name, label)                                   \
    static const char name##_kind[] = label;                            \
    __attribute__((naked, used)) void name(void) {                      \
        __asm__ volatile(                                               \
            "tst lr, #4\n\t"                                            \
            "ite eq\n\t"                                                \
            "mrseq r0, msp\n\t"                                         \
            "mrsne r0, psp\n\t"                                         \
            "ldr r1, =%c0\n\t"                                          \
            "b ua_pyboard_fault_report\n\t"                             \
            ".ltorg" ::"i"(name##_kind));                               \
    }
UA_FAULT_HANDLER(HardFault_Handler, "HardFault")
UA_FAULT_HANDLER(MemManage_Handler, "MemManage")
UA_FAULT_HANDLER(BusFault_Handler, "BusFault")
UA_FAULT_HANDLER(UsageFault_Handler, "UsageFault")

void Default_Handler(void) {
    uint32_t ipsr;
    __asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
    ua_pyboard_flush_stdout();
    put_str("FATAL: unexpected interrupt, exception number ");
    put_dec((int)(ipsr & 0x1FFu));
    put_str("\n");
    ua_port_exit(134);
}

/* Heap for newlib (malloc is used e.g. by its float formatting): the
 * _heap_min_size bytes below the stack (the object arena is under them),
 * never past them. */
void *_sbrk(ptrdiff_t incr);
void *_sbrk(ptrdiff_t incr) {
    static uint8_t *brk = &_heap_start;
    if (incr > &_heap_end - brk || incr < &_heap_start - brk) {
        return (void *)-1;
    }
    uint8_t *old = brk;
    brk += incr;
    return old;
}
