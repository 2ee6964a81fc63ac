using System.Globalization;
using System.Runtime.InteropServices;

namespace Interop.Cli.Launch;

/// <summary>
/// Runs one node's ranks to their end the way torchrun does. The job succeeds when every rank
/// exits 0. The first rank to fail ends it: its peers get a grace period to end on their own
/// error, then are killed. A SIGINT, a SIGTERM or the plan's timeout kills every rank at once.
/// The exit code is 0 on success, 1 after a failed rank, 124 after the timeout (timeout(1)'s)
/// and 128 + N after signal N.
/// </summary>
internal static class Launcher
{
    // The peers of a dead rank usually fail at their next collective; a few seconds lets their
    // own error reach the output before they are killed.
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    // How long the ranks' end and their last lines are waited for once they are killed or have
    // exited, so that a process stuck in the kernel cannot hold the launcher.
    private static readonly TimeSpan EndLimit = TimeSpan.FromSeconds(5);

    public static int Run(LaunchPlan plan)
    {
        var signal = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // The default handling would end the launcher and orphan the ranks: cancel it, end them first.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Caught(context, 2));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Caught(context, 15));
        var ranks = new List<RankProcess>();
        try
        {
            try
            {
                for (int local = 0; local < plan.Layout.Nproc; local++) ranks.Add(RankProcess.Start(plan, local));
            }
            catch (InvalidOperationException e)
            {
                ConsoleLines.Error($"launch: {e.Message}");
                End(ranks);
                return 1;
            }
            int exitCode = Supervise(ranks, plan.Timeout, signal.Task);
            End(ranks);
            if (exitCode != 0) Report(ranks);
            return exitCode;
        }
        finally
        {
            foreach (RankProcess rank in ranks) rank.Dispose();
        }

        void Caught(PosixSignalContext context, int number)
        {
            context.Cancel = true;
            signal.TrySetResult(number);
        }
    }

    private static int Supervise(List<RankProcess> ranks, TimeSpan? timeout, Task<int> signal)
    {
        Task deadline = Task.Delay(timeout ?? Timeout.InfiniteTimeSpan);
        var running = new List<RankProcess>(ranks);
        while (running.Count > 0)
        {
            Task.WaitAny([.. running.Select(r => r.Exited), deadline, signal]);
            if (signal.IsCompleted)
            {
                ConsoleLines.Error($"launch: {(signal.Result == 2 ? "SIGINT" : "SIGTERM")}; ending the ranks");
                return 128 + signal.Result;
            }
            // Among ranks that failed together, the lowest is named.
            if (running.FirstOrDefault(r => r.Exited.IsCompleted && r.Exited.Result != 0) is { } failed)
            {
                ConsoleLines.Error($"launch: rank {failed.Rank} exited with code {failed.Exited.Result} (first failure); ending the other ranks");
                Task.WaitAny(Task.WhenAll(ranks.Select(r => r.Exited)), Task.Delay(GracePeriod), signal);
                return 1;
            }
            running.RemoveAll(r => r.Exited.IsCompleted);
            if (deadline.IsCompleted && running.Count > 0)
            {
                string seconds = timeout!.Value.TotalSeconds.ToString(CultureInfo.InvariantCulture);
                ConsoleLines.Error($"launch: --timeout {seconds} s passed with rank(s) {string.Join(", ", running.Select(r => r.Rank))} still running; ending them");
                return 124;
            }
        }
        return 0;
    }

    // Kills what still runs, then waits for the ends and the last lines, within EndLimit.
    private static void End(List<RankProcess> ranks)
    {
        foreach (RankProcess rank in ranks) rank.Kill();
        Task.WaitAll([.. ranks.Select(r => r.Exited)], EndLimit);
        Task.WaitAll([.. ranks.Select(r => r.Forwarded)], EndLimit);
    }

    private static void Report(List<RankProcess> ranks)
    {
        foreach (RankProcess rank in ranks)
        {
            string end = !rank.Exited.IsCompleted ? "still running after the kill"
                : rank.Killed ? $"killed by the launcher (exit code {rank.Exited.Result})"
                : $"exit code {rank.Exited.Result}";
            ConsoleLines.Error($"launch: rank {rank.Rank}: {end}");
        }
    }
}
