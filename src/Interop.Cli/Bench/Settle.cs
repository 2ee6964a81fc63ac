using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// The pause before each timed round, until the engines' processes burn no more CPU. After its
/// last op an engine's idle worker threads spin on, taking a core from whichever engine runs
/// next: libtorch's OpenMP threads for 10-20 ms, ONNX Runtime's for 60-320 ms (MobileNetV2 at
/// batch 1, 2 threads). A fixed 25 ms pause left the engine after ONNX Runtime 1.3-1.6x
/// slower. Waiting for quiet adapts to each engine and machine instead of guessing a pause
/// long enough for all of them.
/// </summary>
internal static class Settle
{
    // A window is quiet when all the processes together used under a twentieth of one core.
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan QuietCpu = Window / 20;
    // Only the engines' own CPU time counts, not other programs' load; an engine that never goes
    // quiet (a thread that polls forever) still lets the study go on after this long.
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(2);

    /// <param name="cpuTime">The CPU time used so far by this process and the engines' children.</param>
    public static void UntilQuiet(Func<TimeSpan> cpuTime)
    {
        long start = Stopwatch.GetTimestamp();
        TimeSpan before = cpuTime();
        do
        {
            Thread.Sleep(Window);
            TimeSpan now = cpuTime();
            if (now - before < QuietCpu) return;
            before = now;
        } while (Stopwatch.GetElapsedTime(start) < Longest);
    }

    /// <summary>The CPU time of this process and, added to it, that of the engines' children.</summary>
    public static TimeSpan ThisProcessAnd(IEnumerable<TimeSpan> children) =>
        children.Aggregate(CpuTime(Environment.ProcessId), (sum, child) => sum + child);

    /// <summary>The CPU time process <paramref name="pid"/> has used so far, every live thread's.</summary>
    public static TimeSpan CpuTime(int pid)
    {
        // /proc/PID/stat counts in 10 ms clock ticks, as coarse as the window: a thread's
        // schedstat counts nanoseconds, brought up to date at every scheduler tick.
        if (!OperatingSystem.IsLinux())
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        long nanoseconds = 0;
        foreach (string task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                string line = File.ReadAllText(Path.Combine(task, "schedstat"));
                nanoseconds += long.Parse(line.AsSpan(0, line.IndexOf(' ')), CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }
        return TimeSpan.FromTicks(nanoseconds / 100);
    }
}
