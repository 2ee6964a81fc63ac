using System.Runtime.InteropServices;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>Process-wide libtorch settings and facts.</summary>
public static unsafe class LibTorch
{
    /// <summary>The libtorch version the shim was built against.</summary>
    public static string Version => Marshal.PtrToStringUTF8((nint)Itorch.itorch_torch_version()) ?? "";

    /// <summary>Native slots alive right now (created minus freed), for leak checks.</summary>
    public static long LiveHandles => Itorch.itorch_live_handles();

    /// <summary>Seeds every libtorch random generator.</summary>
    public static void ManualSeed(long seed) => Status.Check(Itorch.itorch_manual_seed(seed));

    /// <summary>
    /// Threads libtorch uses inside one op (intra-op parallelism). Setting it also sizes
    /// OpenBLAS's own pool when libtorch computes matrix products with OpenBLAS, which
    /// libtorch itself leaves at one thread per core. Above one thread, use OpenBLAS's OpenMP
    /// build (Debian's libopenblas0-openmp, which build.sh selects): the pthreads build's idle
    /// threads spin against libtorch's OpenMP threads and can double a step's time.
    /// </summary>
    public static int Threads
    {
        get => Itorch.itorch_get_num_threads();
        set => Status.Check(Itorch.itorch_set_num_threads(value));
    }

    /// <summary>True when this libtorch has CUDA and a GPU is present; the same as <see cref="Cuda.IsAvailable"/>.</summary>
    public static bool CudaIsAvailable => Cuda.IsAvailable;

    /// <summary>Whether autograd records ops on the calling thread.</summary>
    public static bool IsGradEnabled => Itorch.itorch_is_grad_enabled() != 0;

    /// <summary>
    /// Stops autograd recording on the calling thread until the scope is disposed, as
    /// <c>with torch.no_grad():</c>. Dispose it on the thread that created it.
    /// </summary>
    public static GradScope NoGrad() => new(enabled: false);

    /// <summary>Turns autograd recording on or off on the calling thread until the scope is disposed.</summary>
    public static GradScope SetGradEnabled(bool enabled) => new(enabled);

    /// <summary>CPU mixed precision in <paramref name="dtype"/> (bfloat16) on the calling thread until the scope is disposed.</summary>
    /// <exception cref="TorchArgumentException"><paramref name="dtype"/> is not BFloat16, the one CPU autocast takes.</exception>
    public static AutocastScope Autocast(DType dtype = DType.BFloat16) => new(dtype);
}

/// <summary>Restores the calling thread's previous autograd mode when disposed.</summary>
public readonly struct GradScope : IDisposable
{
    // Null for default(GradScope), whose Dispose must change nothing.
    private readonly bool? previous;

    internal GradScope(bool enabled)
    {
        previous = LibTorch.IsGradEnabled;
        Itorch.itorch_set_grad_enabled(enabled ? 1 : 0);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (previous is bool enabled) Itorch.itorch_set_grad_enabled(enabled ? 1 : 0);
    }
}
