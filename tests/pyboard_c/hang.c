/* Never finishes: sleeps forever (the runner's timeout must stop it). */
#include "common.h"

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_puts("hanging\n");
    for (;;) ua_port_idle(false, 0);
}
