# Strings: concatenation, str()/int()/float() conversions, len, comparisons.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


def pad(s, width):
    while len(s) < width:
        s = s + "."
    return s


async def main():
    s = "hello"
    s = s + ", " + "world"
    print(s, len(s))
    if True:
     if True:
      if True:
       if True:
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    if True:
                                                                                                     if True:
                                                                                                      if True:
                                                                                                       if True:
                                                                                                        if True:
                                                                                                         if True:
                                                                                                          if True:
                                                                                                           if True:
                                                                                                            if True:
                                                                                                             if True:
                                                                                                              if True:
                                                                                                               if True:
                                                                                                                if True:
                                                                                                                 if True:
                                                                                                                  if True:
                                                                                                                   if True:
                                                                                                                    if True:
                                                                                                                     if True:
                                                                                                                      if True:
                                                                                                                       if True:
                                                                                                                        if True:
                                                                                                                         if True:
                                                                                                                          if True:
                                                                                                                           if True:
                                                                                                                            pass
    n = 42
    msg = "n=" + str(n) + " half=" + str(n / 2) + " neg=" + str(-n)
    print(msg)
    print(int("17") + 1, float("0.25") * 4, int("-8") // 3)
    print(pad("ab", 6) + "|", pad("abcdefg", 3) + "|")
    parts = ["x", "y", "z"]
    joined = ""
    for p in parts:
        joined = joined + p + "/"
    print(joined)
    await asyncio.sleep(0)
    print("a" < "b", "abc" == "ab" + "c", "" == "", len(""))
    print(str(3) + str(4) == "34", str(2.5) + "!")


asyncio.run(main())
