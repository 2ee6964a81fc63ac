using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Interop.Cli.Bench;

/// <summary>
/// The TorchSharp engines: src/Interop.Bench.TorchSharp, the study's loops written as a
/// TorchSharp user writes them, a <see cref="ChildEngine"/> on TorchSharp's own libtorch. That
/// project is built apart from Interop.sln (its packages carry libtorch 2.10), and its native
/// library needs a newer libstdc++ than Debian 12's, so the harness checks both before a run.
/// </summary>
internal static partial class TorchSharpEngine
{
    /// <summary>What TorchSharp 0.107's libLibTorchSharp.so needs of libstdc++ (objdump -T), from GCC 13.</summary>
    public const string RequiredGlibcxx = "GLIBCXX_3.4.32";

    /// <summary>The zoo's models that TorchVision 0.107 has: it has no EfficientNet.</summary>
    public static readonly IReadOnlyList<string> Models = ["simple_nn", "simple_cnn", "resnet18", "resnet50", "vgg16", "mobilenet_v2"];

    /// <summary>Where this build of the CLI expects the child: its project's Release output (see Interop.Cli.csproj).</summary>
    public static string DefaultPath =>
        typeof(TorchSharpEngine).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchSharpEngine")?.Value ?? "Interop.Bench.TorchSharp.dll";

    private const string Build = "dotnet build src/Interop.Bench.TorchSharp -c Release";

    /// <summary>Why the torchsharp engine cannot train or serve <paramref name="model"/>, or null when it can.</summary>
    public static string? Lacks(string model) => Models.Contains(model)
        ? null
        : $"TorchVision 0.107 has no {model} (the engine runs {string.Join(", ", Models)})";

    /// <summary>
    /// Throws, saying why, when the torchsharp engines in <paramref name="engines"/> cannot run
    /// here, or would run none of <paramref name="workloads"/>: before the study starts rather
    /// than midway. A model it lacks among others is left out of that workload only.
    /// </summary>
    public static void RequireRunnable(IEnumerable<string> engines, IEnumerable<Workload> workloads, string path)
    {
        if (!engines.Any(e => e is StudyRunner.TorchSharp or StudyRunner.TorchSharpInPlace)) return;
        if (engines.Contains(StudyRunner.TorchSharp))
        {
            Workload[] runs = [.. workloads.Where(w => w.Phase != Workload.Op)];
            string[] missing = [.. runs.Where(w => !Models.Contains(w.Model)).Select(w => w.Model).Distinct()];
            if (runs.Length > 0 && runs.All(w => !Models.Contains(w.Model)))
            {
                throw new InvalidOperationException(
                    $"the torchsharp engine cannot run {string.Join(", ", missing)}: TorchVision 0.107 has no {string.Join(" or ", missing)} (the engine runs {string.Join(", ", Models)}). " +
                    "Leave it out of --models, or torchsharp out of --engines.");
            }
        }
        string? lacking = MissingLibstdcxx();
        if (lacking is not null)
        {
            throw new InvalidOperationException(
                $"the torchsharp engine cannot run on this system: TorchSharp 0.107's native library (libLibTorchSharp.so) needs {RequiredGlibcxx} " +
                $"(libstdc++ of GCC 13 or later), and {lacking}. Run it in the sid root (./build.sh bench-torch2 --engines ...), or leave torchsharp out of --engines.");
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the torchsharp engine is not built: {path} is missing. Build it with `{Build}`, or pass --torchsharp PATH.");
        }
    }

    public static ChildEngine Start(string path, string engine, Workload workload, int threads)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(path);
        foreach (string argument in PythonEngine.Arguments(workload, threads)) start.ArgumentList.Add(argument);
        if (engine == StudyRunner.TorchSharpInPlace) start.ArgumentList.Add("--in-place");
        MallocThresholds.ApplyTo(start);
        return new ChildEngine(engine, start, $"it needs {RequiredGlibcxx} (the sid root has it) and `{Build}`.");
    }

    // The libstdc++ this process loaded is the one the child will load (the .NET runtime links
    // it): null when it has the version TorchSharp needs, else what it lacks, for the message.
    private static string? MissingLibstdcxx()
    {
        if (!OperatingSystem.IsLinux()) return null;
        string? library = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6 && Path.GetFileName(f[5]).StartsWith("libstdc++.so", StringComparison.Ordinal))
            .Select(f => f[5]).FirstOrDefault();
        if (library is null) return null;
        // The version names are plain strings in the library's dynamic string table.
        string text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(library));
        int[] versions = [.. GlibcxxVersion().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))];
        int required = int.Parse(RequiredGlibcxx.Split('.')[^1], System.Globalization.CultureInfo.InvariantCulture);
        return versions.Length > 0 && versions.Max() >= required ? null
            : $"this system's {library} stops at GLIBCXX_3.4.{(versions.Length > 0 ? versions.Max() : 0)}";
    }

    [GeneratedRegex(@"GLIBCXX_3\.4\.(\d+)\0")]
    private static partial Regex GlibcxxVersion();
}
