using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// How figures read in the human outputs (report.md, the terminal table, chart labels). The data
/// files keep the raw numbers; these only have to be legible side by side, from a 400 ns op to a
/// multi-second training step.
/// </summary>
internal static class BenchFormat
{
    public const string Missing = "-";

    /// <summary>A time in the unit that keeps it between 1 and 1000: "431 ns", "12.7 µs", "1.27 ms", "3.40 s".</summary>
    public static string Time(double ms)
    {
        double ns = ms * 1e6;
        double abs = Math.Abs(ns);
        return abs < 1e3 ? $"{Significant(ns)} ns"
            : abs < 1e6 ? $"{Significant(ns / 1e3)} µs"
            : abs < 1e9 ? $"{Significant(ms)} ms"
            : $"{Significant(ms / 1e3)} s";
    }

    public static string Ratio(double? ratio) =>
        ratio is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The chart label: two decimals are enough to read a bar, three would crowd it.</summary>
    public static string ChartRatio(double ratio) => ratio.ToString("F2", CultureInfo.InvariantCulture);

    public static string Bytes(double? bytes) => bytes is { } b ? Significant(b) : Missing;

    public static string Megabytes(double? mb) => mb is { } m ? m.ToString("F1", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The batch, and for the ddp phase whose batch it is: "16 per rank, 2 ranks of 1 thread".</summary>
    public static string Batch(BenchRecord record)
    {
        string batch = record.Batch.ToString(CultureInfo.InvariantCulture);
        if (record.Phase != Workload.DataParallel) return batch;
        string threads = record.Threads == 1 ? "1 thread" : $"{record.Threads} threads";
        return record.Ranks == 1 ? $"{batch}, 1 rank of {threads}" : $"{batch} per rank, {record.Ranks} ranks of {threads}";
    }

    public static string Size(BenchRecord record) =>
        record.Height is { } h && record.Width is { } w ? $"{h}x{w}" : Missing;

    /// <summary>Three significant digits without switching to exponent notation (1.27, 12.7, 127, 1270).</summary>
    public static string Significant(double value)
    {
        double abs = Math.Abs(value);
        string format = abs == 0 || abs >= 100 ? "F0" : abs >= 10 ? "F1" : abs >= 1 ? "F2" : "G3";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>Known phases first, in the study's order; any other after them, alphabetically.</summary>
    public static IEnumerable<string> OrderPhases(IEnumerable<string> phases) =>
        phases.Distinct().OrderBy(PhaseRank).ThenBy(p => p, StringComparer.Ordinal);

    /// <summary>Engines in a fixed order so bars and rows line up the same way in every output.</summary>
    public static IEnumerable<string> OrderEngines(IEnumerable<string> engines) =>
        engines.Distinct().OrderBy(EngineRank).ThenBy(e => e, StringComparer.Ordinal);

    public static IEnumerable<BenchRecord> ByEngine(IEnumerable<BenchRecord> records) =>
        records.OrderBy(r => EngineRank(r.Engine)).ThenBy(r => r.Engine, StringComparer.Ordinal);

    public static int PhaseRank(string phase) => Rank(Workload.Phases, phase);

    public static int EngineRank(string engine) => Rank(StudyRunner.KnownEngines, engine);

    // Names this build does not know (a later engine's records) sort after the known ones.
    private static int Rank(IReadOnlyList<string> known, string value)
    {
        for (int i = 0; i < known.Count; i++)
        {
            if (known[i] == value) return i;
        }
        return known.Count;
    }
}
