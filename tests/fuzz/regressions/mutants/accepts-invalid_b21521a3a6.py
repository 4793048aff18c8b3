# expect-overflow
# The compiled program uses 32-bit signed ints: the multiplication in
# grow() that leaves the range raises OverflowError (exit status 1).
# CPython has unbounded ints, so the harness does not compare against it;
# the compiled program's stdout must be exactly these lines:
# expect: factorial 10 = 3628800
# expect: factorial 12 = 479001600
# expect: value 1073741824
# expect: about to overflow
# expect-exit: 1
# expect-stderr: OverflowError
import asyncio


def factorial(n):
    r = 1
    for i in range(2, n + 1):
        r *= i
    return r


async def grow(v):
    await asyncio.sleep_ms(1)
    return v * 2

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

async def main():
    print("factorial 10 =", factorial(10))
    print("factorial 12 =", factorial(12))
    v = await grow(1 << 29)
    print("value", v)
    print("about to overflow")
    v = await grow(v)
    print("not reached", v)


asyncio.run(main())
