/* Minimal STM32F405 / Cortex-M4 register definitions for the pyboard target
 * (only what startup.c, clock.c, port_pyboard.c and pyb.c use). Addresses
 * and bit positions from RM0090 and the ARMv7-M ARM. */
#ifndef UA_STM32F405_H
#define UA_STM32F405_H

#include <stdint.h>

#define UA_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System control block, SysTick, NVIC, FPU access */
#define SCB_ICSR UA_REG(0xE000ED04u)
#define SCB_ICSR_ISRPENDING (1u << 22)
#define SCB_CPACR UA_REG(0xE000ED88u)
#define SCB_CFSR UA_REG(0xE000ED28u)
#define SYST_CSR UA_REG(0xE000E010u)
#define SYST_RVR UA_REG(0xE000E014u)
#define SYST_CVR UA_REG(0xE000E018u)
#define SYST_CSR_ENABLE (1u << 0)
#define SYST_CSR_TICKINT (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)
#define SYST_CSR_COUNTFLAG (1u << 16)
#define NVIC_ISER(n) UA_REG(0xE000E100u + 4u * (n))
#define NVIC_ICER(n) UA_REG(0xE000E180u + 4u * (n))
#define NVIC_ISPR(n) UA_REG(0xE000E200u + 4u * (n))
#define NVIC_ICPR(n) UA_REG(0xE000E280u + 4u * (n))

/* RCC */
#define RCC_BASE 0x40023800u
#define RCC_CR UA_REG(RCC_BASE + 0x00u)
#define RCC_PLLCFGR UA_REG(RCC_BASE + 0x04u)
#define RCC_CFGR UA_REG(RCC_BASE + 0x08u)
#define RCC_AHB1ENR UA_REG(RCC_BASE + 0x30u)
#define RCC_APB1ENR UA_REG(RCC_BASE + 0x40u)
#define RCC_APB2ENR UA_REG(RCC_BASE + 0x44u)
#define RCC_CR_HSION (1u << 0)
#define RCC_CR_HSIRDY (1u << 1)
#define RCC_CR_HSEON (1u << 16)
#define RCC_CR_HSERDY (1u << 17)
#define RCC_CR_PLLON (1u << 24)
#define RCC_CR_PLLRDY (1u << 25)

/* FLASH interface, PWR */
#define FLASH_ACR_ADDR 0x40023C00u
#define FLASH_ACR UA_REG(FLASH_ACR_ADDR)
#define PWR_CR UA_REG(0x40007000u)

/* GPIO: port index 0 = A ... 8 = I, 0x400 apart */
#define GPIO_BASE(port) (0x40020000u + 0x400u * (uint32_t)(port))
#define GPIO_MODER(p) UA_REG(GPIO_BASE(p) + 0x00u)
#define GPIO_OTYPER(p) UA_REG(GPIO_BASE(p) + 0x04u)
#define GPIO_OSPEEDR(p) UA_REG(GPIO_BASE(p) + 0x08u)
#define GPIO_PUPDR(p) UA_REG(GPIO_BASE(p) + 0x0Cu)
#define GPIO_IDR(p) UA_REG(GPIO_BASE(p) + 0x10u)
#define GPIO_ODR(p) UA_REG(GPIO_BASE(p) + 0x14u)
#define GPIO_BSRR(p) UA_REG(GPIO_BASE(p) + 0x18u)
#define GPIO_AFRL(p) UA_REG(GPIO_BASE(p) + 0x20u)
#define GPIO_AFRH(p) UA_REG(GPIO_BASE(p) + 0x24u)

/* USART: SR, DR, BRR, CR1 */
#define USART_SR(b) UA_REG((b) + 0x00u)
#define USART_DR(b) UA_REG((b) + 0x04u)
#define USART_BRR(b) UA_REG((b) + 0x08u)
#define USART_CR1(b) UA_REG((b) + 0x0Cu)
#define USART_CR2(b) UA_REG((b) + 0x10u)
#define USART_CR3(b) UA_REG((b) + 0x14u)
#define USART_SR_TXE (1u << 7)
#define USART_SR_TC (1u << 6)
#define USART1_BASE 0x40011000u
#define USART2_BASE 0x40004400u
#define USART3_BASE 0x40004800u
#define UART4_BASE 0x40004C00u
#define USART6_BASE 0x40011400u

/* TIM2 and TIM5 (32-bit general-purpose timers on APB1) */
#define TIM2_BASE 0x40000000u
#define TIM5_BASE 0x40000C00u
#define TIM_CR1(b) UA_REG((b) + 0x00u)
#define TIM_EGR(b) UA_REG((b) + 0x14u)
#define TIM_CNT(b) UA_REG((b) + 0x24u)
#define TIM_PSC(b) UA_REG((b) + 0x28u)
#define TIM_ARR(b) UA_REG((b) + 0x2Cu)

/* SYSCFG, EXTI */
#define SYSCFG_EXTICR(n) UA_REG(0x40013808u + 4u * (n))
#define EXTI_IMR UA_REG(0x40013C00u)
#define EXTI_RTSR UA_REG(0x40013C08u)
#define EXTI_FTSR UA_REG(0x40013C0Cu)
#define EXTI_PR UA_REG(0x40013C14u)

#define IRQ_EXTI3 9u

#endif
