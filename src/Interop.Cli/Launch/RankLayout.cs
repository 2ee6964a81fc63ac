using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Interop.Cli.Launch;

/// <summary>
/// Where each rank of a job stands, as torchrun tells it: <see cref="Nproc"/> ranks on each of
/// <see cref="Nnodes"/> nodes, this node being <see cref="NodeRank"/>, all meeting rank 0 at
/// <see cref="MasterAddr"/>:<see cref="MasterPort"/>.
/// </summary>
internal sealed record RankLayout(int Nproc, int Nnodes, int NodeRank, string MasterAddr, int MasterPort)
{
    /// <summary><paramref name="nproc"/> ranks on this machine alone, meeting on a free loopback port.</summary>
    public static RankLayout OnThisMachine(int nproc) => new(nproc, 1, 0, "127.0.0.1", FreeLoopbackPort());

    /// <summary>The global rank of local rank <paramref name="localRank"/>: the nodes' ranks follow one another.</summary>
    public int Rank(int localRank) => NodeRank * Nproc + localRank;

    /// <summary>Gives <paramref name="start"/> local rank <paramref name="localRank"/>'s place in torchrun's environment variables.</summary>
    public void Apply(ProcessStartInfo start, int localRank)
    {
        Set(start, "MASTER_ADDR", MasterAddr);
        Set(start, "MASTER_PORT", MasterPort);
        Set(start, "RANK", Rank(localRank));
        Set(start, "WORLD_SIZE", Nnodes * Nproc);
        Set(start, "LOCAL_RANK", localRank);
        Set(start, "LOCAL_WORLD_SIZE", Nproc);
        Set(start, "GROUP_RANK", NodeRank);
    }

    // Free when picked, not reserved: rank 0 binds it moments later, as with torchrun's default.
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Set(ProcessStartInfo start, string name, object value) =>
        start.Environment[name] = Convert.ToString(value, CultureInfo.InvariantCulture);
}
