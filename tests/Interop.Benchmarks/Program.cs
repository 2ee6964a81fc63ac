using BenchmarkDotNet.Running;

// ./build.sh bench-micro [BenchmarkDotNet arguments], e.g. --filter '*CallOverhead*' (default: --filter '*').
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
