/* argv from semihosting SYS_GET_CMDLINE. */
#include "common.h"

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_kv("argc", (uint32_t)argc);
    for (int i = 1; i < argc; i++) {
        t_puts(argv[i]);
        t_puts("\n");
    }
    return argc;
}
