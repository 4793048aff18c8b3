/* The `pyb` module of the Pyboard, compiled: plain C functions the uasyncc
 * compiler maps to Python by reading this header with pycparser.
 *
 * Naming convention (the compiler derives the Python API from it):
 *   T pyb_NAME(args);                 pyb.NAME(args)          module function
 *   T pyb_Class_METHOD(int32_t id, args);
 *                                     pyb.Class(id).METHOD(args)
 *       Class starts with an upper-case letter. A leading parameter named
 *       `id` is the object's constructor argument; a class whose methods
 *       have no `id` parameter takes no constructor argument (pyb.Switch()).
 *   void pyb_Class_init(int32_t id, args);
 *                                     called by pyb.Class(id, args) when the
 *                                     constructor gets more than the id.
 *   T pyb_Class_METHOD__N(...);       the overload of METHOD taking N Python
 *                                     arguments (besides the object), when a
 *                                     Python method has optional arguments:
 *                                     pyb_Pin_value(id) is pin.value() and
 *                                     pyb_Pin_value__1(id, v) is pin.value(v).
 *   enum { pyb_Class_NAME = v };      the constant pyb.Class.NAME
 *   enum { pyb_NAME = v };            the constant pyb.NAME
 * Types: int32_t <-> int, float <-> float, bool (_Bool) <-> bool,
 *   void <-> None; a `const char *buf, int32_t len` pair <-> one str/bytes
 *   argument; `void (*fun)(void)` <-> a callable taking no arguments (it
 *   runs in interrupt context), NULL <-> None.
 * Pins are passed as an int id = port_index * 16 + number (A0 = 0,
 *   B4 = 20); the compiler resolves pyb.Pin('A13') / pyb.Pin('X9') /
 *   pyb.Pin.board.X9 at compile time with the pyb_Pin_cpu_* and
 *   pyb_Pin_board_* constants below.
 *
 * Parsing: this file has no macros, no GCC extensions, no string or char
 * literals, and no preprocessor lines but the include guard and the two
 * #includes. The compiler removes the comments (pycparser 3 rejects them;
 * a regex suffices since there are no literals), drops every line starting
 * with '#', prepends
 *     typedef int int32_t; typedef unsigned int uint32_t; typedef _Bool bool;
 * and gives the text to pycparser.c_parser.CParser().parse()
 * (tests/test_pyboard_target.py checks this).
 */
#ifndef UA_PYB_H
#define UA_PYB_H

#include <stdbool.h>
#include <stdint.h>

/* Pin modes and pulls (values as in MicroPython). */
enum {
    pyb_Pin_IN = 0,
    pyb_Pin_OUT_PP = 1,
    pyb_Pin_OUT = 1,
    pyb_Pin_OUT_OD = 17,
    pyb_Pin_PULL_NONE = 0,
    pyb_Pin_PULL_UP = 1,
    pyb_Pin_PULL_DOWN = 2
};

/* CPU pin names: pyb.Pin.cpu.A13 etc. (the ones the board uses). */
enum {
    pyb_Pin_cpu_A0 = 0, pyb_Pin_cpu_A1 = 1, pyb_Pin_cpu_A2 = 2, pyb_Pin_cpu_A3 = 3,
    pyb_Pin_cpu_A4 = 4, pyb_Pin_cpu_A5 = 5, pyb_Pin_cpu_A6 = 6, pyb_Pin_cpu_A7 = 7,
    pyb_Pin_cpu_A8 = 8, pyb_Pin_cpu_A13 = 13, pyb_Pin_cpu_A14 = 14, pyb_Pin_cpu_A15 = 15,
    pyb_Pin_cpu_B0 = 16, pyb_Pin_cpu_B1 = 17, pyb_Pin_cpu_B3 = 19, pyb_Pin_cpu_B4 = 20,
    pyb_Pin_cpu_B6 = 22, pyb_Pin_cpu_B7 = 23, pyb_Pin_cpu_B8 = 24, pyb_Pin_cpu_B9 = 25,
    pyb_Pin_cpu_B10 = 26, pyb_Pin_cpu_B11 = 27, pyb_Pin_cpu_B12 = 28, pyb_Pin_cpu_B13 = 29,
    pyb_Pin_cpu_B14 = 30, pyb_Pin_cpu_B15 = 31,
    pyb_Pin_cpu_C0 = 32, pyb_Pin_cpu_C1 = 33, pyb_Pin_cpu_C2 = 34, pyb_Pin_cpu_C3 = 35,
    pyb_Pin_cpu_C4 = 36, pyb_Pin_cpu_C5 = 37, pyb_Pin_cpu_C6 = 38, pyb_Pin_cpu_C7 = 39
};

/* Board pin names of the Pyboard v1.1 (X and Y headers, LEDs, switch). */
enum {
    pyb_Pin_board_X1 = 0, pyb_Pin_board_X2 = 1, pyb_Pin_board_X3 = 2, pyb_Pin_board_X4 = 3,
    pyb_Pin_board_X5 = 4, pyb_Pin_board_X6 = 5, pyb_Pin_board_X7 = 6, pyb_Pin_board_X8 = 7,
    pyb_Pin_board_X9 = 22, pyb_Pin_board_X10 = 23, pyb_Pin_board_X11 = 36,
    pyb_Pin_board_X12 = 37, pyb_Pin_board_X17 = 19, pyb_Pin_board_X18 = 45,
    pyb_Pin_board_X19 = 32, pyb_Pin_board_X20 = 33, pyb_Pin_board_X21 = 34,
    pyb_Pin_board_X22 = 35,
    pyb_Pin_board_Y1 = 38, pyb_Pin_board_Y2 = 39, pyb_Pin_board_Y3 = 24, pyb_Pin_board_Y4 = 25,
    pyb_Pin_board_Y5 = 28, pyb_Pin_board_Y6 = 29, pyb_Pin_board_Y7 = 30, pyb_Pin_board_Y8 = 31,
    pyb_Pin_board_Y9 = 26, pyb_Pin_board_Y10 = 27, pyb_Pin_board_Y11 = 16,
    pyb_Pin_board_Y12 = 17,
    pyb_Pin_board_LED_RED = 13, pyb_Pin_board_LED_GREEN = 14,
    pyb_Pin_board_LED_YELLOW = 15, pyb_Pin_board_LED_BLUE = 20,
    pyb_Pin_board_SW = 19
};

/* pyb.LED(id), id 1..4: red PA13, green PA14, yellow PA15, blue PB4.
 * intensity(v), v 0..255: LEDs 1-2 on for v > 0 (as MicroPython); LEDs 3-4
 * have no PWM yet and are on for v >= 128. Other ids are ignored. */
void pyb_LED_on(int32_t id);
void pyb_LED_off(int32_t id);
void pyb_LED_toggle(int32_t id);
void pyb_LED_intensity__1(int32_t id, int32_t value);
int32_t pyb_LED_intensity(int32_t id);

/* pyb.Switch(): the USR button on PB3 (pull-up, pressed = low). */
bool pyb_Switch_value(void);
/* fun runs in interrupt context (EXTI3, falling edge = press); NULL
 * disables the interrupt. */
void pyb_Switch_callback(void (*fun)(void));

/* pyb.Pin(id[, mode[, pull]]) */
void pyb_Pin_init(int32_t id, int32_t mode, int32_t pull);
int32_t pyb_Pin_value(int32_t id);
void pyb_Pin_value__1(int32_t id, int32_t value);
void pyb_Pin_high(int32_t id);
void pyb_Pin_low(int32_t id);
void pyb_Pin_on(int32_t id);
void pyb_Pin_off(int32_t id);

/* pyb.UART(id[, baudrate]): ids 1 (PB6/PB7 = X9/X10, the console), 2
 * (PA2/PA3), 3 (PB10/PB11), 4 (PA0/PA1), 6 (PC6/PC7); 8N1. write() returns
 * the number of bytes written (0 for an unknown id). */
void pyb_UART_init(int32_t id, int32_t baudrate);
int32_t pyb_UART_write(int32_t id, const char *buf, int32_t len);

/* Time, wrapping like MicroPython's (values in [0, 2**30)). */
void pyb_delay(int32_t ms);
void pyb_udelay(int32_t us);
int32_t pyb_millis(void);
int32_t pyb_micros(void);
int32_t pyb_elapsed_millis(int32_t start);
int32_t pyb_elapsed_micros(int32_t start);

/* pyb.freq(): SYSCLK in Hz (MicroPython returns a 4-tuple; this is its
 * first item). */
int32_t pyb_freq(void);

#endif
