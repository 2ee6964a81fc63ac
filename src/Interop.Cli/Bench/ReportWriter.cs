using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Interop.Cli.Bench;

/// <summary>
/// The study's outputs in one folder: results.json and results.csv for machines (raw figures,
/// null where one does not apply), report.md and the SVG charts for people.
/// </summary>
internal static class ReportWriter
{
    public const string JsonFile = "results.json";
    public const string CsvFile = "results.csv";
    public const string MarkdownFile = "report.md";

    /// <summary>The record fields, in the names and order both data files use.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "engine", "model", "phase", "device", "batch", "height", "width", "threads", "ranks",
        "median_ms", "p10_ms", "p90_ms", "managed_bytes_per_step", "peak_rss_mb", "peak_device_mb",
        "ratio_vs_cpp", "ratio_vs_python",
    ];

    /// <summary>Creates <paramref name="folder"/> and writes every output into it; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string folder, BenchContext context, IReadOnlyList<BenchRecord> records)
    {
        Directory.CreateDirectory(folder);
        string json = Path.Combine(folder, JsonFile);
        string csv = Path.Combine(folder, CsvFile);
        string markdown = Path.Combine(folder, MarkdownFile);
        WriteJson(json, context, records);
        WriteCsv(csv, records);
        var charts = SvgCharts.Write(folder, records, context.EngineRuntimes);
        File.WriteAllText(markdown, Markdown(context, records, charts.Select(c => Path.GetFileName(c))));
        return [json, csv, markdown, .. charts];
    }

    /// <summary>results.json on its own, for `--json PATH` pointing outside the report folder.</summary>
    public static void WriteJson(string path, BenchContext context, IReadOnlyList<BenchRecord> records)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        using FileStream stream = File.Create(path);
        JsonSerializer.Serialize(stream, new BenchReport(context, records), BenchJsonContext.Default.BenchReport);
    }

    public static void WriteCsv(string path, IReadOnlyList<BenchRecord> records)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Fields)).Append('\n');
        foreach (var r in records)
        {
            string?[] cells =
            [
                Quote(r.Engine), Quote(r.Model), Quote(r.Phase), Quote(r.Device),
                Cell(r.Batch), Cell(r.Height), Cell(r.Width), Cell(r.Threads), Cell(r.Ranks),
                Cell(r.MedianMs), Cell(r.P10Ms), Cell(r.P90Ms),
                Cell(r.ManagedBytesPerStep), Cell(r.PeakRssMb), Cell(r.PeakDeviceMb),
                Cell(r.RatioVsCpp), Cell(r.RatioVsPython),
            ];
            csv.Append(string.Join(',', cells)).Append('\n');
        }
        File.WriteAllText(path, csv.ToString());
    }

    // "R" keeps every digit a double has, so the CSV carries the same figures as the JSON.
    private static string Cell(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private static string Cell(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";

    private static string Markdown(BenchContext context, IReadOnlyList<BenchRecord> records, IEnumerable<string> charts)
    {
        var md = new StringBuilder();
        md.Append("# Benchmark report\n\n");
        md.Append($"- Command: `{context.Command}`\n");
        md.Append($"- libtorch of the shim: {context.LibTorchVersion}\n");
        foreach (string engine in BenchFormat.OrderEngines(context.EngineRuntimes.Keys))
        {
            md.Append($"- {engine}: {context.EngineRuntimes[engine]}\n");
        }
        foreach (string notRun in context.NotRun) md.Append($"- Not run: {notRun}\n");
        md.Append($"- .NET: {context.DotnetVersion}\n");
        md.Append($"- Threads: {context.Threads.ToString(CultureInfo.InvariantCulture)}\n");
        md.Append($"- Machine: {context.Machine}\n");
        md.Append($"- Started: {context.Started.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}\n");

        foreach (string phase in BenchFormat.OrderPhases(records.Select(r => r.Phase)))
        {
            md.Append($"\n## {phase}\n\n");
            md.Append("| model | engine | batch | size | median | p10 | p90 | vs C++ | vs Python | managed B/step | peak RSS MB |\n");
            md.Append("|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|\n");
            foreach (var group in ComparisonKey.GroupInOrder(records.Where(r => r.Phase == phase)))
            {
                foreach (var r in BenchFormat.ByEngine(group))
                {
                    string[] cells =
                    [
                        r.Model, r.Engine, BenchFormat.Batch(r), BenchFormat.Size(r),
                        BenchFormat.Time(r.MedianMs), BenchFormat.Time(r.P10Ms), BenchFormat.Time(r.P90Ms),
                        BenchFormat.Ratio(r.RatioVsCpp), BenchFormat.Ratio(r.RatioVsPython),
                        BenchFormat.Bytes(r.ManagedBytesPerStep), BenchFormat.Megabytes(r.PeakRssMb),
                    ];
                    md.Append("| ").Append(string.Join(" | ", cells.Select(EscapeCell))).Append(" |\n");
                }
            }
        }

        var ratioLines = RatioLines(records).ToList();
        if (ratioLines.Count > 0)
        {
            md.Append("\n## Ratios\n\nC# median over the other engine's median on the same workload (below 1: C# is faster).\n\n");
            foreach (string line in ratioLines) md.Append(line).Append('\n');
        }

        var scaling = DataParallelReport.Lines(records).ToList();
        if (scaling.Count > 0)
        {
            md.Append("\n## Data-parallel scaling\n\n");
            foreach (string line in scaling) md.Append(line).Append('\n');
        }

        var chartList = charts.ToList();
        if (chartList.Count > 0)
        {
            md.Append("\n## Charts\n\n");
            foreach (string chart in chartList) md.Append($"![{Path.GetFileNameWithoutExtension(chart)}]({chart})\n\n");
        }
        return md.ToString();
    }

    /// <summary>"- train simple_cnn (cpu, batch 64, ...): C#/C++ 1.042, C#/Python 0.613" for each comparison where C# and C++ or Python both ran.</summary>
    private static IEnumerable<string> RatioLines(IReadOnlyList<BenchRecord> records)
    {
        foreach (var group in ComparisonKey.GroupInOrder(records))
        {
            BenchRecord? csharp = group.FirstOrDefault(r => r.Engine == StudyRunner.CSharp);
            if (csharp is null) continue;
            var parts = new List<string>();
            if (csharp.RatioVsCpp is { } cpp) parts.Add($"C#/C++ {BenchFormat.Ratio(cpp)}");
            if (csharp.RatioVsPython is { } python) parts.Add($"C#/Python {BenchFormat.Ratio(python)}");
            if (parts.Count == 0) continue;
            var key = group.Key;
            yield return $"- {key.Phase} {key.Describe()}: {string.Join(", ", parts)}";
        }
    }

    private static string EscapeCell(string text) => text.Replace("|", "\\|");
}
