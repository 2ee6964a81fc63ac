using System.Diagnostics;

namespace Interop.Cli.Launch;

/// <summary>
/// What `interop launch` starts on this node: one copy of a command line per local rank of
/// <see cref="Layout"/>, each told its place in the job through torchrun's environment variables.
/// </summary>
/// <param name="Program">The executable every rank runs.</param>
/// <param name="Arguments">Its arguments, the same for every rank.</param>
/// <param name="Layout">The ranks of the job and where they meet.</param>
/// <param name="Timeout">How long the ranks may run before all are ended; null for no limit.</param>
internal sealed record LaunchPlan(string Program, IReadOnlyList<string> Arguments, RankLayout Layout, TimeSpan? Timeout)
{
    /// <summary>Local rank <paramref name="localRank"/>'s command line and environment.</summary>
    public ProcessStartInfo StartInfo(int localRank)
    {
        var start = new ProcessStartInfo(Program);
        foreach (string argument in Arguments) start.ArgumentList.Add(argument);
        Layout.Apply(start, localRank);
        return start;
    }
}
