# Output, then an uncaught ZeroDivisionError: e
try:
    x = 1
except Exception:
    pass
