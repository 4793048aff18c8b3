# loop.call_soon callbacks run in FIFO order, interleaved with ready tasks.
import asyncio

log_count = 0


def cb(tag, n):
    global log_count
    log_count += 1
    print("callback", tag, n)
if True:
 if True:
  if True:
   if True:
    if True:
     if True:
      if True:
       if True:
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    if True:
                                                                                                     if True:
                                                                                                      if True:
                                                                                                       if True:
                                                                                                        if True:
                                                                                                         if True:
                                                                                                          if True:
                                                                                                           if True:
                                                                                                            if True:
                                                                                                             if True:
                                                                                                              if True:
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


async def task(name):
    print("task", name, "start")
    await asyncio.sleep(0)
    print("task", name, "resumed")


async def main():
    loop = asyncio.get_event_loop()
    loop.call_soon(cb, "a", 1)
    asyncio.create_task(task("t1"))
    loop.call_soon(cb, "b", 2)
    loop.call_soon(cb, "c", 3)
    asyncio.create_task(task("t2"))
    print("main yields")
    await asyncio.sleep(0)
    print("main back")
    await asyncio.sleep(0.01)
    print("callbacks run:", log_count)


asyncio.run(main())
