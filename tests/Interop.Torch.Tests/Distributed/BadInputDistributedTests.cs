using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Interop.Torch.Distributed;

namespace Interop.Torch.Tests.Distributed;

public class BadInputDistributedTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Fact]
    public void ARankOutsideTheWorld_IsRejectedNamingIt()
    {
        using var store = RendezvousStore.File(Path.Combine(Path.GetTempPath(), $"itorch-store-{Guid.NewGuid():N}"), 2);
        var error = Assert.Throws<TorchArgumentException>(() => ProcessGroup.Create(store, rank: 2, worldSize: 2, Short));
        Assert.Contains("rank 2 is outside the world of 2 ranks", error.Message);
    }

    [Fact]
    public void APortAlreadyTaken_FailsTheRendezvousAtOnce()
    {
        using var taken = new TcpListener(IPAddress.IPv6Any, 0) { Server = { DualMode = true } };
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<DistributedException>(() => ProcessGroup.Initialize(new DistributedOptions
        {
            Rank = 0, WorldSize = 1, MasterPort = port, Timeout = TimeSpan.FromSeconds(20),
        }));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Contains("address", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ARankThatNeverArrives_FailsTheOthersWithinTheTimeout()
    {
        using var store = RendezvousStore.File(Path.Combine(Path.GetTempPath(), $"itorch-store-{Guid.NewGuid():N}"), 2);
        var clock = Stopwatch.StartNew();
        Assert.Throws<DistributedException>(() => ProcessGroup.Create(store, rank: 0, worldSize: 2, Short));
        Assert.InRange(clock.Elapsed, Short * 0.9, Short * 5);
    }

    [Fact]
    public void BadCollectiveArguments_AreRejectedBeforeReachingGloo()
    {
        ThreadRanks.Run(2, group =>
        {
            using var integers = Tensor.FromData([1L, 2L], 2);
            var average = Assert.Throws<TorchArgumentException>(() => group.AllReduce(integers, ReduceOp.Average));
            Assert.Contains("floating-point", average.Message);
            using var output = Tensor.Zeros(2);
            var gather = Assert.Throws<TorchArgumentException>(() => group.AllGather([output], output));
            Assert.Contains("holds 1 tensors; the world size is 2", gather.Message);
            Assert.Throws<TorchArgumentException>(() => group.Broadcast(output, root: 2));
            Assert.Throws<TorchArgumentException>(() => group.AllReduce(output, (ReduceOp)9));
            using var empty = new Tensor();
            Assert.Throws<TorchArgumentException>(() => group.AllReduce(empty));
            // Both ranks still agree after the rejections: none of them reached the other rank.
            using var one = Tensor.Ones(1);
            using (DistributedWork work = group.AllReduce(one)) work.Wait();
            Assert.Equal(2f, one.Item<float>());
        });
    }

    [Fact]
    public void Nccl_WithoutCuda_SaysSo()
    {
        using var store = RendezvousStore.File(Path.Combine(Path.GetTempPath(), $"itorch-store-{Guid.NewGuid():N}"), 1);
        if (Cuda.IsAvailable)
        {
            Assert.Throws<TorchNotSupportedException>(() => ProcessGroup.Create(store, 0, 1, Short, DistributedBackend.Nccl));
            return;
        }
        Assert.Throws<CudaUnavailableException>(() => ProcessGroup.Create(store, 0, 1, Short, DistributedBackend.Nccl));
    }

    [Fact]
    public void ADisposedGroup_ThrowsObjectDisposed()
    {
        using var store = RendezvousStore.File(Path.Combine(Path.GetTempPath(), $"itorch-store-{Guid.NewGuid():N}"), 1);
        ProcessGroup group = ProcessGroup.Create(store, 0, 1, Short);
        group.Dispose();
        using var tensor = Tensor.Ones(1);
        Assert.Throws<ObjectDisposedException>(() => group.AllReduce(tensor));
    }

    [Fact]
    public void LauncherVariables_AreReadAndAMissingOrBadOneIsNamed()
    {
        var variables = new Dictionary<string, string>
        {
            ["RANK"] = "1", ["WORLD_SIZE"] = "4", ["LOCAL_RANK"] = "1", ["MASTER_ADDR"] = "10.0.0.2", ["MASTER_PORT"] = "29501",
        };
        DistributedOptions options = DistributedOptions.FromVariables(variables.GetValueOrDefault, TimeSpan.FromSeconds(5));
        Assert.Equal((1, 4, 1, "10.0.0.2", 29501, TimeSpan.FromSeconds(5)),
            (options.Rank, options.WorldSize, options.LocalRank, options.MasterAddress, options.MasterPort, options.Timeout));

        variables.Remove("MASTER_ADDR");
        var missing = Assert.Throws<InvalidOperationException>(() => DistributedOptions.FromVariables(variables.GetValueOrDefault, null));
        Assert.Contains("MASTER_ADDR is not set", missing.Message);
        variables["MASTER_ADDR"] = "h";
        variables["RANK"] = "-1";
        var bad = Assert.Throws<InvalidOperationException>(() => DistributedOptions.FromVariables(variables.GetValueOrDefault, null));
        Assert.Contains("RANK is '-1'", bad.Message);
    }
}
