using System.Text.Json;

namespace Interop.Cli.Tests;

/// <summary>
/// `interop bench` end to end, as a user runs it, on a configuration small enough for a unit
/// test: every engine, every phase, the memory probes and every output file. It checks that
/// each engine's figures are there and are numbers, never what they are.
/// </summary>
public class HarnessEndToEndTests
{
    private static readonly string[] Engines = ["csharp", "cpp", "python", "csharp-optimized", "onnxruntime"];
    private static readonly string[] Phases = ["op", "train", "infer"];

    // The optimized C# predictor and ONNX Runtime serve models: they have no op or training row.
    private static IEnumerable<string> EnginesOf(string phase) =>
        Engines.Where(e => e is not ("csharp-optimized" or "onnxruntime") || phase == "infer");

    [Fact]
    public void TinyStudyWritesEveryReportWithNumbersForEveryEngine()
    {
        string folder = Path.Combine(Path.GetTempPath(), "interop-bench-" + Guid.NewGuid().ToString("N"));
        string json = Path.Combine(folder, "records.json");
        try
        {
            var (exitCode, output) = InteropCli.Run("bench", "--models", "simple_cnn", "--phases", "op,train,infer",
                "--engines", string.Join(',', Engines), "--size", "8", "--batch", "2", "--warmup", "1", "--steps", "2",
                "--rounds", "2", "--out", folder, "--json", json);

            Assert.True(exitCode == 0, output);
            foreach (string file in new[] { "report.md", "results.csv", "results.json", "op.svg", "train.svg", "infer.svg", "memory.svg" })
            {
                Assert.True(File.Exists(Path.Combine(folder, file)), $"{file} is missing; output:\n{output}");
            }
            JsonElement[] records = InteropCli.Records(json);
            Assert.Equal(Phases.Sum(p => EnginesOf(p).Count()), records.Length);
            foreach (string phase in Phases)
            {
                foreach (string engine in EnginesOf(phase))
                {
                    JsonElement record = Assert.Single(records, r => r.GetProperty("engine").GetString() == engine && r.GetProperty("phase").GetString() == phase);
                    foreach (string figure in new[] { "median_ms", "p10_ms", "p90_ms", "ratio_vs_cpp", "ratio_vs_python" })
                    {
                        Assert.True(record.GetProperty(figure).GetDouble() > 0, $"{engine} {phase} {figure}");
                    }
                    JsonElement peak = record.GetProperty("peak_rss_mb");
                    if (phase == "op") Assert.Equal(JsonValueKind.Null, peak.ValueKind);
                    else Assert.True(peak.GetDouble() > 0, $"{engine} {phase} peak_rss_mb");
                    JsonElement managed = record.GetProperty("managed_bytes_per_step");
                    if (engine == "python") Assert.Equal(JsonValueKind.Null, managed.ValueKind);
                    else Assert.True(managed.GetDouble() >= 0, $"{engine} {phase} managed_bytes_per_step");
                }
            }
            string csv = File.ReadAllText(Path.Combine(folder, "results.csv"));
            string report = File.ReadAllText(Path.Combine(folder, "report.md"));
            foreach (string engine in Engines)
            {
                Assert.Contains(engine, csv);
                Assert.Contains(engine, report);
            }
            Assert.Contains("- onnxruntime: ONNX Runtime 1.31.1, the model exported by torch ", report);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DataParallelPhaseTimesEachEngineAtOneAndTwoRanksAndReportsTheScaling()
    {
        string folder = Path.Combine(Path.GetTempPath(), "interop-bench-ddp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, output, error) = InteropCli.Run(TimeSpan.FromMinutes(5), "bench", "--models", "simple_cnn", "--phases", "ddp",
                "--engines", "csharp,csharp-no-overlap,python", "--size", "8", "--batch", "2", "--warmup", "1", "--steps", "2",
                "--rounds", "2", "--out", folder);

            Assert.True(exitCode == 0, output + error);
            JsonElement[] records = InteropCli.Records(Path.Combine(folder, "results.json"));
            // Per engine: 1 rank of 1 thread on batch 2, 2 ranks of 1 thread on batch 2 each, 1 rank of 2 threads on batch 4.
            (int Ranks, int Threads, int Batch)[] runs = [(1, 1, 2), (2, 1, 2), (1, 2, 4)];
            foreach (string engine in new[] { "csharp", "csharp-no-overlap", "python" })
            {
                foreach (var (ranks, threads, batch) in runs)
                {
                    JsonElement record = Assert.Single(records, r => r.GetProperty("engine").GetString() == engine
                        && r.GetProperty("ranks").GetInt32() == ranks && r.GetProperty("threads").GetInt32() == threads
                        && r.GetProperty("batch").GetInt32() == batch);
                    Assert.Equal("ddp", record.GetProperty("phase").GetString());
                    Assert.True(record.GetProperty("median_ms").GetDouble() > 0, $"{engine} {ranks} ranks");
                    Assert.True(record.GetProperty("peak_rss_mb").GetDouble() > 0, $"{engine} {ranks} ranks");
                    Assert.Equal(engine == "python" ? JsonValueKind.Null : JsonValueKind.Number, record.GetProperty("managed_bytes_per_step").ValueKind);
                }
            }
            string report = File.ReadAllText(Path.Combine(folder, "report.md"));
            Assert.Contains("- simple_cnn batch 2 per rank, csharp: scaling efficiency ", report);
            Assert.Contains("- simple_cnn, 2 ranks: overlapping the all-reduce with backward takes the C# step from ", report);
            Assert.Contains("- python: torch ", report);
            Assert.Contains("DistributedDataParallel over Gloo", report);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void UnknownModelIsRefusedWithTheKnownNames()
    {
        var (exitCode, output) = InteropCli.Run("bench", "--models", "resnet19", "--engines", "csharp");

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown model 'resnet19'", output);
        Assert.Contains("efficientnet_b0", output);
    }
}
