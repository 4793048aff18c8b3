/* The port interface: everything the runtime needs from a target.
 * One implementation per target: runtime/ports/host (POSIX, real or virtual
 * time) and targets/pyboard (STM32F405). Nothing else in the runtime touches
 * hardware or the operating system. */
#ifndef UA_PORT_H
#define UA_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Called once from main() before any other port function. The host port
 * reads "--virtual-time" from argv. */
void ua_port_init(int argc, char **argv);

/* Free-running counters. They wrap at 2**32; compare only through
 * ua_ticks_diff (ua_time.h). In virtual time they start at 0 and advance
 * only in ua_port_idle. ticks_cpu counts at the highest rate the target
 * has (host: nanoseconds; Pyboard: the timer clock, 84 MHz, and one per
 * instruction under QEMU -icount shift=0); in virtual time it counts
 * nanoseconds of the virtual clock on every target, as the CPython shim. */
uint32_t ua_port_ticks_ms(void);
uint32_t ua_port_ticks_us(void);
uint32_t ua_port_ticks_cpu(void);

/* Nothing is ready to run: wait until ticks_ms reaches deadline_ms (when
 * has_deadline) or an interrupt arrives. May return early. In virtual time
 * the clock jumps to the deadline at once; with no deadline and no
 * interrupt source the program is deadlocked and the port reports it and
 * exits with status 3. */
void ua_port_idle(bool has_deadline, uint32_t deadline_ms);

/* Program output (stdout / the console UART) and diagnostics (stderr; the
 * same UART on the Pyboard). Blocking, unbuffered at this level. */
void ua_port_write_out(const char *buf, size_t len);
void ua_port_write_err(const char *buf, size_t len);

/* End the program with this status (on the Pyboard under QEMU through
 * semihosting; on a real board: report and halt), writing out the console
 * buffer first (ua_out_flush(&ua_stdout)): every port exit needs that, so
 * the runtime's exit leaves it to the port. */
void ua_port_exit(int status) __attribute__((noreturn));

/* Where the program can keep pointers into the object arena, for its
 * collector (arena.c): the static data (.data and .bss) and the end of the
 * stack it grows down from (above main's frame). */
void ua_port_static_data(char **start, char **end);
void *ua_port_stack_top(void);
/* The RAM for the object arena and its collector's map (a ninth of it),
 * taken once, at the first allocation: a static array on the host, the RAM
 * between .bss and the stack on the Pyboard. */
void ua_port_heap(char **start, char **end);

/* Interrupt masking for the few critical sections shared with ISRs. */
uint32_t ua_port_irq_save(void);
void ua_port_irq_restore(uint32_t saved);

#endif
