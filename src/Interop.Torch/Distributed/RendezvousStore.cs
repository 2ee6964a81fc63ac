using Interop.Torch.Native;

namespace Interop.Torch.Distributed;

/// <summary>
/// Where the ranks of a process group find each other: c10d's TCPStore, served by rank 0, or
/// its FileStore on a file all ranks share. A group keeps its own reference, so the store may be
/// disposed once the group exists.
/// </summary>
public sealed unsafe class RendezvousStore : NativeHandle
{
    private RendezvousStore()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        ItorchDist.itorch_store_free((itorch_store*)handle);
        return true;
    }

    /// <summary>A TCPStore at <paramref name="host"/>:<paramref name="port"/>.</summary>
    /// <param name="host">The server's address, as the clients reach it.</param>
    /// <param name="port">The server's port.</param>
    /// <param name="isServer">
    /// True on the one rank that serves the store (rank 0): it listens, and waits for the other
    /// <paramref name="worldSize"/> - 1 ranks to connect.
    /// </param>
    /// <param name="worldSize">The number of ranks.</param>
    /// <param name="timeout">How long the server waits for the clients and a client tries to connect.</param>
    /// <exception cref="DistributedException">The port is taken, or the ranks did not all arrive within the timeout.</exception>
    public static RendezvousStore Tcp(string host, int port, bool isServer, int worldSize, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var store = new RendezvousStore();
        using var hostText = new Utf8Argument(host, nameof(host));
        itorch_store* created;
        store.Adopt(ItorchDist.itorch_store_tcp(&created, hostText.Pointer, port, isServer ? 1 : 0, worldSize,
            Milliseconds(timeout)), created);
        return store;
    }

    /// <summary>A FileStore at <paramref name="path"/>, a file that every rank can reach and that no earlier run left behind.</summary>
    public static RendezvousStore File(string path, int worldSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var store = new RendezvousStore();
        using var pathText = new Utf8Argument(path, nameof(path));
        itorch_store* created;
        store.Adopt(ItorchDist.itorch_store_file(&created, pathText.Pointer, worldSize), created);
        return store;
    }

    internal Borrowed<itorch_store> Borrow() => new(this);

    private protected override Exception ErrorOf(int status) => DistributedException.LastError(status);

    internal static long Milliseconds(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(timeout));
        return (long)Math.Ceiling(timeout.TotalMilliseconds);
    }
}
