/* The clock and time base as the firmware set them up, then exit. Under
 * QEMU a build with semihosting detects the emulator; a board build
 * assumes silicon, so it waits out the RCC stub's ready flags and stays on
 * HSI 16 MHz. */
#include "common.h"
#include "ua_pyboard.h"

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    t_kv("sysclk_mhz", ua_pyboard_sysclk_hz / 1000000u);
    t_kv("timclk_mhz", ua_pyboard_timclk_hz / 1000000u);
    t_kv("emulated", ua_pyboard_emulated);
    ua_port_exit(0);
    return 0;
}
