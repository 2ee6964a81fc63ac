using System.Diagnostics;

namespace Interop.Cli.Bench;

/// <summary>
/// Runs the C# loops' code on tiny workloads until the JIT has settled, before anything is
/// timed. Tiered compilation recompiles a method after it has been called a number of times,
/// and the profiling tier in between allocates once per method; a big model's few warm-up
/// steps would leave that to the measured rounds. Every model runs the same C# methods, so
/// warming them on a small MLP serves all workloads.
/// </summary>
internal static class JitWarmUp
{
    private static readonly TimeSpan MinimumTime = TimeSpan.FromSeconds(1);
    private const int MinimumSteps = 500;

    public static void Run()
    {
        Workload[] tiny =
        [
            Workload.AddOp(stepsPerRound: 1, rounds: 1),
            Workload.ForModel("simple_nn", Workload.Train, batch: 4, size: 1, Workload.BinaryCrossEntropy, 0, 1, 1),
            Workload.ForModel("simple_nn", Workload.Train, batch: 4, size: 1, Workload.CrossEntropy, 0, 1, 1),
            Workload.ForModel("simple_nn", Workload.Infer, batch: 4, size: 1, Workload.BinaryCrossEntropy, 0, 1, 1),
        ];
        var sessions = tiny.Select(TorchSession.Create).ToList();
        try
        {
            long start = Stopwatch.GetTimestamp();
            for (int steps = 0; steps < MinimumSteps || Stopwatch.GetElapsedTime(start) < MinimumTime; steps++)
            {
                foreach (ITorchSession session in sessions) session.RunCSharp(1);
            }
        }
        finally
        {
            foreach (ITorchSession session in sessions) session.Dispose();
        }
    }
}
