# error: 4:4: gc.threshold is not supported yet
import gc

gc.threshold(4096)
