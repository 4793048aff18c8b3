# error: 3:6: ticks_cpu() takes 0 arguments (1 given)
import time
t0 = time.ticks_cpu(1)
