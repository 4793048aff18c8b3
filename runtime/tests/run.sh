#!/bin/sh
# Build and run the runtime's C unit tests on the host.
# Usage: runtime/tests/run.sh   (from anywhere)
cd "$(dirname "$0")/../.." || exit 2
CC=${CC:-cc}
CFLAGS="-std=c11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime/include -Iruntime/tests"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
passed=0
failed=0
for t in runtime/tests/test_*.c; do
    name=$(basename "$t" .c)
    if ! $CC $CFLAGS -o "$OUT/$name" "$t" runtime/tests/port_test.c runtime/src/*.c -lm 2>"$OUT/$name.log"; then
        echo "FAIL $name (build)"
        cat "$OUT/$name.log"
        failed=$((failed + 1))
    elif "$OUT/$name" >"$OUT/$name.log" 2>&1; then
        echo "PASS $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        cat "$OUT/$name.log"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
