# error: 2:31: decode() takes only an encoding here (no errors= handler)
text = b"abc".decode("utf-8", "ignore")
