/* A fake port for the unit tests: the test sets the clock, idle jumps it
 * to the deadline, output is captured. */
#include <stdlib.h>

#include "test.h"

uint32_t test_now_ms;
char test_out[65536];
size_t test_out_len;
char test_err[65536];
size_t test_err_len;
int test_failures;

void test_clear_output(void) {
    ua_out_flush(&ua_stdout);
    test_out_len = test_err_len = 0;
    test_out[0] = test_err[0] = 0;
}

void ua_port_init(int argc, char **argv) {
    (void)argc;
    (void)argv;
}

uint32_t ua_port_ticks_ms(void) { return test_now_ms; }
uint32_t ua_port_ticks_us(void) { return test_now_ms * 1000u; }
uint32_t ua_port_ticks_cpu(void) { return test_now_ms * 1000000u; }

void ua_port_idle(bool has_deadline, uint32_t deadline_ms) {
    if (!has_deadline) {
        fprintf(stderr, "test port: deadlock (idle without a deadline)\n");
        exit(99);
    }
    if (ua_ticks_diff32(deadline_ms, test_now_ms) > 0) test_now_ms = deadline_ms;
}

static void capture(char *buf, size_t *len, const char *s, size_t n) {
    if (*len + n >= 65536) n = 65535 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = 0;
}

void ua_port_write_out(const char *buf, size_t len) { capture(test_out, &test_out_len, buf, len); }
void ua_port_write_err(const char *buf, size_t len) { capture(test_err, &test_err_len, buf, len); }

void ua_port_exit(int status) {
    ua_out_flush(&ua_stdout); /* (ua_port.h) */
    fprintf(stderr, "test port: exit(%d)\n", status);
    exit(status ? status : 98);
}

/* The executable's .data and .bss (symbols of the GNU linker and glibc's
 * start files), and the stack's end as the C library found it at start. */
extern char __data_start[], _end[];
extern void *__libc_stack_end;

void ua_port_static_data(char **start, char **end) {
    *start = __data_start;
    *end = _end;
}

void *ua_port_stack_top(void) { return __libc_stack_end; }

/* The arena, its map and bookkeeping: a static array (in .bss, untouched pages cost
 * nothing). */
static _Alignas(8) char arena_ram[UA_ARENA_RAM(UA_ARENA_SIZE)];

void ua_port_heap(char **start, char **end) {
    *start = arena_ram;
    *end = arena_ram + sizeof arena_ram;
}

uint32_t ua_port_irq_save(void) { return 0; }
void ua_port_irq_restore(uint32_t saved) { (void)saved; }

/* The unit tests use every scheduler path. */
const uint32_t ua_program_features = UA_FEATURES_ALL;
