# error: 3:4: indent
x = 1
    y = 2
