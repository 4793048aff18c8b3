# f-strings with format specs, conversions and expressions.
import asyncio
x = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1_000_000 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1


async def report(name, count, ratio):
    await asyncio.sleep_ms(count)
    print(f"{name}: {count}")
    print(f"[{count:3d}] [{count:03d}] [{count:<5}] [{count:>5}] [{count:x}] [{count:X}]")
    print(f"ratio={ratio:.2f} wide={ratio:8.3f} pct={ratio * 100:5.1f}%")
    print(f"{name!r} {name:>8} {name:<6}|")
    print(f"{count + 1} {count * 2} {count // 3} {count % 7}")
    return count


async def main():
    await report("alpha", 7, 0.5)
    await report("beta", 42, 0.125)
    await report("gamma", 255, 1.0 / 3.0)
    x = 3
    y = 4.5
    ok = True
    print(f"x={x} y={y} ok={ok} none={None}")
    print(f"{x}{x}{x} {'nested'} {x == 3}")
    print(f"{-x:4d}|{x:+d}|{y:+.1f}|{y:e}")


asyncio.run(main())
