# while loops (no else clause): counters, break, continue, flags, countdown with sleeps.
import asyncio


async def countdown(n, ms):
    while n > 0:
        print("T-", n)
        await asyncio.sleep_ms(ms)
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    if True:
                                                                                                     if True:
                                                                                                      if True:
                                                                                                       if True:
                                                                                                        if True:
                                                                                                         if True:
                                                                                                          if True:
                                                                                                           if True:
                                                                                                            if True:
                                                                                                             if True:
                                                                                                              if True:
                                                                                                               if True:
                                                                                                                if True:
                                                                                                                 if True:
                                                                                                                  if True:
                                                                                                                   if True:
                                                                                                                    if True:
                                                                                                                     if True:
                                                                                                                      if True:
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
        n -= 1
    print("liftoff")


def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


async def main():
    await countdown(3, 100)
    for s in [1, 6, 7, 27]:
        print("collatz", s, collatz(s))
    i = 0
    total = 0
    while True:
        i += 1
        if i % 3 == 0:
            continue
        if i > 20:
            break
        total += i
    print("total", total)
    done = False
    k = 1
    while not done:
        k *= 2
        done = k > 1000
    print("k", k)


asyncio.run(main())
