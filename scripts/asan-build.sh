#!/usr/bin/env bash
# Configures and builds build-asan/: every binary (handlers, mail worker,
# teleservices-admin, test suites) with gcc's AddressSanitizer and
# UndefinedBehaviorSanitizer. Used by scripts/test-asan.sh (`make test-asan`).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" \
  -DCMAKE_CXX_FLAGS="$san" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build build-asan -j2 -- --no-print-directory
