using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Spectre.Console;

namespace Interop.Cli.Tests;

public sealed class ReportWriterTests : IDisposable
{
    // The field list of the issue, spelled out here rather than taken from ReportWriter.Fields,
    // so that a renamed record property fails this test instead of silently renaming a column.
    private static readonly string[] IssueFields =
    [
        "engine", "model", "phase", "device", "batch", "height", "width", "threads", "ranks",
        "median_ms", "p10_ms", "p90_ms", "managed_bytes_per_step", "peak_rss_mb", "peak_device_mb",
        "ratio_vs_cpp", "ratio_vs_python",
    ];

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "interop-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static readonly BenchContext Context = new(
        "interop bench all --threads 1", "1.13.1",
        new Dictionary<string, string> { ["csharp"] = "libtorch 1.13.1", ["cpp"] = "libtorch 1.13.1", ["python"] = "torch 2.1.0" },
        ["torchsharp on infer efficientnet_b0 batch 1 3x8x8: TorchVision 0.107 has no efficientnet_b0"], "10.0.0", 1, "test-box x86_64", new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));

    private static BenchRecord Rec(string engine, string model, string phase, double median, int batch = 64, int? h = 28, int? w = 28,
        double? managed = 0, double? rss = 200) =>
        new(engine, model, phase, "cpu", batch, h, w, 1, 1, median, median * 0.9, median * 1.2, managed, rss, null, null, null);

    // Op medians are sub-microsecond on purpose: the markdown must not print them as 0.000 ms.
    private static readonly IReadOnlyList<BenchRecord> Records = Ratios.Add(
    [
        Rec("csharp", "add", "op", 0.000431, batch: 1, h: null, w: null),
        Rec("cpp", "add", "op", 0.000392, batch: 1, h: null, w: null),
        Rec("python", "add", "op", 0.00215, batch: 1, h: null, w: null, managed: null, rss: null),
        Rec("csharp", "simple_cnn", "train", 3.1, rss: 310.5),
        Rec("cpp", "simple_cnn", "train", 3.0, rss: 290.25),
        Rec("python", "simple_cnn", "train", 5.0, managed: null, rss: 420),
        Rec("csharp", "simple_nn", "train", 1.2, rss: 150),
        Rec("python", "simple_nn", "train", 1.0, managed: null, rss: 380),
        Rec("csharp", "simple_cnn", "infer", 0.8, rss: 250),
        Rec("cpp", "simple_cnn", "infer", 0.75, rss: 240),
        Rec("python", "simple_cnn", "infer", 1.6, managed: null, rss: 400),
    ]);

    private IReadOnlyList<string> WriteAll() => ReportWriter.Write(_folder, Context, Records);

    [Fact]
    public void WritesEveryFileAndReturnsItsPath()
    {
        var written = WriteAll();
        string[] expected = ["results.json", "results.csv", "report.md", "op.svg", "train.svg", "infer.svg", "memory.svg"];
        Assert.Equal(expected.Order(), written.Select(p => Path.GetFileName(p)).Order());
        Assert.All(written, p => Assert.True(File.Exists(p), p));
        Assert.All(written, p => Assert.Equal(Path.GetFullPath(_folder), Path.GetDirectoryName(Path.GetFullPath(p))));
    }

    [Fact]
    public void JsonHasContextAndEveryFieldOnEveryRecordWithNullsWritten()
    {
        WriteAll();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "results.json")));
        var context = doc.RootElement.GetProperty("context");
        Assert.Equal("interop bench all --threads 1", context.GetProperty("command").GetString());
        Assert.Equal("torch 2.1.0", context.GetProperty("engine_runtimes").GetProperty("python").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero), context.GetProperty("started").GetDateTimeOffset());

        var records = doc.RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(Records.Count, records.Count);
        for (int i = 0; i < Records.Count; i++)
        {
            var json = records[i];
            var names = json.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(IssueFields, names);
            var source = Records[i];
            Assert.Equal(source.Engine, json.GetProperty("engine").GetString());
            Assert.Equal(source.Batch, json.GetProperty("batch").GetInt32());
            Assert.Equal(source.MedianMs, json.GetProperty("median_ms").GetDouble());
            Assert.Equal(source.P90Ms, json.GetProperty("p90_ms").GetDouble());
            AssertNullable(source.Height, json.GetProperty("height"));
            AssertNullable(source.ManagedBytesPerStep, json.GetProperty("managed_bytes_per_step"));
            AssertNullable(source.PeakRssMb, json.GetProperty("peak_rss_mb"));
            AssertNullable(source.RatioVsCpp, json.GetProperty("ratio_vs_cpp"));
            AssertNullable(source.RatioVsPython, json.GetProperty("ratio_vs_python"));
            Assert.Equal(JsonValueKind.Null, json.GetProperty("peak_device_mb").ValueKind);
        }
    }

    [Fact]
    public void WriteJsonAloneCreatesItsFolder()
    {
        string path = Path.Combine(_folder, "elsewhere", "deeper", "out.json");
        ReportWriter.WriteJson(path, Context, Records);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        Assert.Equal(Records.Count, doc.RootElement.GetProperty("records").GetArrayLength());
    }

    private static void AssertNullable(double? expected, JsonElement actual)
    {
        if (expected is { } value) Assert.Equal(value, actual.GetDouble());
        else Assert.Equal(JsonValueKind.Null, actual.ValueKind);
    }

    private static void AssertNullable(int? expected, JsonElement actual)
    {
        if (expected is { } value) Assert.Equal(value, actual.GetInt32());
        else Assert.Equal(JsonValueKind.Null, actual.ValueKind);
    }

    [Fact]
    public void CsvHasTheFieldHeaderAndOneRowPerRecordWithEmptyCellsForNull()
    {
        WriteAll();
        var lines = File.ReadAllLines(Path.Combine(_folder, "results.csv"));
        Assert.Equal(string.Join(',', IssueFields), lines[0]);
        Assert.Equal(Records.Count, lines.Length - 1);
        int managed = Array.IndexOf(IssueFields, "managed_bytes_per_step");
        int height = Array.IndexOf(IssueFields, "height");
        int median = Array.IndexOf(IssueFields, "median_ms");
        for (int i = 0; i < Records.Count; i++)
        {
            var cells = lines[i + 1].Split(',');
            Assert.Equal(IssueFields.Length, cells.Length);
            Assert.Equal(Records[i].Engine, cells[0]);
            Assert.Equal(Records[i].MedianMs, double.Parse(cells[median], CultureInfo.InvariantCulture));
            Assert.Equal(Records[i].ManagedBytesPerStep is null, cells[managed].Length == 0);
            Assert.Equal(Records[i].Height is null, cells[height].Length == 0);
        }
    }

    private static List<(string Group, string Engine, double Width, string Label, string Fill)> Bars(XDocument svg) =>
        svg.Descendants(Svg + "g").Where(g => g.Attribute("data-engine") is not null).Select(g =>
        {
            var rect = g.Element(Svg + "rect")!;
            return ((string)g.Attribute("data-group")!, (string)g.Attribute("data-engine")!,
                double.Parse((string)rect.Attribute("width")!, CultureInfo.InvariantCulture),
                g.Elements(Svg + "text").Single(t => (string?)t.Attribute("class") == "value").Value,
                (string)rect.Attribute("fill")!);
        }).ToList();

    [Fact]
    public void EachPhaseChartHasOneBarPerRecordAndTheFastestOfEachModelReadsOne()
    {
        WriteAll();
        foreach (var phase in Records.GroupBy(r => r.Phase))
        {
            var svg = XDocument.Load(Path.Combine(_folder, phase.Key + ".svg"));
            Assert.Equal(phase.Count(), svg.Descendants(Svg + "rect").Count(e => (string?)e.Attribute("class") == "bar"));
            Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == SvgCharts.RelativeAxis);

            var bars = Bars(svg);
            Assert.Equal(phase.Count(), bars.Count);
            foreach (var model in phase.GroupBy(r => r.Model))
            {
                double fastest = model.Min(r => r.MedianMs);
                foreach (var record in model)
                {
                    var bar = bars.Single(b => b.Group == model.Key && b.Engine == record.Engine);
                    Assert.Equal((record.MedianMs / fastest).ToString("F2", CultureInfo.InvariantCulture), bar.Label);
                    Assert.Equal(record.MedianMs == fastest, bar.Label == "1.00");
                }
            }
        }
    }

    [Fact]
    public void BarLengthsAreProportionalToTheMediansWithinAGroup()
    {
        WriteAll();
        var bars = Bars(XDocument.Load(Path.Combine(_folder, "infer.svg"))).ToDictionary(b => b.Engine);
        Assert.Equal(1.6 / 0.75, bars["python"].Width / bars["cpp"].Width, 2);
        Assert.Equal(0.8 / 0.75, bars["csharp"].Width / bars["cpp"].Width, 2);
        Assert.Equal(SvgCharts.ColorOf("python"), bars["python"].Fill);
        Assert.NotEqual(bars["csharp"].Fill, bars["cpp"].Fill);
    }

    [Fact]
    public void LegendsNameWhatEachEngineRanOn()
    {
        WriteAll();
        var svg = XDocument.Load(Path.Combine(_folder, "train.svg"));
        string[] texts = [.. svg.Descendants(Svg + "text").Select(t => t.Value)];
        Assert.Contains("python: torch 2.1.0", texts);
        Assert.Contains("csharp: libtorch 1.13.1", texts);
        Assert.Equal(3, svg.Descendants(Svg + "rect").Count(e => (string?)e.Attribute("class") == "legend"));
    }

    [Fact]
    public void MemoryChartSkipsRecordsWithoutRssAndIsNotWrittenWhenThereAreNone()
    {
        WriteAll();
        var svg = XDocument.Load(Path.Combine(_folder, SvgCharts.MemoryFile));
        int bars = svg.Descendants(Svg + "rect").Count(e => (string?)e.Attribute("class") == "bar");
        Assert.Equal(Records.Count(r => r.PeakRssMb is not null), bars);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "310.5 MB");

        string other = Path.Combine(_folder, "no-rss");
        var written = SvgCharts.Write(other, Records.Select(r => r with { PeakRssMb = null }).ToList(), Context.EngineRuntimes);
        Assert.DoesNotContain(written, p => Path.GetFileName(p) == SvgCharts.MemoryFile);
        Assert.False(File.Exists(Path.Combine(other, SvgCharts.MemoryFile)));
    }

    [Fact]
    public void SvgTextIsEscaped()
    {
        var odd = new[] { Rec("c<s>&\"harp", "a&b<c>", "op", 1.0), Rec("cpp", "a&b<c>", "op", 2.0) };
        var written = SvgCharts.Write(_folder, odd, Context.EngineRuntimes);
        string path = written.Single(p => p.EndsWith("op.svg", StringComparison.Ordinal));
        Assert.Contains(">a&amp;b&lt;c&gt;<", File.ReadAllText(path));
        var svg = XDocument.Load(path);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "a&b<c>");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "c<s>&\"harp");
        Assert.Equal(SvgCharts.ColorOf("unknown"), Bars(svg).Single(b => b.Engine == "c<s>&\"harp").Fill);
    }

    [Fact]
    public void MarkdownNamesEveryEngineAndModelAndGivesTheRatios()
    {
        WriteAll();
        string md = File.ReadAllText(Path.Combine(_folder, "report.md"));
        foreach (string name in Records.Select(r => r.Engine).Concat(Records.Select(r => r.Model)).Distinct())
            Assert.Contains($"| {name} |", md);
        foreach (string phase in new[] { "op", "train", "infer" }) Assert.Contains($"## {phase}", md);
        Assert.Contains("- libtorch of the shim: 1.13.1", md);
        Assert.Contains("- python: torch 2.1.0", md);
        Assert.Contains("- Not run: torchsharp on infer efficientnet_b0 batch 1 3x8x8: TorchVision 0.107 has no efficientnet_b0", md);
        Assert.Contains("test-box x86_64", md);

        Assert.Contains("## Ratios", md);
        Assert.Contains("- op add (cpu, batch 1, 1 thread): C#/C++ 1.099, C#/Python 0.200", md);
        Assert.Contains("- train simple_cnn (cpu, batch 64, 28x28, 1 thread): C#/C++ 1.033, C#/Python 0.620", md);
        Assert.Contains("- train simple_nn (cpu, batch 64, 28x28, 1 thread): C#/Python 1.200", md);
        Assert.Contains("- infer simple_cnn (cpu, batch 64, 28x28, 1 thread): C#/C++ 1.067, C#/Python 0.500", md);

        // Sub-microsecond op times read in nanoseconds, not as 0.000 ms.
        Assert.Contains("| 431 ns |", md);
        Assert.Contains("| 3.10 ms |", md);
        foreach (string chart in new[] { "op", "train", "infer", "memory" }) Assert.Contains($"![{chart}]({chart}.svg)", md);
    }

    [Fact]
    public void TableRendersEveryRecordIntoARedirectedConsole()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        ResultsTable.Render(console, Records);
        string text = Regex.Replace(output.ToString(), "\u001b\\[[0-9;]*m", "");
        foreach (string name in Records.Select(r => r.Engine).Concat(Records.Select(r => r.Model)).Distinct())
            Assert.Contains(name, text);
        Assert.Contains("managed B/step", text);

        // Redirected output must not wrap: one line per record, each with its own median.
        var rows = text.Split('\n').Where(l => Regex.IsMatch(l, "│ (op|train|infer) ")).ToList();
        Assert.Equal(Records.Count, rows.Count);
        for (int i = 0; i < Records.Count; i++)
        {
            Assert.Contains($" {Records[i].Engine} ", rows[i]);
            Assert.Contains($" {BenchFormat.Time(Records[i].MedianMs)} ", rows[i]);
        }
    }

    [Theory]
    [InlineData(0.000431, "431 ns")]
    [InlineData(0.0127, "12.7 µs")]
    [InlineData(1.27, "1.27 ms")]
    [InlineData(127.4, "127 ms")]
    [InlineData(3400, "3.40 s")]
    public void TimesReadInAnAdaptiveUnit(double ms, string expected) => Assert.Equal(expected, BenchFormat.Time(ms));
}
