using System.Text.Json;

namespace Interop.Cli.Tests;

/// <summary>
/// The torchsharp engines through `interop bench`. Where TorchSharp's native library can load
/// (a libstdc++ of GLIBCXX_3.4.32 or later: the trixie and sid lanes of tools/torch2-root.sh,
/// which build the child first) a tiny study runs them beside csharp; where it cannot (Debian
/// 12's libstdc++ 6.0.30) the harness must refuse them, saying why. Files and numbers, never timings.
/// </summary>
public class TorchSharpEngineTests
{
    private static readonly string[] Phases = ["op", "train", "infer"];

    // Which engines run each phase: the in-place row is an op row only.
    private static IEnumerable<string> EnginesOf(string phase) =>
        phase == "op" ? ["csharp", "torchsharp", "torchsharp-inplace"] : ["csharp", "torchsharp"];

    [Fact]
    public void TinyStudyRunsTorchSharpWhereItLoadsAndIsRefusedWithTheReasonWhereItCannot()
    {
        string folder = Path.Combine(Path.GetTempPath(), "interop-torchsharp-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(folder, "records.json");
        try
        {
            var (exitCode, output) = InteropCli.Run("bench", "--models", "simple_cnn", "--phases", "op,train,infer",
                "--engines", "csharp,torchsharp,torchsharp-inplace", "--size", "8", "--batch", "2", "--warmup", "1",
                "--steps", "2", "--rounds", "2", "--out", folder, "--json", json);

            if (LibstdcxxMinor() < 32)
            {
                Assert.Equal(1, exitCode);
                Assert.Contains("the torchsharp engine cannot run on this system", output);
                Assert.Contains("needs GLIBCXX_3.4.32", output);
                Assert.Contains($"stops at GLIBCXX_3.4.{LibstdcxxMinor()}", output);
                Assert.False(File.Exists(json), "a refused run wrote records");
                return;
            }
            Assert.True(exitCode == 0, output);
            JsonElement[] records = InteropCli.Records(json);
            Assert.Equal(Phases.Sum(p => EnginesOf(p).Count()), records.Length);
            foreach (string phase in Phases)
            {
                foreach (string engine in EnginesOf(phase))
                {
                    JsonElement record = Assert.Single(records, r => r.GetProperty("engine").GetString() == engine && r.GetProperty("phase").GetString() == phase);
                    foreach (string figure in new[] { "median_ms", "p10_ms", "p90_ms" })
                    {
                        Assert.True(record.GetProperty(figure).GetDouble() > 0, $"{engine} {phase} {figure}");
                    }
                    JsonElement peak = record.GetProperty("peak_rss_mb");
                    if (phase == "op") Assert.Equal(JsonValueKind.Null, peak.ValueKind);
                    else Assert.True(peak.GetDouble() > 0, $"{engine} {phase} peak_rss_mb");
                    // Every TorchSharp step makes managed objects (tensor wrappers, the dispose
                    // scope, the add_'s Scalar): none would mean the child did not count them.
                    double managed = record.GetProperty("managed_bytes_per_step").GetDouble();
                    if (engine == "csharp") Assert.True(managed >= 0, $"{engine} {phase} managed_bytes_per_step");
                    else Assert.True(managed > 0, $"{engine} {phase} managed_bytes_per_step is {managed}");
                }
            }
            string report = File.ReadAllText(Path.Combine(folder, "report.md"));
            Assert.Contains("- torchsharp: TorchSharp 0.107.0, libtorch 2.10", report);
            Assert.Contains("torchsharp-inplace", File.ReadAllText(Path.Combine(folder, "results.csv")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ModelsThatTorchVisionAllLackAreRefusedBeforeTheStudy()
    {
        var (exitCode, output) = InteropCli.Run("bench", "--models", "efficientnet_b0", "--phases", "infer", "--engines", "csharp,torchsharp");

        Assert.Equal(1, exitCode);
        Assert.Contains("the torchsharp engine cannot run efficientnet_b0: TorchVision 0.107 has no efficientnet_b0", output);
    }

    [Fact]
    public void ModelThatTorchVisionLacksAmongOthersIsLeftOutOfThatWorkloadAloneAndTheReportSaysWhy()
    {
        string folder = Path.Combine(Path.GetTempPath(), "interop-torchsharp-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(folder, "records.json");
        try
        {
            var (exitCode, output) = InteropCli.Run("bench", "--models", "simple_nn,efficientnet_b0", "--phases", "infer",
                "--engines", "csharp,torchsharp", "--size", "8", "--warmup", "1", "--steps", "1", "--rounds", "1",
                "--out", folder, "--json", json);

            if (LibstdcxxMinor() < 32)
            {
                Assert.Equal(1, exitCode);
                Assert.Contains("needs GLIBCXX_3.4.32", output);
                return;
            }
            Assert.True(exitCode == 0, output);
            string[] runs = [.. InteropCli.Records(json).Select(r => $"{r.GetProperty("engine").GetString()} {r.GetProperty("model").GetString()}")];
            Assert.Equal(["csharp efficientnet_b0", "csharp simple_nn", "torchsharp simple_nn"], runs.Order());
            Assert.Contains("- Not run: torchsharp on infer efficientnet_b0 batch 1 3x8x8: TorchVision 0.107 has no efficientnet_b0",
                File.ReadAllText(Path.Combine(folder, "report.md")));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ChildThatIsNotBuiltIsRefusedSayingHowToBuildIt()
    {
        var (exitCode, output) = InteropCli.Run("bench", "--models", "simple_cnn", "--phases", "op", "--engines", "torchsharp",
            "--torchsharp", "/nonexistent/Interop.Bench.TorchSharp.dll");

        Assert.Equal(1, exitCode);
        // Where the library cannot load, that is the reason given, whether or not the child is built.
        Assert.Contains(LibstdcxxMinor() < 32 ? "needs GLIBCXX_3.4.32"
            : "/nonexistent/Interop.Bench.TorchSharp.dll is missing. Build it with `dotnet build src/Interop.Bench.TorchSharp -c Release`", output);
    }

    // The minor of the libstdc++ this process loaded (libstdc++.so.6.0.N provides GLIBCXX_3.4.N),
    // read from its file name: not the harness's way (the version strings inside), so a wrong
    // decision there fails here.
    private static int LibstdcxxMinor()
    {
        string path = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length == 6 && f[5].Contains("/libstdc++.so", StringComparison.Ordinal)).Select(f => f[5]).First();
        string name = Path.GetFileName(new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path);
        return int.Parse(name.Split('.')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
