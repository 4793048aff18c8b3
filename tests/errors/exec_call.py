# error: 2:1: 'exec' is not supported
exec("print(1)")
