# Comparison operators, chained comparisons and boolean logic.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


def classify(x):
    if x < 0:
        return "negative"
    elif 0 <= x < 10:
        return "small"
    elif 10 <= x <= 100:
        return "medium"
    else:
        return "large"
class C:
    pass


async def main():
    for v in [-5, 0, 9, 10, 100, 101]:
        print(v, classify(v))
        await asyncio.sleep(0)
    a = 3
    b = 5
    c = 5
    print(a < b < c, a < b <= c, a == 3 != b, 1 < 2 > 1, b == c == 5)
    print(a != b, a >= b, b >= c, "abc" < "abd", "b" > "abc", "x" == "x")
    print(1 == 1.0, 2 < 2.5, True == 1, 3 > 2.5)
    print(not a, not 0, a and b, 0 or c, a > 2 and b > 4, a > 4 or b > 6)
    big = 10 if a > b else 20
    print("big", big, "yes" if b == c else "no")
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


asyncio.run(main())
