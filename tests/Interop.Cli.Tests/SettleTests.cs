using System.Diagnostics;

namespace Interop.Cli.Tests;

/// <summary>The pause before each timed round lasts while the engines burn CPU, and no longer.</summary>
public class SettleTests
{
    [Fact]
    public void WaitsWhileTheProcessesBurnCpuAndReturnsAtTheFirstQuietWindow()
    {
        int reads = 0;
        // Busy (8 ms of CPU a 10 ms window) for the first five windows, then idle.
        Settle.UntilQuiet(() => TimeSpan.FromMilliseconds(8 * Math.Min(++reads, 6)));
        Assert.Equal(7, reads);
    }

    [Fact]
    public void ProcessesThatNeverGoQuietStillLetTheStudyGoOn()
    {
        int reads = 0;
        var clock = Stopwatch.StartNew();
        Settle.UntilQuiet(() => TimeSpan.FromMilliseconds(10 * ++reads));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void CpuTimeOfThisProcessGrowsWithTheWorkOfItsThreads()
    {
        TimeSpan before = Settle.CpuTime(Environment.ProcessId);
        var spin = Stopwatch.StartNew();
        while (spin.ElapsedMilliseconds < 100) Thread.SpinWait(100);
        TimeSpan burnt = Settle.CpuTime(Environment.ProcessId) - before;
        // At least a share of the spin, however busy the machine, counted at the scheduler's ticks.
        Assert.True(burnt >= TimeSpan.FromMilliseconds(20), $"{burnt.TotalMilliseconds} ms counted for a 100 ms spin");
    }
}
