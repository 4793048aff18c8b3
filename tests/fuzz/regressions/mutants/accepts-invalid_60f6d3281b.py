# Module-level globals updated from several coroutines via `global`.
import asyncio

counter = 0
high_water = 0
events = 0


def bump(n):
    global counter, high_water
    counter += n
    if counter > high_water:
        high_water = counter


async def incrementer(n, delay_ms, times):
    global events
    for i in range(times):
        bump(n)
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    if True:
                                                                                                     if True:
                                                                                                      if True:
                                                                                                       if True:
                                                                                                        if True:
                                                                                                         if True:
                                                                                                          if True:
                                                                                                           if True:
                                                                                                            if True:
                                                                                                             if True:
                                                                                                              if True:
                                                                                                               if True:
                                                                                                                if True:
                                                                                                                 if True:
                                                                                                                  if True:
                                                                                                                   if True:
                                                                                                                    if True:
                                                                                                                     if True:
                                                                                                                      if True:
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
        events += 1
        await asyncio.sleep_ms(delay_ms)


async def decrementer(delay_ms, times):
    global events
    for i in range(times):
        await asyncio.sleep_ms(delay_ms)
        bump(-3)
        events += 1
        print("after dec", i, "counter", counter)


async def main():
    await asyncio.gather(incrementer(2, 13, 8), decrementer(29, 4), incrementer(1, 7, 5))
    print("counter", counter, "high", high_water, "events", events)


asyncio.run(main())
