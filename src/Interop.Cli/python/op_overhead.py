"""The per-op overhead loop in Python PyTorch, driven by `interop bench op`.

Reads an iteration count per line on stdin, runs that many torch.add(a, b, out=r) on
1-element float tensors, and answers with the elapsed nanoseconds. "quit" ends it.
"""
import sys
import time

import torch


def main():
    torch.set_num_threads(int(sys.argv[1]))
    a = torch.ones(1)
    b = torch.ones(1)
    r = torch.empty(1)
    print(f"ready {torch.__version__}", flush=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        iterations = int(command)
        start = time.perf_counter_ns()
        for _ in range(iterations):
            torch.add(a, b, out=r)
        print(time.perf_counter_ns() - start, flush=True)


if __name__ == "__main__":
    main()
