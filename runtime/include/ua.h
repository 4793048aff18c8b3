/* The runtime, all of it: what generated code includes. */
#ifndef UA_H
#define UA_H

#include "ua_arith.h"
#include "ua_bytes.h"
#include "ua_config.h"
#include "ua_exc.h"
#include "ua_obj.h"
#include "ua_out.h"
#include "ua_port.h"
#include "ua_prim.h"
#include "ua_sched.h"
#include "ua_set.h"
#include "ua_time.h"
#include "ua_types.h"

/* main() of every program: port set-up, then the module's init code. */
void ua_runtime_init(int argc, char **argv);
/* Flush output and exit through the port. */
void ua_runtime_exit(int status) __attribute__((noreturn));

#endif
