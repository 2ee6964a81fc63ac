using System.Diagnostics;
using Interop.Cli.Launch;

namespace Interop.Cli.Bench;

/// <summary>
/// A data-parallel engine: the ranks of one process group, each a <see cref="ChildEngine"/>
/// started with the environment `interop launch` sets. Every round asks all ranks at once, as
/// each step waits for every rank's gradients; the round lasts as long as its slowest rank.
/// </summary>
internal sealed class RankGroup : IDisposable
{
    private readonly ChildEngine[] ranks;

    private RankGroup(ChildEngine[] ranks) => this.ranks = ranks;

    /// <summary>What rank 0 runs on.</summary>
    public string Runtime => ranks[0].Runtime;

    public long ParameterCount => ranks[0].ParameterCount;

    /// <summary>Rank 0's managed bytes so far; null for Python.</summary>
    public long? AllocatedBytes => ranks[0].AllocatedBytes;

    /// <summary>
    /// Starts <paramref name="workload"/>'s ranks of <paramref name="engine"/>: csharp and
    /// csharp-no-overlap run this program's hidden `bench rank`, python the study script under
    /// torch's DistributedDataParallel. They are started together: none is ready before all have joined.
    /// </summary>
    public static RankGroup Start(string engine, Workload workload, string python)
    {
        RankLayout layout = RankLayout.OnThisMachine(workload.Ranks);
        var starting = Enumerable.Range(0, workload.Ranks).Select(rank => Task.Run(() =>
        {
            ProcessStartInfo start = engine == StudyRunner.Python
                ? PythonEngine.StartInfo(python, workload, workload.RankThreads!.Value)
                : SelfCommand.StartInfo(["bench", DataParallelRank.CommandName, engine, workload.ToArgument()]);
            MallocThresholds.ApplyTo(start);
            // Each rank pins itself to its own cores.
            layout.Apply(start, rank);
            return new ChildEngine(engine, start, engine == StudyRunner.Python ? PythonEngine.Remedy : "see the rank's error above.");
        })).ToArray();
        try
        {
            Task.WaitAll(starting);
        }
        catch (AggregateException e)
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully)) task.Result.Dispose();
            throw e.InnerExceptions[0];
        }
        return new RankGroup([.. starting.Select(t => t.Result)]);
    }

    /// <summary>Runs <paramref name="steps"/> steps on every rank; returns the slowest rank's time.</summary>
    public TimeSpan Run(int steps)
    {
        Task<TimeSpan>[] rounds = [.. ranks.Select(rank => Task.Run(() => rank.Run(steps)))];
        Task.WaitAll(rounds);
        return rounds.Max(r => r.Result);
    }

    /// <summary>The CPU time all the ranks have used so far.</summary>
    public TimeSpan CpuTime => ranks.Aggregate(TimeSpan.Zero, (sum, rank) => sum + rank.CpuTime);

    /// <summary>The largest peak RSS of the ranks, in MiB.</summary>
    public double PeakRssMb() => ranks.Max(r => r.PeakRssMb());

    public void Dispose()
    {
        Parallel.ForEach(ranks, rank => rank.Dispose());
    }
}
