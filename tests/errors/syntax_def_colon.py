# error: 2:7: syntax
def f(:
    pass
