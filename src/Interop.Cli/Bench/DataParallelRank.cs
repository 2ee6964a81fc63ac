using System.Globalization;
using Interop.Torch;
using Interop.Torch.Distributed;

namespace Interop.Cli.Bench;

/// <summary>
/// One C# rank of the ddp phase, a <see cref="ChildEngine"/> that <see cref="RankGroup"/>
/// starts: `interop bench rank ENGINE WORKLOAD` in the environment of `interop launch`. It
/// joins the group, builds the study's training session as a data-parallel trainer and
/// serves rounds. ENGINE is csharp (the all-reduce overlapped with backward) or
/// csharp-no-overlap (one all-reduce after backward).
/// </summary>
internal static class DataParallelRank
{
    public const string CommandName = "rank";

    public static int Run(string engine, Workload workload)
    {
        DistributedOptions options = DistributedOptions.FromEnvironment(TimeSpan.FromMinutes(5));
        int threads = workload.RankThreads ?? 1;
        StudyRunner.PinToCores(options.LocalRank * threads, threads);
        LibTorch.Threads = threads;
        MallocThresholds.ApplyToThisProcess();
        JitWarmUp.Run();
        using ProcessGroup group = ProcessGroup.Initialize(options);
        var dataParallel = new DataParallelOptions(group) { OverlapWithBackward = engine != StudyRunner.CSharpNoOverlap };
        using var session = new TrainSession(workload, dataParallel);
        Console.WriteLine($"ready {session.ParameterCount} libtorch {LibTorch.Version}");
        while (Console.ReadLine() is { } request && request != "quit")
        {
            if (request == "memory")
            {
                Console.WriteLine(MemoryProbe.PeakRssOfThisProcess());
                continue;
            }
            int steps = int.Parse(request, CultureInfo.InvariantCulture);
            long before = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan elapsed = session.RunCSharp(steps);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{elapsed.Ticks * 100} {allocated}"));
        }
        return 0;
    }
}
