"""Where libtorch's time goes in the optimized predictor's pipeline, at batch 1.

Builds a study model as study_loop.py does, then traces, freezes and runs
torch.jit.optimize_for_inference under inference mode, as TorchPredictor(optimizeForInference:
true) does through the shim. Prints each op's share of self CPU time (torch.profiler) for the
plain and the optimized model; with --seconds, only runs the optimized model that long, for
perf record.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src", "Interop.Cli", "python"))
import torch  # noqa: E402
import study_loop  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    study_loop.add_workload_arguments(parser)
    parser.add_argument("--steps", type=int, default=20, help="profiled steps")
    parser.add_argument("--seconds", type=float, help="run the optimized model this long instead of profiling")
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    model = study_loop.build_model(args).eval()
    images, _ = study_loop.make_data(args)
    with torch.no_grad():
        optimized = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(model, images)))
    with torch.inference_mode():
        if args.seconds:
            end = time.perf_counter() + args.seconds
            while time.perf_counter() < end:
                optimized(images)
            return
        for name, m in (("plain", model), ("optimized", optimized)):
            profile(name, m, images, args)


def profile(name, model, images, args):
    for _ in range(5):
        model(images)
    start = time.perf_counter()
    for _ in range(args.steps):
        model(images)
    milliseconds = (time.perf_counter() - start) / args.steps * 1e3
    with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as profiler:
        for _ in range(args.steps):
            model(images)
    events = profiler.key_averages()
    total = sum(e.self_cpu_time_total for e in events)
    print(f"== {args.model} {args.height}x{args.width} {name}: {milliseconds:.2f} ms a step unprofiled, torch {torch.__version__}")
    for e in sorted(events, key=lambda e: -e.self_cpu_time_total)[:8]:
        print(f"  {e.key:40s} {100 * e.self_cpu_time_total / total:5.1f}%  {e.count // args.steps:4d} calls a step")


if __name__ == "__main__":
    main()
