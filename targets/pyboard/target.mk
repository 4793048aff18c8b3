# uasyncc pyboard target: toolchain, flags and sources (Make syntax; the
# compiler's toolchain driver mirrors these values). TARGET_DIR is this
# directory, RUNTIME_DIR the runtime/ directory.
PYB_CC       := arm-none-eabi-gcc
PYB_OBJCOPY  := arm-none-eabi-objcopy
PYB_SIZE     := arm-none-eabi-size

PYB_ARCHFLAGS := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
PYB_CFLAGS    := $(PYB_ARCHFLAGS) -std=c11 -Os -g -flto -ffunction-sections -fdata-sections \
                 -Wall -Wextra -Werror \
                 -DUA_FLOAT_SINGLE=1 $(PYB_MEMFLAGS) \
                 -I$(TARGET_DIR) -I$(RUNTIME_DIR)/include
# RAM budget (see README.md, "Memory"): traceback depth and the stdout
# buffer. The object arena takes the RAM between .bss and the stack at
# start-up (uasyncc build/run --arena BYTES fixes its size).
PYB_MEMFLAGS  := -DUA_TRACEBACK_DEPTH=8 -DUA_STDOUT_BUF=64
# QEMU runs (uasyncc run --target pyboard) add this; firmware for a board
# without a debugger must not (semihosting BKPT would fault). It also sends
# stderr to the semihosting console (QEMU's stderr) instead of the UART.
PYB_QEMU_CFLAGS := -DUA_SEMIHOSTING=1
# Optional: print "LED n on"/"LED n off" on the console for LED changes.
PYB_TRACE_CFLAGS := -DUA_TRACE_LEDS=1

# -flto in both: link-time optimisation across the runtime, the target and
# the program (about 10% less flash); archives of LTO objects are made
# with arm-none-eabi-gcc-ar.
PYB_LDFLAGS := $(PYB_ARCHFLAGS) -Os -flto -ffunction-sections -nostartfiles -Wl,--gc-sections \
               -specs=nano.specs -specs=nosys.specs \
               -T $(TARGET_DIR)/linker.ld -Wl,-Map=firmware.map
PYB_LDLIBS  := -lm

PYB_SOURCES := $(TARGET_DIR)/startup.c $(TARGET_DIR)/clock.c \
               $(TARGET_DIR)/port_pyboard.c $(TARGET_DIR)/pyb.c \
               $(TARGET_DIR)/libc_small.c

# firmware.elf -> firmware.bin (flash image from 0x08000000) -> .dfu
#   $(PYB_OBJCOPY) -O binary firmware.elf firmware.bin
#   python3 -m uasyncc.dfu firmware.bin firmware.dfu --address 0x08000000
PYB_LOAD_ADDRESS := 0x08000000
