using System.Globalization;

namespace Interop.Torch.Distributed;

/// <summary>
/// How a process joins its process group, as the arguments of <c>torch.distributed.init_process_group</c>:
/// its rank, the world size, the rendezvous (rank 0's TCPStore at
/// <see cref="MasterAddress"/>:<see cref="MasterPort"/>, or a FileStore) and the timeout.
/// </summary>
public sealed record DistributedOptions
{
    /// <summary>PyTorch's default timeout of a process group: a peer silent this long fails the collective.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    /// <summary>This process's rank, 0 to <see cref="WorldSize"/> - 1.</summary>
    public required int Rank { get; init; }

    /// <summary>The number of processes in the group.</summary>
    public required int WorldSize { get; init; }

    /// <summary>This process's rank among those of its machine.</summary>
    public int LocalRank { get; init; }

    /// <summary>The address of rank 0, which serves the TCPStore.</summary>
    public string MasterAddress { get; init; } = "127.0.0.1";

    /// <summary>The TCPStore's port.</summary>
    public int MasterPort { get; init; } = 29500;

    /// <summary>A file every rank shares, to meet through a FileStore instead of the TCPStore; null for TCP.</summary>
    public string? FileStorePath { get; init; }

    /// <summary>How long the rendezvous, and then every collective, may wait for a peer.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>The backend of the collectives.</summary>
    public DistributedBackend Backend { get; init; } = DistributedBackend.Gloo;

    /// <summary>True when a launcher (<c>interop launch</c>, torchrun) started this process: WORLD_SIZE is set.</summary>
    public static bool IsLaunched => Environment.GetEnvironmentVariable("WORLD_SIZE") is not null;

    /// <summary>
    /// The options torchrun and <c>interop launch</c> pass in the environment, as PyTorch's
    /// <c>init_method="env://"</c>: RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT, and LOCAL_RANK when set.
    /// </summary>
    /// <exception cref="InvalidOperationException">A variable is missing or is not a number.</exception>
    public static DistributedOptions FromEnvironment(TimeSpan? timeout = null) =>
        FromVariables(Environment.GetEnvironmentVariable, timeout);

    internal static DistributedOptions FromVariables(Func<string, string?> variable, TimeSpan? timeout)
    {
        string Text(string name) =>
            variable(name) is { Length: > 0 } value
                ? value
                : throw new InvalidOperationException($"{name} is not set: start the ranks with `interop launch` or torchrun, or pass the options explicitly.");
        int Number(string name) =>
            int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out int value)
                ? value
                : throw new InvalidOperationException($"{name} is '{variable(name)}', not a non-negative integer.");
        return new DistributedOptions
        {
            Rank = Number("RANK"),
            WorldSize = Number("WORLD_SIZE"),
            LocalRank = variable("LOCAL_RANK") is null ? 0 : Number("LOCAL_RANK"),
            MasterAddress = Text("MASTER_ADDR"),
            MasterPort = Number("MASTER_PORT"),
            Timeout = timeout ?? DefaultTimeout,
        };
    }
}
