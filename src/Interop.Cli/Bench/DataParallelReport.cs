using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// What the ddp phase's records say together, per model and engine: the scaling efficiency
/// (one rank's step time over two ranks', each on its own batch: 1 is perfect), two 1-thread
/// ranks against one 2-thread process on both batches, and what overlapping the all-reduce with
/// backward saves (csharp against csharp-no-overlap).
/// </summary>
internal static class DataParallelReport
{
    public static IEnumerable<string> Lines(IReadOnlyList<BenchRecord> records)
    {
        var ddp = records.Where(r => r.Phase == Workload.DataParallel).ToList();
        foreach (var model in ddp.GroupBy(r => (r.Model, r.Height, r.Width)))
        {
            foreach (string engine in BenchFormat.OrderEngines(model.Select(r => r.Engine)))
            {
                var runs = model.Where(r => r.Engine == engine).ToList();
                BenchRecord? two = runs.FirstOrDefault(r => r.Ranks == 2);
                if (two is null) continue;
                BenchRecord? one = runs.FirstOrDefault(r => r.Ranks == 1 && r.Threads == two.Threads && r.Batch == two.Batch);
                BenchRecord? wide = runs.FirstOrDefault(r => r.Ranks == 1 && r.Threads == 2 * two.Threads && r.Batch == 2 * two.Batch);
                var parts = new List<string>();
                if (one is not null) parts.Add($"scaling efficiency {Ratio(one.MedianMs / two.MedianMs)}");
                if (wide is not null)
                {
                    parts.Add($"2 ranks of {Threads(two.Threads)} against 1 process of {Threads(wide.Threads)} on batch {wide.Batch}: " +
                              $"{Ratio(wide.MedianMs / two.MedianMs)}x the throughput");
                }
                yield return $"- {model.Key.Model} batch {two.Batch} per rank, {engine}: {string.Join("; ", parts)}";
            }
            BenchRecord? overlapped = model.FirstOrDefault(r => r.Engine == StudyRunner.CSharp && r.Ranks == 2);
            BenchRecord? after = model.FirstOrDefault(r => r.Engine == StudyRunner.CSharpNoOverlap && r.Ranks == 2);
            if (overlapped is not null && after is not null)
            {
                yield return $"- {model.Key.Model}, 2 ranks: overlapping the all-reduce with backward takes the C# step from " +
                             $"{BenchFormat.Time(after.MedianMs)} to {BenchFormat.Time(overlapped.MedianMs)} ({Ratio(overlapped.MedianMs / after.MedianMs)}x)";
            }
        }
    }

    private static string Ratio(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    private static string Threads(int threads) => threads == 1 ? "1 thread" : $"{threads} threads";
}
