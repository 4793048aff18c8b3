# error: 2:5: '(' was never closed
x = (1 +
