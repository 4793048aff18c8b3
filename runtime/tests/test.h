/* The unit tests' assertion macros and the test port's controls. */
#ifndef UA_TEST_H
#define UA_TEST_H

#include <stdio.h>
#include <string.h>

#include "ua.h"

extern uint32_t test_now_ms;         /* the fake port's clock */
extern char test_out[];              /* what ua_port_write_out received */
extern size_t test_out_len;
extern char test_err[];              /* what ua_port_write_err received */
extern size_t test_err_len;
extern int test_failures;
void test_clear_output(void);

#define CHECK(c)                                                             \
    do {                                                                     \
        if (!(c)) {                                                          \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, \
                    #c);                                                     \
            test_failures++;                                                 \
        }                                                                    \
    } while (0)

#define CHECK_STR(got, want)                                                    \
    do {                                                                        \
        const char *g_ = (got), *w_ = (want);                                   \
        if (!g_ || strcmp(g_, w_) != 0) {                                       \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,       \
                    __LINE__, g_ ? g_ : "(null)", w_);                          \
            test_failures++;                                                    \
        }                                                                       \
    } while (0)

#define TEST_END() (test_failures ? 1 : 0)

#endif
