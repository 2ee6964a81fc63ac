using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Interop.Cli.Tests;

/// <summary>
/// `interop launch` as a user runs it, with /bin/sh scripts for ranks (--exec) so that no
/// native code runs. Each rank script and each launch is bounded: nothing here can hang.
/// </summary>
public class LaunchCommandTests
{
    // Far above what any launch here takes (a few seconds), far below the 60 s the sleeping ranks would take.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    private static (int ExitCode, string Output, string Error) Launch(params string[] arguments) =>
        InteropCli.Run(Limit, ["launch", .. arguments]);

    [Fact]
    public void EachRankSeesTorchrunsEnvironmentAndItsOutputIsPrefixed()
    {
        var (exitCode, output, error) = Launch("--nproc", "2", "--timeout", "30", "--exec", "/bin/sh", "-c",
            "echo \"rank=$RANK world=$WORLD_SIZE local=$LOCAL_RANK of $LOCAL_WORLD_SIZE group=$GROUP_RANK master=$MASTER_ADDR:$MASTER_PORT\"; echo to-stderr >&2");

        Assert.True(exitCode == 0, output + error);
        Match rank0 = Assert.Single(Regex.Matches(output, @"^\[rank 0\] rank=0 world=2 local=0 of 2 group=0 master=127\.0\.0\.1:(\d+)$", RegexOptions.Multiline));
        Match rank1 = Assert.Single(Regex.Matches(output, @"^\[rank 1\] rank=1 world=2 local=1 of 2 group=0 master=127\.0\.0\.1:(\d+)$", RegexOptions.Multiline));
        Assert.Equal(rank0.Groups[1].Value, rank1.Groups[1].Value);
        Assert.InRange(int.Parse(rank0.Groups[1].Value), 1, 65535);
        Assert.Contains("[rank 0] to-stderr", error);
        Assert.Contains("[rank 1] to-stderr", error);
    }

    [Fact]
    public void ASecondNodesRanksFollowTheFirstNodesAndMeetAtTheMaster()
    {
        var (exitCode, output, error) = Launch("--nproc", "2", "--nnodes", "2", "--node-rank", "1", "--master", "10.1.2.3:29500",
            "--timeout", "30", "--exec", "/bin/sh", "-c", "echo \"rank=$RANK world=$WORLD_SIZE local=$LOCAL_RANK group=$GROUP_RANK master=$MASTER_ADDR:$MASTER_PORT\"");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("[rank 2] rank=2 world=4 local=0 group=1 master=10.1.2.3:29500", output);
        Assert.Contains("[rank 3] rank=3 world=4 local=1 group=1 master=10.1.2.3:29500", output);
    }

    [Fact]
    public void WithoutExecEachRankRunsInteropAgain()
    {
        // The ranks are launchers themselves, the one interop command that needs no libtorch.
        var (exitCode, output, error) = Launch("--nproc", "2", "--timeout", "30",
            "launch", "--nproc", "1", "--timeout", "20", "--exec", "/bin/sh", "-c", "echo inner");

        Assert.True(exitCode == 0, output + error);
        Assert.Contains("[rank 0] [rank 0] inner", output);
        Assert.Contains("[rank 1] [rank 0] inner", output);
    }

    [Fact]
    public void TheFirstFailureEndsTheOtherRanksAndEveryExitCodeIsReported()
    {
        string pidFile = Path.Combine(Path.GetTempPath(), "interop-launch-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Rank 0's sleep is its shell's child: the kill must reach the whole tree.
            var clock = Stopwatch.StartNew();
            var (exitCode, output, error) = Launch("--nproc", "2", "--timeout", "30", "--exec", "/bin/sh", "-c",
                $"if [ \"$RANK\" = 1 ]; then echo boom >&2; exit 3; fi; sleep 60 & echo $! > '{pidFile}'; wait");
            clock.Stop();

            Assert.NotEqual(0, exitCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}; {output}{error}");
            Assert.Contains("launch: rank 1 exited with code 3 (first failure); ending the other ranks", error);
            Assert.Contains("[rank 1] boom", error);
            Assert.Contains("launch: rank 0: killed by the launcher", error);
            Assert.Contains("launch: rank 1: exit code 3", error);
            Assert.False(IsRunning(int.Parse(File.ReadAllText(pidFile))), "rank 0's sleep survived the launcher");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public void TheTimeoutEndsEveryRankAndNamesThoseStillRunning()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = Launch("--nproc", "2", "--timeout", "1", "--exec", "/bin/sh", "-c", "sleep 60");
        clock.Stop();

        Assert.NotEqual(0, exitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}; {output}{error}");
        Assert.Contains("launch: --timeout 1 s passed with rank(s) 0, 1 still running; ending them", error);
    }

    [Theory]
    [InlineData("--nproc is at least 1, not 0.", "--nproc", "0", "--exec", "/bin/true")]
    [InlineData("--master HOST:PORT is required with --nnodes above 1", "--nproc", "1", "--nnodes", "2", "--exec", "/bin/true")]
    [InlineData("--node-rank is from 0 to 1 with --nnodes 2, not 2.", "--nproc", "1", "--nnodes", "2", "--node-rank", "2", "--master", "10.1.2.3:29500", "--exec", "/bin/true")]
    [InlineData("--master is HOST:PORT with a port from 1 to 65535, not 'localhost'.", "--nproc", "1", "--master", "localhost", "--exec", "/bin/true")]
    [InlineData("name the program to run after --exec.", "--nproc", "1", "--exec")]
    [InlineData("name the interop command to run", "--nproc", "1")]
    public void BadArgumentsAreRefusedWithWhatIsWrong(string message, params string[] arguments)
    {
        var (exitCode, output, error) = Launch(arguments);

        Assert.True(exitCode == 2, output + error);
        Assert.Contains("launch: " + message, error);
    }

    // Linux's view of a process: gone, or a zombie that only waits to be reaped (a container's
    // first process may never reap the orphans it inherits).
    private static bool IsRunning(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
    }
}
