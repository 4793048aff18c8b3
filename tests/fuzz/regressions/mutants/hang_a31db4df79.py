# str methods and slices, list methods (insert, extend, index, count, remove,
# sort, reverse, copy, clear, pop), del l[i], 'in' on lists and tuples, list +.
import asyncio

async def main():
    words = "  the quick  brown fox  ".strip().split()
    print(words, "-".join(words), len(words))
    line = "temp=21.5;hum=40"
    for part in line.split(";"):
        key = part.split("=")[0]
        print(key.upper(), part[len(key) + 1:], part.startswith("t"), part.endswith("0"), part.find("="))
    print("abc"[::-1], "hello world"[6:], "xyz"[-2:], "banana".count("a"), "banana".replace("an", "AN"))
    print("  pad  ".lstrip() + "|", "|" + "  pad  ".rstrip(), "xxhixx".strip("x"), "123".isdigit(), "ab1".isalpha())
    nums = [5, 1, 4]
    nums.insert(1, 9)
    nums.extend([7, 7])
    print(nums, nums.index(4), nums.count(7), 9 in nums, 3 not in nums, 2 in (1, 2, 3))
    nums.remove(7)
    nums.sort()
    print(nums, nums[1:3], nums[::2], nums[-2:], nums + [0])
    nums.reverse()
    c = nums.copy()
    x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True
    del c[0]
    c.clear()
    print(nums, c, nums.pop(), nums.pop(0), nums)
    try:
        nums.remove(100)
    except ValueError as e:
        print("error:", e)
    await asyncio.sleep(0)

asyncio.run(main())
