using System.Diagnostics;

namespace Interop.Cli;

/// <summary>
/// A Python PyTorch loop in a child process, asked for one timed round at a time so its
/// rounds interleave with the other engines' in the same run.
/// </summary>
internal sealed class PythonLoop : IDisposable
{
    private readonly Process process;

    public string TorchVersion { get; }

    public PythonLoop(string python, string script, int threads)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", script));
        start.ArgumentList.Add(threads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
        string ready = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException($"{python} {script} exited before it was ready; is python3-torch installed?");
        TorchVersion = ready["ready ".Length..];
    }

    /// <summary>Runs one round and returns its elapsed time as Python measured it.</summary>
    public TimeSpan Round(long iterations)
    {
        process.StandardInput.WriteLine(iterations);
        string answer = process.StandardOutput.ReadLine()
            ?? throw new InvalidOperationException("The Python benchmark process exited during a round.");
        return TimeSpan.FromTicks(long.Parse(answer, System.Globalization.CultureInfo.InvariantCulture) / 100);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.StandardInput.WriteLine("quit");
            process.WaitForExit(5000);
        }
        process.Dispose();
    }
}
