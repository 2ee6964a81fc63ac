namespace Interop.Cli.Bench;

/// <summary>
/// What the reports compare engines on: records with the same key ran the same model the same
/// way, so only they may be put in a ratio or side by side in a chart group.
/// </summary>
internal readonly record struct ComparisonKey(string Model, string Phase, string Device, int Batch, int? Height, int? Width, int Threads, int Ranks)
{
    public static ComparisonKey Of(BenchRecord record) =>
        new(record.Model, record.Phase, record.Device, record.Batch, record.Height, record.Width, record.Threads, record.Ranks);

    /// <summary>"simple_cnn (cpu, batch 64, 32x32, 1 thread)": the model with the settings that tell its runs apart.</summary>
    public string Describe()
    {
        string size = Height is { } h && Width is { } w ? $", {h}x{w}" : "";
        string threads = Threads == 1 ? "1 thread" : $"{Threads} threads";
        string ranks = Phase != Workload.DataParallel ? "" : Ranks == 1 ? ", 1 rank" : $", {Ranks} ranks";
        return $"{Model} ({Device}, batch {Batch}{size}, {threads}{ranks})";
    }

    /// <summary>Records grouped by key in a stable order: by phase, then model, then the settings.</summary>
    public static IEnumerable<IGrouping<ComparisonKey, BenchRecord>> GroupInOrder(IEnumerable<BenchRecord> records) =>
        records.GroupBy(Of)
            .OrderBy(g => BenchFormat.PhaseRank(g.Key.Phase))
            .ThenBy(g => g.Key.Phase, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Model, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Device, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Batch)
            .ThenBy(g => g.Key.Height)
            .ThenBy(g => g.Key.Width)
            .ThenBy(g => g.Key.Ranks)
            .ThenBy(g => g.Key.Threads);
}
