# error: 3:15: time.sleep_ms() needs an int, not float
import time
time.sleep_ms(1e40)
