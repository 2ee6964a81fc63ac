using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// The Python PyTorch engine: python/study_loop.py in a child process, asked for one timed
/// round at a time so its rounds interleave with the other engines' in the same run. Being its
/// own process, its peak RSS is its own.
/// </summary>
internal sealed class PythonEngine : IDisposable
{
    private readonly Process process;

    public string TorchVersion { get; }

    public long ParameterCount { get; }

    public PythonEngine(string python, Workload workload, int threads)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "study_loop.py"));
        foreach (string argument in Arguments(workload, threads)) start.ArgumentList.Add(argument);
        MallocThresholds.ApplyTo(start);
        // What LibTorch.Threads does for the C# and C++ engines: Python's torch.set_num_threads
        // leaves OpenBLAS's pool alone.
        start.Environment["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture);
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {python} ({e.Message}); install python3-torch and python3-torchvision, or pass --engines without python.", e);
        }
        string[] ready = (process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"{python} study_loop.py exited before it was ready (its error is above); are python3-torch and python3-torchvision installed?"))
            .Split(' ');
        TorchVersion = ready[1];
        ParameterCount = long.Parse(ready[2], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Arguments(Workload workload, int threads)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        return
        [
            "--model", workload.Model, "--phase", workload.Phase, "--batch", Text(workload.Batch),
            "--channels", Text(workload.Channels), "--height", Text(workload.Height), "--width", Text(workload.Width),
            "--classes", Text(workload.Classes), "--loss", workload.Loss, "--threads", Text(threads),
        ];
    }

    /// <summary>Runs <paramref name="steps"/> steps and returns their elapsed time as Python measured it.</summary>
    public TimeSpan Run(int steps)
    {
        long nanoseconds = long.Parse(Ask(steps.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks(nanoseconds / 100);
    }

    /// <summary>The peak resident set of the Python process so far, in MiB.</summary>
    public double PeakRssMb() => double.Parse(Ask("memory"), CultureInfo.InvariantCulture);

    private string Ask(string request)
    {
        process.StandardInput.WriteLine(request);
        return process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("The Python engine exited mid-run (its error is above).");
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.WriteLine("quit");
            if (!process.WaitForExit(10_000)) process.Kill();
        }
        process.Dispose();
    }
}
