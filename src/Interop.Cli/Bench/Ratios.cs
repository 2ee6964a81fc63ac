namespace Interop.Cli.Bench;

/// <summary>Each record's median relative to the C++ and the Python engines' on the same workload.</summary>
internal static class Ratios
{
    public static IReadOnlyList<BenchRecord> Add(IReadOnlyList<BenchRecord> records) =>
        [.. records.Select(record =>
        {
            var same = records.Where(other => ComparisonKey.Of(other) == ComparisonKey.Of(record)).ToList();
            return record with
            {
                RatioVsCpp = RatioTo(record, same, StudyRunner.Cpp),
                RatioVsPython = RatioTo(record, same, StudyRunner.Python),
            };
        })];

    private static double? RatioTo(BenchRecord record, List<BenchRecord> same, string engine)
    {
        BenchRecord? reference = same.FirstOrDefault(r => r.Engine == engine);
        return reference is null ? null : record.MedianMs / reference.MedianMs;
    }
}
