using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Interop.Cli.Bench;

/// <summary>
/// The study's charts as plain SVG: one per phase, each engine's median relative to the fastest
/// engine on the same workload (so the fastest reads 1.00), and one of peak RSS, each legend
/// naming what every engine ran on. Built with
/// XLinq so that escaping and well-formedness come from the BCL, not from string concatenation.
/// </summary>
internal static class SvgCharts
{
    public const string RelativeAxis = "time relative to the fastest engine (lower is better)";
    public const string MemoryAxis = "peak RSS, MB (lower is better)";
    public const string MemoryFile = "memory.svg";

    /// <summary>Writes &lt;phase&gt;.svg for each phase present and memory.svg when any record has a peak RSS; returns the paths written.</summary>
    /// <param name="runtimes">What each engine ran on ("libtorch 2.14.1"), for the legends; an engine without an entry shows its name alone.</param>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<BenchRecord> records, IReadOnlyDictionary<string, string> runtimes)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (string phase in BenchFormat.OrderPhases(records.Select(r => r.Phase)))
        {
            var groups = RelativeGroups(records.Where(r => r.Phase == phase).ToList());
            written.Add(Save(folder, $"{phase}.svg", Chart($"{phase}: time relative to the fastest engine", RelativeAxis, groups, runtimes, reference: 1)));
        }
        var withRss = records.Where(r => r.PeakRssMb is not null).ToList();
        if (withRss.Count > 0)
            written.Add(Save(folder, MemoryFile, Chart("peak resident memory", MemoryAxis, MemoryGroups(withRss), runtimes, reference: null)));
        return written;
    }

    private sealed record Bar(string Engine, double Value, string Label, string Tooltip);

    private sealed record Group(string Label, IReadOnlyList<Bar> Bars);

    private static List<Group> RelativeGroups(List<BenchRecord> phaseRecords)
    {
        var groups = ComparisonKey.GroupInOrder(phaseRecords).ToList();
        return groups.Select(w =>
        {
            double fastest = w.Min(r => r.MedianMs);
            var bars = BenchFormat.ByEngine(w).Select(r =>
            {
                double ratio = r.MedianMs / fastest;
                return new Bar(r.Engine, ratio, BenchFormat.ChartRatio(ratio),
                    $"{r.Engine}: {BenchFormat.Time(r.MedianMs)} median, {BenchFormat.ChartRatio(ratio)}x the fastest");
            }).ToList();
            return new Group(GroupLabel(w.Key, groups.Select(o => o.Key), withPhase: false), bars);
        }).ToList();
    }

    private static List<Group> MemoryGroups(List<BenchRecord> withRss)
    {
        var groups = ComparisonKey.GroupInOrder(withRss).ToList();
        return groups.Select(w => new Group(
            GroupLabel(w.Key, groups.Select(o => o.Key), withPhase: true),
            BenchFormat.ByEngine(w).Select(r =>
            {
                double mb = r.PeakRssMb!.Value;
                string label = $"{BenchFormat.Megabytes(mb)} MB";
                return new Bar(r.Engine, mb, label, $"{r.Engine}: {label} peak RSS");
            }).ToList())).ToList();
    }

    /// <summary>The model name alone when it names one group in the chart; the full description when a model ran several ways.</summary>
    private static string GroupLabel(ComparisonKey key, IEnumerable<ComparisonKey> all, bool withPhase)
    {
        bool ambiguous = all.Count(o => o.Model == key.Model && (!withPhase || o.Phase == key.Phase)) > 1;
        string name = ambiguous ? key.Describe() : key.Model;
        return withPhase ? $"{name} {key.Phase}" : name;
    }

    private static readonly Dictionary<string, string> EngineColors = new()
    {
        [StudyRunner.CSharp] = "#68217a",
        [StudyRunner.CSharpLoader] = "#a05cb4",
        [StudyRunner.CSharpBFloat16] = "#c9a0d6",
        [StudyRunner.CSharpOptimized] = "#3d0f4d",
        [StudyRunner.Cpp] = "#00599c",
        [StudyRunner.Python] = "#ee4c2c",
        [StudyRunner.OnnxRuntime] = "#3a7d44",
        [StudyRunner.TorchSharp] = "#e0a100",
        [StudyRunner.TorchSharpInPlace] = "#f2d06b",
    };

    private const string FallbackColor = "#7f7f7f";

    public static string ColorOf(string engine) => EngineColors.GetValueOrDefault(engine, FallbackColor);

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double Width = 760, BarHeight = 16, BarGap = 3, GroupGap = 14, CharWidth = 6.6;
    private const double LegendTop = 34, LegendRow = 16, AxisSpace = 56, RightMargin = 80;

    /// <param name="reference">Where to draw a dashed line across the groups: 1 on a relative chart, the fastest engine's mark.</param>
    private static XDocument Chart(string title, string axisLabel, IReadOnlyList<Group> groups,
        IReadOnlyDictionary<string, string> runtimes, double? reference)
    {
        // One legend row per engine: with its runtime, a row is too long to share.
        var engines = BenchFormat.OrderEngines(groups.SelectMany(g => g.Bars).Select(b => b.Engine)).ToList();
        double top = LegendTop + engines.Count * LegendRow + 14;
        double left = Math.Clamp(groups.Max(g => g.Label.Length) * CharWidth + 16, 80, 320);
        double plotWidth = Width - left - RightMargin;
        double axisMax = NiceMax(groups.SelectMany(g => g.Bars).Max(b => b.Value), out double step);
        double Scale(double v) => v / axisMax * plotWidth;

        var body = new List<XElement>();
        double y = top;
        foreach (var group in groups)
        {
            double groupHeight = group.Bars.Count * (BarHeight + BarGap) - BarGap;
            body.Add(Text(left - 8, y + groupHeight / 2 + 4, group.Label, "end"));
            foreach (var bar in group.Bars)
            {
                // The data- attributes let a reader (and the tests) tie a bar to its record without parsing geometry.
                body.Add(new XElement(Svg + "g",
                    new XAttribute("data-group", group.Label), new XAttribute("data-engine", bar.Engine),
                    new XElement(Svg + "rect",
                        new XAttribute("class", "bar"),
                        Attr("x", left), Attr("y", y), Attr("width", Scale(bar.Value)), Attr("height", BarHeight),
                        new XAttribute("fill", ColorOf(bar.Engine)),
                        new XElement(Svg + "title", bar.Tooltip)),
                    Text(left + Scale(bar.Value) + 4, y + BarHeight - 4, bar.Label, "start", "value")));
                y += BarHeight + BarGap;
            }
            y += GroupGap - BarGap;
        }

        double axisY = y;
        body.Add(Line(left, top - 6, left, axisY));
        body.Add(Line(left, axisY, left + plotWidth, axisY));
        for (double tick = 0; tick <= axisMax + step / 2; tick += step)
        {
            body.Add(Line(left + Scale(tick), axisY, left + Scale(tick), axisY + 4));
            body.Add(Text(left + Scale(tick), axisY + 17, tick.ToString("0.##", CultureInfo.InvariantCulture), "middle"));
        }
        body.Add(Text(left + plotWidth / 2, axisY + 38, axisLabel, "middle"));
        if (reference is { } r)
        {
            var line = Line(left + Scale(r), top - 6, left + Scale(r), axisY);
            line.Add(new XAttribute("stroke-dasharray", "4 3"), new XAttribute("class", "reference"));
            body.Add(line);
        }

        var legend = new List<XElement>();
        for (int i = 0; i < engines.Count; i++)
        {
            string engine = engines[i];
            double rowY = LegendTop + i * LegendRow;
            legend.Add(new XElement(Svg + "rect", new XAttribute("class", "legend"),
                Attr("x", left), Attr("y", rowY), Attr("width", 12), Attr("height", 12), new XAttribute("fill", ColorOf(engine))));
            string label = runtimes.TryGetValue(engine, out string? runtime) ? $"{engine}: {runtime}" : engine;
            legend.Add(Text(left + 16, rowY + 10, label, "start"));
        }

        double height = axisY + AxisSpace;
        return new XDocument(new XElement(Svg + "svg",
            Attr("width", Width), Attr("height", height),
            new XAttribute("viewBox", FormattableString.Invariant($"0 0 {Width} {height}")),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", 12),
            new XElement(Svg + "rect", Attr("width", Width), Attr("height", height), new XAttribute("fill", "white")),
            Text(Width / 2, 20, title, "middle", "title"),
            legend, body));
    }

    /// <summary>An axis end at a round number above the longest bar, so tick labels read 0, 0.5, 1, ... rather than 0, 0.37, ...</summary>
    private static double NiceMax(double max, out double step)
    {
        double rough = Math.Max(max, 1e-9) / 5;
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return Math.Ceiling(max / step) * step;
    }

    private static XAttribute Attr(string name, double value) =>
        new(name, Math.Round(value, 2).ToString(CultureInfo.InvariantCulture));

    private static XElement Line(double x1, double y1, double x2, double y2) =>
        new(Svg + "line", Attr("x1", x1), Attr("y1", y1), Attr("x2", x2), Attr("y2", y2), new XAttribute("stroke", "#333"));

    private static XElement Text(double x, double y, string text, string anchor, string? cssClass = null) =>
        new(Svg + "text", cssClass is null ? null : new XAttribute("class", cssClass),
            Attr("x", x), Attr("y", y), new XAttribute("text-anchor", anchor), text);

    private static string Save(string folder, string name, XDocument document)
    {
        string path = Path.Combine(folder, name);
        // No BOM: some SVG viewers and markdown renderers show it as a stray character.
        using (var writer = XmlWriter.Create(path, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            document.Save(writer);
        return path;
    }
}
