/* Program start and end. */
#include "ua.h"

void ua_runtime_init(int argc, char **argv) {
    ua_port_init(argc, argv);
    ua_sched_start();
}

void ua_runtime_exit(int status) {
    ua_report_uncollected(); /* as CPython's collection at exit */
    ua_port_exit(status);    /* (it writes out ua_stdout: ua_port.h) */
}
