/* Calls ua_port_exit directly; nothing after it may run. */
#include "common.h"

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_puts("before exit\n");
    ua_port_exit(42);
    t_puts("after exit\n");
    return 0;
}
