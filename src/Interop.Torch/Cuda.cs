using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// CUDA devices and the memory libtorch's CUDA caching allocator holds on them, as
/// <c>torch.cuda</c> offers in Python. TorchSharp users asked for <c>empty_cache</c> and memory
/// statistics for years (TorchSharp issue #892): a long-running .NET process needs to see and
/// release what the allocator keeps.
/// </summary>
/// <remarks>
/// The shim is built against either a CPU-only libtorch or a CUDA one (<see cref="IsBuilt"/>).
/// On a CPU-only build every call here except <see cref="IsAvailable"/>, <see cref="IsBuilt"/> and
/// <see cref="DeviceCount"/> throws <see cref="CudaUnavailableException"/>, whose message says the
/// libtorch was built without CUDA and how to build against one; a CUDA build on a machine
/// without a usable GPU throws the same exception saying no device is present. A device index
/// out of range throws <see cref="TorchArgumentException"/>.
/// </remarks>
public static unsafe class Cuda
{
    /// <summary>True when the shim was built against a libtorch with CUDA and a CUDA device is present.</summary>
    public static bool IsAvailable => Itorch.itorch_cuda_is_available() != 0;

    /// <summary>True when the shim was built against a libtorch with CUDA, whether or not a device is present.</summary>
    public static bool IsBuilt => Itorch.itorch_cuda_is_built() != 0;

    /// <summary>The number of CUDA devices libtorch sees; 0 without CUDA (not an error).</summary>
    public static int DeviceCount
    {
        get
        {
            int count;
            Status.Check(Itorch.itorch_cuda_device_count(&count));
            return count;
        }
    }

    /// <summary>
    /// Waits until every kernel queued on <paramref name="device"/> has finished. CUDA ops return
    /// before the GPU is done; synchronize before reading a clock, so a timing measures the work.
    /// </summary>
    public static void Synchronize(int device = 0) => Status.Check(Itorch.itorch_cuda_synchronize(device));

    /// <summary>
    /// What the caching allocator holds on <paramref name="device"/> now and at its peak
    /// (<c>torch.cuda.memory_allocated</c>, <c>memory_reserved</c> and their <c>max_</c> forms).
    /// </summary>
    public static CudaMemoryStats MemoryStats(int device = 0)
    {
        itorch_cuda_memory memory;
        Status.Check(Itorch.itorch_cuda_memory_stats(device, &memory));
        return new CudaMemoryStats(memory.allocated_bytes, memory.reserved_bytes, memory.peak_allocated_bytes,
            memory.peak_reserved_bytes);
    }

    /// <summary>Starts the peak figures of <see cref="MemoryStats"/> again from the current ones, e.g. per epoch or per benchmark.</summary>
    public static void ResetPeakMemory(int device = 0) => Status.Check(Itorch.itorch_cuda_reset_peak_memory(device));

    /// <summary>
    /// Returns the allocator's cached, unused blocks on every device to the driver
    /// (<c>torch.cuda.empty_cache</c>), so other processes can use them. Memory held by live
    /// tensors stays: dispose tensors first. Later allocations get slower until the cache refills;
    /// call it between phases, not per step.
    /// </summary>
    public static void EmptyCache() => Status.Check(Itorch.itorch_cuda_empty_cache());
}

/// <summary>Bytes of libtorch's CUDA caching allocator on one device.</summary>
/// <param name="AllocatedBytes">Held by live tensors now.</param>
/// <param name="ReservedBytes">Taken from the driver now: the allocated bytes plus the allocator's cache.</param>
/// <param name="PeakAllocatedBytes">The most allocated since the process started or <see cref="Cuda.ResetPeakMemory"/>.</param>
/// <param name="PeakReservedBytes">The most reserved since the process started or <see cref="Cuda.ResetPeakMemory"/>.</param>
public readonly record struct CudaMemoryStats(long AllocatedBytes, long ReservedBytes, long PeakAllocatedBytes,
    long PeakReservedBytes);
