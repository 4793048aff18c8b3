/* The C representation of Python values. */
#ifndef UA_TYPES_H
#define UA_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ua_config.h"

typedef int32_t ua_int;        /* Python int: 32-bit, overflow raises */
#if UA_FLOAT_SINGLE
typedef float ua_float;
#else
typedef double ua_float;
#endif
typedef const char *ua_str;    /* immutable, NUL-terminated; literals live in flash */
typedef uint8_t ua_none;       /* the type of None: one value, UA_NONE */
#define UA_NONE ((ua_none)0)

#endif
