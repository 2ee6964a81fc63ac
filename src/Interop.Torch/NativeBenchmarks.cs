using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The shim's benchmark-only exports: loops written in C++ over the same tensors, the
/// ceiling any binding can reach. Compare them with the same loop in C#.
/// </summary>
public static unsafe class NativeBenchmarks
{
    /// <summary>Runs <paramref name="iterations"/> of at::add_out(result, a, b) in C++ and returns the time they took.</summary>
    public static TimeSpan AddLoop(Tensor a, Tensor b, Tensor result, long iterations)
    {
        using var x = a.Borrow();
        using var y = b.Borrow();
        using var r = result.Borrow();
        long elapsed;
        Status.Check(Itorch.itorch_bench_add_loop(r.Pointer, x.Pointer, y.Pointer, iterations, &elapsed));
        return TimeSpan.FromTicks(elapsed / 100);
    }
}
