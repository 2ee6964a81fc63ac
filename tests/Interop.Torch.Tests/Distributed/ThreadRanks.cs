using System.Runtime.ExceptionServices;
using Interop.Torch.Distributed;

namespace Interop.Torch.Tests.Distributed;

/// <summary>
/// The ranks of a Gloo process group as threads of the test process, meeting in one FileStore:
/// c10d runs the same whether the ranks are processes or threads, and threads keep these tests
/// fast. tests/Interop.Cli.Tests/DistributedTests.cs runs ranks as processes.
/// </summary>
internal static class ThreadRanks
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="body"/> on every rank's thread at once; rethrows the first rank's failure.</summary>
    public static void Run(int worldSize, Action<ProcessGroup> body)
    {
        string storePath = Path.Combine(Path.GetTempPath(), $"itorch-store-{Guid.NewGuid():N}");
        var failures = new Exception?[worldSize];
        Thread[] threads = [.. Enumerable.Range(0, worldSize).Select(rank => new Thread(() =>
        {
            try
            {
                using var store = RendezvousStore.File(storePath, worldSize);
                using ProcessGroup group = ProcessGroup.Create(store, rank, worldSize, Timeout);
                body(group);
            }
            catch (Exception e)
            {
                failures[rank] = e;
            }
        }))];
        foreach (Thread thread in threads) thread.Start();
        foreach (Thread thread in threads) Assert.True(thread.Join(Timeout * 2), "a rank did not finish");
        File.Delete(storePath);
        if (failures.FirstOrDefault(f => f is not null) is { } failure) ExceptionDispatchInfo.Throw(failure);
    }
}
