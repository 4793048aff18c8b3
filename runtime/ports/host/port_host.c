/* The POSIX port: real time from CLOCK_MONOTONIC, or with --virtual-time a
 * clock that starts at 0 and jumps to each deadline when idle. ticks_cpu
 * counts nanoseconds of either clock. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ua.h"

bool ua_host_switch_pressed(void);

static bool virtual_time;
static bool arena_report;
static uint64_t virtual_us;

void ua_port_init(int argc, char **argv) {
    signal(SIGUSR1, SIG_IGN);   /* the switch interrupt, until a callback is set */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--virtual-time") == 0) virtual_time = true;
        else if (strcmp(argv[i], "--arena-report") == 0) arena_report = true;
    virtual_us = 0;
}

static uint64_t now_ns(void) {
    if (virtual_time) return virtual_us * 1000u;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t now_us(void) { return virtual_time ? virtual_us : now_ns() / 1000u; }

uint32_t ua_port_ticks_ms(void) { return (uint32_t)(now_us() / 1000u); }
uint32_t ua_port_ticks_us(void) { return (uint32_t)now_us(); }
uint32_t ua_port_ticks_cpu(void) { return (uint32_t)now_ns(); }

static void write_all(int fd, const char *buf, size_t len) {
    while (len) {
        ssize_t n = write(fd, buf, len);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        buf += n;
        len -= (size_t)n;
    }
}

void ua_port_write_out(const char *buf, size_t len) { write_all(1, buf, len); }
void ua_port_write_err(const char *buf, size_t len) { write_all(2, buf, len); }

/* The console buffer written out (ua_port.h), then with "--arena-report"
 * the arena's peak use on stderr, as the Pyboard port, and the number of
 * allocations (tests/test_bounded.py). */
void ua_port_exit(int status) {
    ua_out_flush(&ua_stdout);
    if (arena_report) {
        char msg[128];
        int n = snprintf(msg, sizeof msg, "uasyncc: arena peak %zu B of %zu B, %zu allocations\n",
                         ua_arena_peak(), ua_arena_size(), ua_arena_alloc_count());
        if (n > 0) write_all(2, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1u);
    }
    _exit(status);
}

/* Simulated interrupts for tests: UASYNCC_SWITCH_PRESS_MS="263-417,900"
 * presses the USR switch at 263 ms (raising SIGUSR1, its interrupt, see
 * pyb_host.c) and releases it at 417 ms; a press without a release is held. */
#define MAX_PRESSES 16
static uint32_t press_at[MAX_PRESSES], release_at[MAX_PRESSES];
static int n_presses = -1, next_press;

static void read_presses(void) {
    n_presses = 0;
    const char *spec = getenv("UASYNCC_SWITCH_PRESS_MS");
    while (spec && *spec && n_presses < MAX_PRESSES) {
        char *end;
        press_at[n_presses] = (uint32_t)strtoul(spec, &end, 10);
        release_at[n_presses] = UINT32_MAX;
        if (*end == '-') release_at[n_presses] = (uint32_t)strtoul(end + 1, &end, 10);
        n_presses++;
        spec = *end == ',' ? end + 1 : end;
    }
}

bool ua_host_switch_pressed(void) {
    if (n_presses < 0) read_presses();
    uint32_t now = ua_port_ticks_ms();
    for (int i = 0; i < n_presses; i++)
        if (press_at[i] <= now && now < release_at[i]) return true;
    return false;
}

static bool next_interrupt(uint32_t *at_ms) {
    if (n_presses < 0) read_presses();
    if (next_press >= n_presses) return false;
    *at_ms = press_at[next_press];
    return true;
}

/* If the next simulated interrupt comes before the deadline: wait for it,
 * raise it, and return true (idle ends early, as WFI would). */
static bool interrupt_before(bool has_deadline, uint32_t deadline_ms) {
    uint32_t at;
    if (!next_interrupt(&at)) return false;
    if (has_deadline && ua_ticks_diff32(deadline_ms, at) < 0) return false;
    int32_t wait = ua_ticks_diff32(at, ua_port_ticks_ms());
    if (wait > 0) {
        if (virtual_time) {
            virtual_us = (uint64_t)at * 1000u;
        } else {
            struct timespec ts = {wait / 1000, (long)(wait % 1000) * 1000000L};
            while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
        }
    }
    next_press++;
    raise(SIGUSR1);
    return true;
}

void ua_port_idle(bool has_deadline, uint32_t deadline_ms) {
    int32_t wait = has_deadline ? ua_ticks_diff32(deadline_ms, ua_port_ticks_ms()) : 0;
    ua_out_flush(&ua_stdout);
    if (interrupt_before(has_deadline, deadline_ms)) return;
    if (virtual_time) {
        if (!has_deadline) {
            static const char msg[] =
                "uasyncc: deadlock: every task is waiting and no timer is pending\n";
            ua_out_flush(&ua_stdout);
            write_all(2, msg, sizeof msg - 1u);
            _exit(3);
        }
        /* jump to the deadline: whole milliseconds */
        if (wait > 0) virtual_us = (virtual_us / 1000u + (uint64_t)wait) * 1000u;
        return;
    }
    if (!has_deadline) {
        pause();
        return;
    }
    if (wait <= 0) return;
    struct timespec ts = {wait / 1000, (long)(wait % 1000) * 1000000L};
    nanosleep(&ts, NULL); /* a signal may end it early: the loop retries */
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

static sigset_t saved_mask;
static uint32_t irq_depth;

uint32_t ua_port_irq_save(void) {
    if (irq_depth++ == 0) {
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, &saved_mask);
    }
    return irq_depth;
}

void ua_port_irq_restore(uint32_t saved) {
    (void)saved;
    if (irq_depth && --irq_depth == 0) sigprocmask(SIG_SETMASK, &saved_mask, NULL);
}
