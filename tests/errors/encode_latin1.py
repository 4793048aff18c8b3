# error: 2:21: encoding 'latin-1' is not supported (utf-8 and ascii are)
data = "abc".encode("latin-1")
