using System.Diagnostics;
using Interop.Bench;
using Interop.Torch;

namespace Interop.Cli.Bench;

// Inside namespace Interop.*, a plain `Torch` names the namespace Interop.Torch; the alias names the ops.
using Torch = Interop.Torch.Torch;

/// <summary>Per-op overhead: the generated Add into a preallocated 1-element tensor, where libtorch's own work is smallest.</summary>
internal sealed class OpSession : ITorchSession
{
    private readonly Tensor a = Tensor.Ones(1);
    private readonly Tensor b = Tensor.Ones(1);
    private readonly Tensor result = Tensor.Empty(1);

    public long ParameterCount => 0;

    public TimeSpan RunCSharp(int steps)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) Torch.Add(a, b, result: result);
        return Stopwatch.GetElapsedTime(start);
    }

    public TimeSpan RunCpp(int steps) => NativeBenchmarks.AddLoop(a, b, result, steps);

    public void Dispose()
    {
        a.Dispose();
        b.Dispose();
        result.Dispose();
    }
}
