using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>The Python PyTorch engine: python/study_loop.py, a <see cref="ChildEngine"/>.</summary>
internal static class PythonEngine
{
    public static ChildEngine Start(string python, Workload workload, int threads)
    {
        ProcessStartInfo start = StartInfo(python, workload, threads);
        MallocThresholds.ApplyTo(start);
        return new ChildEngine(StudyRunner.Python, start, Remedy);
    }

    /// <summary>What to do when the Python engine cannot start.</summary>
    public const string Remedy = "install python3-torch and python3-torchvision, or pass --engines without python.";

    /// <summary>The study script's command line for <paramref name="workload"/>.</summary>
    public static ProcessStartInfo StartInfo(string python, Workload workload, int threads)
    {
        var start = new ProcessStartInfo(python);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "study_loop.py"));
        foreach (string argument in Arguments(workload, threads)) start.ArgumentList.Add(argument);
        // What LibTorch.Threads does for the C# and C++ engines: Python's torch.set_num_threads
        // leaves OpenBLAS's pool alone.
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>The workload as the study scripts' command-line options.</summary>
    public static IEnumerable<string> Arguments(Workload workload, int threads)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            "--model", workload.Model, "--phase", workload.Phase, "--batch", Text(workload.Batch),
            "--channels", Text(workload.Channels), "--height", Text(workload.Height), "--width", Text(workload.Width),
            "--classes", Text(workload.Classes), "--loss", workload.Loss, "--threads", Text(threads),
        ];
    }
}
