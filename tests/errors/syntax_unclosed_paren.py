# error: 2:5: syntax
x = (1 +
