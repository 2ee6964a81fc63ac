#!/usr/bin/env bash
# Profiles the optimized predictor's pipeline (tools/profile_optimized.py) in the sid root of
# the 2.x lane, 1 thread on core 1: each op's share, then perf's share of each library over
# 16 s of steps (from 8 s in, after the imports and the optimization). Needs root and perf.
set -euo pipefail
cd "$(dirname "$0")/.."
root=${ROOT:-/var/cache/interop/roots/sid}
copy=$root/tmp/interop-profile
rm -rf "$copy" && mkdir -p "$copy/tools" "$copy/src/Interop.Cli"
cp tools/profile_optimized.py "$copy/tools/" && cp -r src/Interop.Cli/python "$copy/src/Interop.Cli/"
for workload in "resnet18 64" "resnet18 224" "mobilenet_v2 64" "mobilenet_v2 224" "efficientnet_b0 64" "efficientnet_b0 224"; do
  set -- $workload
  options=(--model "$1" --phase infer --height "$2" --width "$2")
  taskset -c 1 chroot "$root" /usr/bin/python3 /tmp/interop-profile/tools/profile_optimized.py "${options[@]}" 2>/dev/null | grep -E '^(==|  )'
  perf record -q -F 499 -D 8000 -o "/tmp/perf-$1-$2.data" taskset -c 1 chroot "$root" \
    /usr/bin/python3 /tmp/interop-profile/tools/profile_optimized.py "${options[@]}" --seconds 16 > /dev/null 2>&1
  echo "  by library:"
  perf report -i "/tmp/perf-$1-$2.data" --symfs="$root" --sort dso 2>/dev/null | grep -v '^#' | grep -v '^$' | head -n 6
done
