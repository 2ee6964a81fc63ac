using System.Globalization;
using Interop.Torch;
using Spectre.Console;

namespace Interop.Cli.Bench;

/// <summary>What to run: the workloads, the engines and where the reports go.</summary>
internal sealed record StudyPlan(
    IReadOnlyList<Workload> Workloads,
    IReadOnlyList<string> Engines,
    int Threads,
    string Python,
    string OutputFolder,
    string? JsonPath,
    string Command,
    string? TorchSharp = null);

/// <summary>
/// Runs the study: for each workload, the engines take turns round by round, then each
/// engine's peak RSS is measured in a process of its own. Writes the
/// records, the report and the charts.
/// </summary>
internal sealed class StudyRunner(StudyPlan plan, IAnsiConsole console)
{
    public const string CSharp = "csharp";
    public const string Cpp = "cpp";
    public const string Python = "python";
    // The C# trainer fed by a DataLoader, and the C# trainer under CPU bfloat16 autocast: train workloads only.
    public const string CSharpLoader = "csharp-loader";
    public const string CSharpBFloat16 = "csharp-bf16";
    // The C# predictor over the model optimized for inference, and ONNX Runtime serving the
    // Python model exported to ONNX: infer workloads only.
    public const string CSharpOptimized = "csharp-optimized";
    public const string OnnxRuntime = "onnxruntime";
    // TorchSharp, in a child process (TorchSharpEngine), and its op row with add_: op workloads only.
    public const string TorchSharp = "torchsharp";
    public const string TorchSharpInPlace = "torchsharp-inplace";
    // The C# data-parallel ranks averaging the gradients in one all-reduce after backward: ddp only.
    public const string CSharpNoOverlap = "csharp-no-overlap";
    public static readonly IReadOnlyList<string> KnownEngines = [CSharp, CSharpLoader, CSharpBFloat16, CSharpOptimized, CSharpNoOverlap, Cpp, Python, OnnxRuntime, TorchSharp, TorchSharpInPlace];
    private static readonly IReadOnlyList<string> TrainOnlyEngines = [CSharpLoader, CSharpBFloat16];
    private static readonly IReadOnlyList<string> InferOnlyEngines = [CSharpOptimized, OnnxRuntime];
    private static readonly IReadOnlyList<string> OpOnlyEngines = [TorchSharpInPlace];
    private static readonly IReadOnlyList<string> DataParallelEngines = [CSharp, CSharpNoOverlap, Python];

    /// <summary>The engines of <paramref name="engines"/> that run <paramref name="phase"/>.</summary>
    public static IReadOnlyList<string> EnginesFor(string phase, IEnumerable<string> engines) => phase == Workload.DataParallel
        ? [.. engines.Where(DataParallelEngines.Contains)]
        : [.. engines.Where(e => (phase == Workload.Train || !TrainOnlyEngines.Contains(e)) && (phase == Workload.Infer || !InferOnlyEngines.Contains(e))
            && (phase == Workload.Op || !OpOnlyEngines.Contains(e)) && e != CSharpNoOverlap)];

    // An engine of the phase that lacks the workload's model (TorchSharp has no EfficientNet) is
    // left out of that workload alone, and the report says so: the rest of the study still runs.
    private IReadOnlyList<string> EnginesFor(Workload workload)
    {
        var engines = new List<string>();
        foreach (string engine in EnginesFor(workload.Phase, plan.Engines))
        {
            string? lacking = engine == TorchSharp && workload.Phase != Workload.Op ? TorchSharpEngine.Lacks(workload.Model) : null;
            if (lacking is null) engines.Add(engine);
            else LeaveOut(engine, workload, lacking);
        }
        return engines;
    }

    // torch.onnx cannot express some models at some sizes (VGG16's 7x7 adaptive pooling over the
    // 4x4 map of a 128x128 input); onnxruntime is then left out of that workload alone.
    private OnnxExport? ExportFor(Workload workload, ref IReadOnlyList<string> engines)
    {
        if (!engines.Contains(OnnxRuntime)) return null;
        try
        {
            return new OnnxExport(plan.Python, workload, plan.Threads);
        }
        catch (ModelNotExportableException e)
        {
            LeaveOut(OnnxRuntime, workload, e.Message);
            engines = [.. engines.Where(engine => engine != OnnxRuntime)];
            return null;
        }
    }

    // libtorch's inference rewrites can make a graph its own kernels refuse (2.14.1's oneDNN
    // adaptive pooling takes no 4x4 map to 7x7: VGG16 at 128x128); the optimized engine is then
    // left out of that workload alone, with libtorch's reason, the last line of its message.
    private bool OptimizedModelRuns(InferSession session, Workload workload)
    {
        try
        {
            session.RunCSharpOptimized(1);
            return true;
        }
        catch (TorchException e)
        {
            LeaveOut(CSharpOptimized, workload, e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
            return false;
        }
    }

    private void LeaveOut(string engine, Workload workload, string reason)
    {
        string notRun = $"{engine} on {workload.Label}: {reason}";
        notRunReasons.Add(notRun);
        console.MarkupLineInterpolated($"[yellow]not run[/]: {notRun}");
    }

    // How an engine that runs in this process runs a session's steps.
    public static Func<int, TimeSpan> InProcessRun(ITorchSession session, string engine) => engine switch
    {
        CSharp => session.RunCSharp,
        Cpp => session.RunCpp,
        CSharpLoader => ((TrainSession)session).RunCSharpFedByLoader,
        CSharpBFloat16 => ((TrainSession)session).RunCSharpUnderAutocast,
        CSharpOptimized => ((InferSession)session).RunCSharpOptimized,
        _ => throw new ArgumentException($"'{engine}' does not run in this process.", nameof(engine)),
    };

    // What each engine that ran runs on ("libtorch 1.13.1"), for the report's header.
    private readonly SortedDictionary<string, string> engineRuntimes = new(StringComparer.Ordinal);
    private readonly List<string> notRunReasons = [];

    public IReadOnlyList<BenchRecord> Run()
    {
        var started = DateTimeOffset.Now;
        LibTorch.Threads = plan.Threads;
        PinToFirstCores(plan.Threads);
        MallocThresholds.ApplyToThisProcess();
        if (plan.Engines.Any(e => e is CSharp or CSharpLoader or CSharpBFloat16 or CSharpOptimized)) JitWarmUp.Run();
        var records = new List<BenchRecord>();
        foreach (Workload workload in plan.Workloads) records.AddRange(Measure(workload));
        IReadOnlyList<BenchRecord> withRatios = Ratios.Add(records);

        var context = new BenchContext(plan.Command, LibTorch.Version, engineRuntimes, notRunReasons, Environment.Version.ToString(),
            plan.Threads, MachineDescription(), started);
        ResultsTable.Render(console, withRatios);
        foreach (string path in ReportWriter.Write(plan.OutputFolder, context, withRatios)) console.MarkupLineInterpolated($"wrote [blue]{path}[/]");
        if (plan.JsonPath is not null)
        {
            ReportWriter.WriteJson(plan.JsonPath, context, withRatios);
            console.MarkupLineInterpolated($"wrote [blue]{plan.JsonPath}[/]");
        }
        return withRatios;
    }

    private static bool RunsInChild(string engine) => engine is Python or TorchSharp or TorchSharpInPlace;

    private ChildEngine StartChild(string engine, Workload workload) => engine switch
    {
        Python => PythonEngine.Start(plan.Python, workload, plan.Threads),
        TorchSharp or TorchSharpInPlace => TorchSharpEngine.Start(plan.TorchSharp ?? TorchSharpEngine.DefaultPath, engine, workload, plan.Threads),
        _ => throw new ArgumentException($"'{engine}' does not run in a child process.", nameof(engine)),
    };

    private List<BenchRecord> Measure(Workload workload)
    {
        console.MarkupLineInterpolated($"[bold]{workload.Label}[/]: {workload.Rounds} interleaved rounds of {workload.StepsPerRound} steps after {workload.WarmupSteps} warm-up steps");
        IReadOnlyList<string> engines = EnginesFor(workload);
        using OnnxExport? export = ExportFor(workload, ref engines);
        var (timers, childPeaks) = TimeEngines(workload, engines, export);
        var records = new List<BenchRecord>();
        foreach (EngineTimer timer in timers)
        {
            double? peak = workload.Phase == Workload.Op ? null
                : childPeaks.TryGetValue(timer.Engine, out double childPeak) ? childPeak
                : MemoryProbe.Measure(timer.Engine, workload, plan.Threads, export?.Prefix);
            var (median, p10, p90) = timer.Summary();
            records.Add(new BenchRecord(timer.Engine, workload.Model, workload.Phase, "cpu", workload.Batch,
                workload.HasImage ? workload.Height : null, workload.HasImage ? workload.Width : null,
                workload.RankThreads ?? plan.Threads, workload.Ranks, median, p10, p90, timer.ManagedBytesPerStep, peak, PeakDeviceMb: null, RatioVsCpp: null, RatioVsPython: null));
        }
        return records;
    }

    // Sets up every engine on the workload and times them round by round; returns their timers
    // and the child engines' peak RSS (the others are probed in processes of their own after).
    private (List<EngineTimer> Timers, Dictionary<string, double> ChildPeaks) TimeEngines(Workload workload, IReadOnlyList<string> engines, OnnxExport? export)
    {
        if (workload.Phase == Workload.DataParallel) return TimeRankGroups(workload, engines);
        var timers = new List<EngineTimer>();
        var childPeaks = new Dictionary<string, double>();
        var children = new Dictionary<string, ChildEngine>();
        ITorchSession? session = null;
        OnnxRuntimeSession? onnx = null;
        try
        {
            var torchEngines = engines.Where(e => !RunsInChild(e) && e != OnnxRuntime).ToList();
            if (torchEngines.Count > 0)
            {
                session = TorchSession.Create(workload);
                foreach (string engine in torchEngines) engineRuntimes.TryAdd(engine, $"libtorch {LibTorch.Version}");
            }
            if (export is not null)
            {
                RequireSameArchitecture(workload, OnnxRuntime, export.ParameterCount, session?.ParameterCount ?? export.ParameterCount);
                onnx = new OnnxRuntimeSession(export.Prefix, workload, plan.Threads);
                engineRuntimes.TryAdd(OnnxRuntime, $"{OnnxRuntimeSession.Runtime}, the model exported by {export.Exporter}");
            }
            foreach (string engine in engines.Where(RunsInChild))
            {
                ChildEngine child = StartChild(engine, workload);
                children.Add(engine, child);
                engineRuntimes.TryAdd(engine, child.Runtime);
                RequireSameArchitecture(workload, engine, child.ParameterCount,
                    session?.ParameterCount ?? export?.ParameterCount ?? children.Values.First().ParameterCount);
            }
            Func<long?> inProcessBytes = () => GC.GetAllocatedBytesForCurrentThread();
            foreach (string engine in engines)
            {
                if (engine == CSharpOptimized && !OptimizedModelRuns((InferSession)session!, workload)) continue;
                timers.Add(children.TryGetValue(engine, out ChildEngine? child) ? new EngineTimer(engine, child.Run, () => child.AllocatedBytes, workload.Rounds)
                    : engine == OnnxRuntime ? new EngineTimer(engine, onnx!.Run, inProcessBytes, workload.Rounds)
                    : new EngineTimer(engine, InProcessRun(session!, engine), inProcessBytes, workload.Rounds));
            }
            RunRounds(workload, timers, () => Settle.ThisProcessAnd(children.Values.Select(child => child.CpuTime)));
            if (workload.Phase != Workload.Op)
            {
                foreach (var (engine, child) in children) childPeaks[engine] = child.PeakRssMb();
            }
            return (timers, childPeaks);
        }
        finally
        {
            session?.Dispose();
            onnx?.Dispose();
            foreach (ChildEngine child in children.Values) child.Dispose();
        }
    }

    private const int OrderSeed = 1;

    private static void RunRounds(Workload workload, List<EngineTimer> timers, Func<TimeSpan> cpuTime)
    {
        foreach (EngineTimer timer in timers) timer.WarmUp(workload.WarmupSteps);
        // Each round in another order, the same in every run: whatever an engine leaves behind
        // (a cold cache, a busy core) then falls on each of the others in turn. Rotating the
        // order (A B C, B C A, ...) did not do that, since each engine still followed the same one.
        var order = new Random(OrderSeed);
        EngineTimer[] turns = [.. timers];
        for (int round = 0; round < workload.Rounds; round++)
        {
            order.Shuffle(turns);
            foreach (EngineTimer timer in turns)
            {
                Settle.UntilQuiet(cpuTime);
                timer.Round(workload.StepsPerRound);
            }
        }
    }

    // The ddp phase: each engine is a group of rank processes, all of them alive for the whole
    // workload and asked in turns like the other engines.
    private (List<EngineTimer> Timers, Dictionary<string, double> ChildPeaks) TimeRankGroups(Workload workload, IReadOnlyList<string> engines)
    {
        var groups = new Dictionary<string, RankGroup>();
        try
        {
            foreach (string engine in engines)
            {
                RankGroup group = RankGroup.Start(engine, workload, plan.Python);
                groups.Add(engine, group);
                engineRuntimes.TryAdd(engine, group.Runtime);
                RequireSameArchitecture(workload, engine, group.ParameterCount, groups.Values.First().ParameterCount);
            }
            List<EngineTimer> timers = [.. engines.Select(e => new EngineTimer(e, groups[e].Run, () => groups[e].AllocatedBytes, workload.Rounds))];
            RunRounds(workload, timers, () => Settle.ThisProcessAnd(groups.Values.Select(group => group.CpuTime)));
            return (timers, groups.ToDictionary(g => g.Key, g => g.Value.PeakRssMb()));
        }
        finally
        {
            foreach (RankGroup group in groups.Values) group.Dispose();
        }
    }

    private static void RequireSameArchitecture(Workload workload, string engine, long parameters, long expected)
    {
        if (parameters != expected)
        {
            throw new InvalidOperationException(
                $"{workload.Label}: the {engine} model has {parameters:N0} parameters, the C# zoo's {expected:N0}; they must be the same architecture.");
        }
    }

    // Every engine runs on the same cores: the Python child inherits this process's affinity.
    // Left free, the scheduler put Python on the other core of a 2-core VM, which ran up to 30%
    // faster or slower than this one, and the ratio measured the cores instead of the engines.
    private static void PinToFirstCores(int threads) => PinToCores(0, Math.Min(threads, Environment.ProcessorCount));

    // Pins this process to `count` cores from `first`, wrapping around the machine's cores (more
    // ranks times threads than cores share them, as the Python ranks do).
    public static void PinToCores(int first, int count)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsWindows()) return;
        int machine = Math.Min(MachineCores(), 64);
        long mask = 0;
        for (int core = first; core < first + count; core++) mask |= 1L << (core % machine);
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.ProcessorAffinity = (nint)mask;
    }

    // Environment.ProcessorCount counts only the cores of the affinity this process started
    // with, which a rank inherits from the pinned harness; Linux lists the machine's ("0-15").
    private static int MachineCores()
    {
        const string online = "/sys/devices/system/cpu/online";
        if (!File.Exists(online)) return Environment.ProcessorCount;
        string last = File.ReadAllText(online).Trim().Split(',', '-')[^1];
        return int.Parse(last, CultureInfo.InvariantCulture) + 1;
    }

    private static string MachineDescription()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        return string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, {cpu}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; {MallocThresholds.Description}");
    }
}
