# error: 2:6: set items must be int or str here, not float
s = {1.5, 2.0}
