# error: 4:1: collect() takes 0 arguments (1 given)
import gc

gc.collect(2)
