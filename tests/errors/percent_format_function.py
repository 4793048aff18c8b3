# error: 3:13: functions, classes and modules cannot be stored in variables yet
n = 1
x = "r%d" % print
