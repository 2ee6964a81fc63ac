using Spectre.Console;

namespace Interop.Cli.Bench;

/// <summary>The results as a terminal table, one row per record, in the same order and units as report.md.</summary>
internal static class ResultsTable
{
    // Twelve columns need about 130; a redirected stream reports 80, which would wrap names mid-word.
    private const int RedirectedWidth = 160;

    public static void Render(IAnsiConsole console, IReadOnlyList<BenchRecord> records)
    {
        if (!console.Profile.Out.IsTerminal) console.Profile.Width = Math.Max(console.Profile.Width, RedirectedWidth);

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("phase", "model", "engine");
        foreach (string right in new[] { "batch", "size", "median", "p10", "p90", "vs C++", "vs Python", "managed B/step", "peak RSS MB" })
            table.AddColumn(new TableColumn(right).RightAligned());

        foreach (var group in ComparisonKey.GroupInOrder(records))
        {
            foreach (var r in BenchFormat.ByEngine(group))
            {
                table.AddRow(
                    new Text(r.Phase), new Text(r.Model), new Text(r.Engine, new Style(ToColor(SvgCharts.ColorOf(r.Engine)))),
                    new Text(BenchFormat.Batch(r)), new Text(BenchFormat.Size(r)),
                    new Text(BenchFormat.Time(r.MedianMs)), new Text(BenchFormat.Time(r.P10Ms)), new Text(BenchFormat.Time(r.P90Ms)),
                    new Text(BenchFormat.Ratio(r.RatioVsCpp)), new Text(BenchFormat.Ratio(r.RatioVsPython)),
                    new Text(BenchFormat.Bytes(r.ManagedBytesPerStep)), new Text(BenchFormat.Megabytes(r.PeakRssMb)));
            }
        }
        console.Write(table);
    }

    private static Color ToColor(string hex) =>
        new(Convert.ToByte(hex[1..3], 16), Convert.ToByte(hex[3..5], 16), Convert.ToByte(hex[5..7], 16));
}
