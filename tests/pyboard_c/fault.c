/* A bus fault (read just below SRAM) escalates to HardFault; the handler
 * prints the stacked PC. */
#include "common.h"
#include "ua_pyboard.h"

__attribute__((noinline)) uint32_t do_fault(volatile uint32_t *p) {
    return *p;
}

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_puts("about to fault\n");
    uint32_t v = do_fault((volatile uint32_t *)0x1FFFFFFCu);
    t_kv("not reached", v);
    return 0;
}
