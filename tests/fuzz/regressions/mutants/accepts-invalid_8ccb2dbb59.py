# Float arithmetic, true division, mixed int/float, printing of floats.
import uasyncio as asyncio


async def avg(a, b, c):
    await asyncio.sleep_ms(1)
    return (a + b + c) / 3


async def main():
    print(7 / 2, -7 / 2, 1 / 4, 10 / 5)
    print(0.1 + 0.2, 1.5 * 4, 2.5 - 0.5, 1e3, 1.5e-3)
    print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2)
    print(2.0 ** 0.5, 2.0 ** -1, 9 ** 0.5)
    r = await avg(1.0, 2.0, 4.0)
    print("avg", r)
    print("avg rounded", "%.4f" % r)
    x = 1.0
    for i in range(10):
        x = x * 1.5 + 0.25
    print("x", x)
    print(float(3), float("2.5"), float(-7), abs(-2.25))
    print(3 * 1.0, 1.0 * 3 == 3, 0.5 < 1, 1e10 * 10)
    t = 0.0
    for i in range(10):
        t += 0.1
    if True:
     if True:
      if True:
       if True:
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    if True:
                                                                                                     if True:
                                                                                                      if True:
                                                                                                       if True:
                                                                                                        if True:
                                                                                                         if True:
                                                                                                          if True:
                                                                                                           if True:
                                                                                                            if True:
                                                                                                             if True:
                                                                                                              if True:
                                                                                                               if True:
                                                                                                                if True:
                                                                                                                 if True:
                                                                                                                  if True:
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
    print("tenths", t, t == 1.0)
    print(str(3.0), str(-0.0), str(1 / 3), str(100.0 / 7.0))


asyncio.run(main())
