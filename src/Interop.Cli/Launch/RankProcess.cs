using System.ComponentModel;
using System.Diagnostics;

namespace Interop.Cli.Launch;

/// <summary>
/// One rank's process: started from its <see cref="LaunchPlan.StartInfo"/>, each line of its
/// stdout and stderr forwarded to the launcher's own under a "[rank R] " prefix.
/// </summary>
internal sealed class RankProcess : IDisposable
{
    private readonly Process process;

    private RankProcess(Process process, int rank, Task<int> exited, Task forwarded)
    {
        this.process = process;
        Rank = rank;
        Exited = exited;
        Forwarded = forwarded;
    }

    public int Rank { get; }

    /// <summary>Completes with the exit code when the process ends; its last output may still be on its way.</summary>
    public Task<int> Exited { get; }

    /// <summary>Completes when the process's stdout and stderr are closed and every line is forwarded.</summary>
    public Task Forwarded { get; }

    /// <summary>Whether the launcher killed it, rather than it ending on its own.</summary>
    public bool Killed { get; private set; }

    /// <summary>Starts local rank <paramref name="localRank"/> of <paramref name="plan"/>.</summary>
    /// <exception cref="InvalidOperationException">The program cannot be started.</exception>
    public static RankProcess Start(LaunchPlan plan, int localRank)
    {
        int rank = plan.Layout.Rank(localRank);
        ProcessStartInfo start = plan.StartInfo(localRank);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // Exited, not WaitForExit: the latter also waits for the output to close, which a
        // grandchild that inherited it can hold open long after the rank itself has failed.
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var exited = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(process.ExitCode);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"could not start rank {rank}, {start.FileName} ({e.Message})", e);
        }
        string prefix = $"[rank {rank}] ";
        Task forwarded = Task.WhenAll(Forward(process.StandardOutput, ConsoleLines.Out, prefix),
            Forward(process.StandardError, ConsoleLines.Error, prefix));
        return new RankProcess(process, rank, exited.Task, forwarded);
    }

    /// <summary>Kills the process and everything it started, unless it has already ended.</summary>
    public void Kill()
    {
        if (Exited.IsCompleted) return;
        Killed = true;
        process.Kill(entireProcessTree: true);
    }

    public void Dispose() => process.Dispose();

    private static async Task Forward(StreamReader from, Action<string> to, string prefix)
    {
        while (await from.ReadLineAsync() is { } line) to(prefix + line);
    }
}
