using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Interop.Torch;

namespace Interop.Cli;

/// <summary>
/// `interop bench op`: the cost of one call. Add(a, b, result) on 1-element float tensors,
/// where libtorch's own work is smallest, from C#, from the same loop in C++ inside the shim,
/// and from Python PyTorch, interleaved round by round.
/// </summary>
internal static class OpOverheadBenchmark
{
    public static Command CreateCommand()
    {
        var iterations = new Option<int>("--iterations") { Description = "Adds per round.", DefaultValueFactory = _ => 20_000 };
        var rounds = new Option<int>("--rounds") { Description = "Measured rounds per engine.", DefaultValueFactory = _ => 21 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads.", DefaultValueFactory = _ => 1 };
        var python = new Option<string?>("--python") { Description = "Python with torch for the python engine; 'none' skips it.", DefaultValueFactory = _ => "/usr/bin/python3" };
        var command = new Command("op", "Per-op overhead: Add into a preallocated 1-element tensor.") { iterations, rounds, threads, python };
        command.SetAction(parse => Run(parse.GetValue(iterations), parse.GetValue(rounds), parse.GetValue(threads), parse.GetValue(python)));
        return command;
    }

    private static int Run(int iterations, int rounds, int threads, string? python)
    {
        LibTorch.Threads = threads;
        using Tensor a = Tensor.Ones(1);
        using Tensor b = Tensor.Ones(1);
        using Tensor result = Tensor.Empty(1);
        using PythonLoop? py = python is null or "none" ? null : new PythonLoop(python, "op_overhead.py", threads);

        var engines = new List<(string Name, Func<TimeSpan> Round)>
        {
            ("csharp", () => CSharpRound(a, b, result, iterations)),
            ("cpp", () => NativeBenchmarks.AddLoop(a, b, result, iterations)),
        };
        if (py is not null) engines.Add(("python", () => py.Round(iterations)));

        foreach (var engine in engines) engine.Round();  // warm-up
        var perOp = engines.ToDictionary(e => e.Name, _ => new List<double>());
        for (int round = 0; round < rounds; round++)
        {
            foreach (var engine in engines) perOp[engine.Name].Add(engine.Round().TotalNanoseconds / iterations);
        }

        Console.WriteLine($"per-op overhead: Add(a, b, result), 1-element float32 tensors, CPU");
        Console.WriteLine($"libtorch {LibTorch.Version} (python torch {py?.TorchVersion ?? "-"}), threads {threads}, " +
                          $"{rounds} interleaved rounds of {iterations} adds, .NET {Environment.Version}");
        Console.WriteLine($"{"engine",-8} {"median ns",10} {"p10 ns",10} {"p90 ns",10}");
        var medians = new Dictionary<string, double>();
        foreach (var (name, samples) in perOp)
        {
            samples.Sort();
            medians[name] = Percentile(samples, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-8} {medians[name],10:F1} {Percentile(samples, 0.1),10:F1} {Percentile(samples, 0.9),10:F1}"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio C#/C++: {medians["csharp"] / medians["cpp"]:F3}"));
        if (medians.TryGetValue("python", out double pythonMedian))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio C#/Python: {medians["csharp"] / pythonMedian:F3}"));
        }
        return 0;
    }

    private static TimeSpan CSharpRound(Tensor a, Tensor b, Tensor result, int iterations)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++) Tensor.Add(a, b, result);
        return Stopwatch.GetElapsedTime(start);
    }

    private static double Percentile(List<double> sorted, double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];
}
