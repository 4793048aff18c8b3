/* Prints a fixed text and returns TEST_STATUS from main (the exit status
 * must come back through Reset_Handler -> ua_port_exit). */
#include "common.h"

#ifndef TEST_STATUS
#define TEST_STATUS 0
#endif

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_puts("hello from the pyboard\n");
    ua_port_write_err("err line\n", 9);
    t_puts("bytes\r\nunchanged\n");
    return TEST_STATUS;
}
