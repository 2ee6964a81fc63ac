using System.Diagnostics;

namespace Interop.Cli.Tests;

/// <summary>
/// Data-parallel training and the collectives across processes on loopback, each rank a
/// tests/Interop.DistributedCheck process started by `interop launch`; every launch is bounded
/// by its own --timeout and by the test's limit.
/// </summary>
public sealed class DistributedTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);
    private readonly string folder = Directory.CreateTempSubdirectory("itorch-ddp-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // tests/Interop.DistributedCheck/bin/CONFIG/net10.0, beside this assembly's own output folder.
    private static string Worker
    {
        get
        {
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string testsFolder = output.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(testsFolder, "Interop.DistributedCheck", "bin", output.Parent.Name, output.Name, "Interop.DistributedCheck.dll");
        }
    }

    private static (int ExitCode, string Output, string Error) Launch(int ranks, IEnumerable<string> worker, params string[] environment)
    {
        return InteropCli.Run(Limit, ["launch", "--nproc", ranks.ToString(), "--timeout", "90", "--exec", "env", .. environment,
            "dotnet", Worker, .. worker]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void EveryCollectiveGivesTheExpectedValuesOnEveryRank(int ranks)
    {
        var (exitCode, output, error) = Launch(ranks, ["collectives"]);
        Assert.True(exitCode == 0, output + error);
        for (int rank = 0; rank < ranks; rank++)
        {
            Assert.Contains($"[rank {rank}] rank {rank}: the collectives gave the expected values in 16 dtype and size cases", output);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void AfterTrainingTheWeightsAreBitwiseEqualOnEveryRankAndMatchOneProcessOnTheWholeBatch(int ranks)
    {
        var (exitCode, output, error) = Launch(ranks, ["train", folder, "15"]);
        Assert.True(exitCode == 0, output + error);
        var (referenceCode, referenceOutput, referenceError) = Launch(1, ["reference", folder, "15"], $"WORLD_SIZE={ranks}");
        Assert.True(referenceCode == 0, referenceOutput + referenceError);

        byte[] rank0 = File.ReadAllBytes(Path.Combine(folder, "rank0.bin"));
        for (int rank = 1; rank < ranks; rank++) Assert.Equal(rank0, File.ReadAllBytes(Path.Combine(folder, $"rank{rank}.bin")));
        float[] trained = Floats(rank0), alone = Floats(File.ReadAllBytes(Path.Combine(folder, "reference.bin")));
        Assert.Equal(alone.Length, trained.Length);
        double largest = alone.Zip(trained, (a, t) => Math.Abs(a - t)).Max();
        Assert.True(largest <= 1e-5, $"the data-parallel weights differ from one process's by up to {largest}");
    }

    private static float[] Floats(byte[] bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();

    [Theory]
    [InlineData("die")]
    [InlineData("hang")]
    public void ARankThatDiesOrHangsFailsTheOthersWithinTheTimeoutAndTheLauncherNamesIt(string fault)
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = Launch(3, ["train", folder, "30", $"{fault}:1:5"], "TIMEOUT_SECONDS=5");
        clock.Stop();

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"rank 1 {(fault == "die" ? "dies" : "hangs")} at step 5", output);
        // The survivors raise the typed exception, a dead peer at once, a silent one after the group's 5 s.
        Assert.Contains("[rank 0] DistributedException: ", output);
        Assert.Contains("[rank 2] DistributedException: ", output);
        Assert.Contains(fault == "die" ? "launch: rank 1 exited with code 137" : "exited with code 2 (first failure)", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"took {clock.Elapsed}");
        Assert.False(File.Exists(Path.Combine(folder, "rank0.bin")));
    }

    [Fact]
    public void ARankClaimingAnotherWorldSize_FailsWithinTheTimeoutInsteadOfHanging()
    {
        var clock = Stopwatch.StartNew();
        var (exitCode, output, error) = Launch(2, ["collectives"], "TIMEOUT_SECONDS=5", "WORLD_SIZE_OVERRIDE=3");
        clock.Stop();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("DistributedException: ", output);
        Assert.Contains("first failure", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(45), $"took {clock.Elapsed}");
    }
}
