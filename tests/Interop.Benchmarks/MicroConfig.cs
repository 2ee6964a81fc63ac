using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Interop.Benchmarks;

/// <summary>
/// The one job every suite runs: ShortRun (3 warm-up and 3 measured iterations, one launch),
/// in process. In process, the shim resolves as it does for the tests (runtimes/linux-x64/native
/// beside the assembly, or INTEROP_ITORCH_PATH), and nothing is rebuilt per benchmark.
/// </summary>
public sealed class MicroConfig : ManualConfig
{
    public MicroConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
