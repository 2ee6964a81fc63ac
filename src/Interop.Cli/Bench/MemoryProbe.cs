using System.Diagnostics;
using System.Globalization;
using Interop.Torch;

namespace Interop.Cli.Bench;

/// <summary>
/// Peak RSS of one engine on one workload, measured in a child process that runs only that
/// engine, so that one engine's memory cannot inflate another's. The child is this program
/// again: `interop bench probe ENGINE WORKLOAD THREADS [ONNX]`, ONNX being the onnxruntime
/// engine's exported model (<see cref="OnnxExport.Prefix"/>).
/// </summary>
internal static class MemoryProbe
{
    public const string CommandName = "probe";

    /// <summary>Runs the probe for an engine of this process (csharp, csharp-loader, csharp-bf16, cpp or onnxruntime) in a child process and returns its peak RSS in MiB.</summary>
    public static double Measure(string engine, Workload workload, int threads, string? onnxModel)
    {
        var start = SelfCommand.StartInfo(["bench", CommandName, engine, workload.ToArgument(), threads.ToString(CultureInfo.InvariantCulture)]);
        if (engine == StudyRunner.OnnxRuntime) start.ArgumentList.Add(onnxModel ?? throw new ArgumentNullException(nameof(onnxModel)));
        start.RedirectStandardOutput = true;
        using Process child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the memory probe.");
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"The {engine} memory probe for {workload.Label} failed with exit code {child.ExitCode} (its error is above).");
        }
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The child's side: build the workload, run its warm-up and one round, print the peak RSS.</summary>
    public static int Run(string engine, Workload workload, int threads, string? onnxModel)
    {
        LibTorch.Threads = threads;
        MallocThresholds.ApplyToThisProcess();
        int steps = workload.WarmupSteps + workload.StepsPerRound;
        if (engine == StudyRunner.OnnxRuntime)
        {
            using var onnx = new OnnxRuntimeSession(onnxModel ?? throw new ArgumentException("The onnxruntime probe needs the exported model."), workload, threads);
            onnx.Run(steps);
        }
        else
        {
            using ITorchSession session = TorchSession.Create(workload);
            StudyRunner.InProcessRun(session, engine)(steps);
        }
        Console.WriteLine(PeakRssOfThisProcess());
        return 0;
    }

    /// <summary>This process's peak RSS in MiB, as the children print it.</summary>
    public static string PeakRssOfThisProcess()
    {
        using var self = Process.GetCurrentProcess();
        return (self.PeakWorkingSet64 / (1024.0 * 1024.0)).ToString("F1", CultureInfo.InvariantCulture);
    }
}
