using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// An engine in a child process of its own (Python PyTorch, TorchSharp), asked for one timed
/// round at a time so its rounds interleave with the other engines' in the same run; being its
/// own process, its peak RSS is its own. The child prints "ready PARAMETERS RUNTIME" once it
/// has built its model (RUNTIME, the rest of the line, names what it runs on), then answers each line it reads: N runs N steps and prints their
/// nanoseconds, followed, for a .NET child, by the managed bytes the steps allocated;
/// "memory" prints its peak RSS in MiB; "quit" ends it.
/// </summary>
internal sealed class ChildEngine : IDisposable
{
    private readonly Process process;
    private readonly string name;

    /// <summary>What the child says it runs on, for example "torch 2.14.1".</summary>
    public string Runtime { get; }

    public long ParameterCount { get; }

    /// <summary>The managed bytes the child reported for all its rounds so far; null for a child that reports none (Python).</summary>
    public long? AllocatedBytes { get; private set; }

    /// <param name="name">The engine's name in messages.</param>
    /// <param name="start">The child's command line and environment; its input and output are redirected here.</param>
    /// <param name="remedy">What to do when the child cannot start or exits before it is ready.</param>
    public ChildEngine(string name, ProcessStartInfo start, string remedy)
    {
        this.name = name;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start the {name} engine ({start.FileName}).");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start the {name} engine, {start.FileName} ({e.Message}); {remedy}", e);
        }
        string line = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The {name} engine exited before it was ready (its error is above); {remedy}");
        string[] ready = line.Split(' ', 3);
        if (ready.Length != 3 || ready[0] != "ready" || !long.TryParse(ready[1], CultureInfo.InvariantCulture, out long parameters))
        {
            throw new InvalidOperationException($"The {name} engine said '{line}' where 'ready PARAMETERS RUNTIME' was expected.");
        }
        ParameterCount = parameters;
        Runtime = ready[2];
    }

    /// <summary>Runs <paramref name="steps"/> steps and returns their elapsed time as the child measured it.</summary>
    public TimeSpan Run(int steps)
    {
        string[] reply = Ask(steps.ToString(CultureInfo.InvariantCulture)).Split(' ');
        if (reply.Length == 2) AllocatedBytes = (AllocatedBytes ?? 0) + long.Parse(reply[1], CultureInfo.InvariantCulture);
        return TimeSpan.FromTicks(long.Parse(reply[0], CultureInfo.InvariantCulture) / 100);
    }

    /// <summary>The CPU time the child has used so far, every thread's.</summary>
    public TimeSpan CpuTime => Settle.CpuTime(process.Id);

    /// <summary>The peak resident set of the child so far, in MiB.</summary>
    public double PeakRssMb() => double.Parse(Ask("memory"), CultureInfo.InvariantCulture);

    private string Ask(string request)
    {
        process.StandardInput.WriteLine(request);
        return process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"The {name} engine exited mid-run (its error is above).");
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
