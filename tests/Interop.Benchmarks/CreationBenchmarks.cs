using BenchmarkDotNet.Attributes;
using Interop.Torch;

namespace Interop.Benchmarks;

/// <summary>
/// What does it cost to make a tensor out of data already in a managed float[]? Zero-copy
/// (<see cref="Tensor.FromArray{T}"/>: pins the array and wraps it) against a copy
/// (<see cref="Tensor.FromData{T}(ReadOnlySpan{T}, ReadOnlySpan{long})"/>: libtorch allocates and
/// the elements are copied in), each including the tensor's Dispose, for 1 KB to 256 MB.
/// libtorch threads: 1.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class CreationBenchmarks
{
    private float[] data = null!;

    /// <summary>The tensor's size in bytes of float32: 1 KB, 64 KB, 1 MB, 16 MB, 256 MB.</summary>
    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24, 1 << 28)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LibTorch.Threads = 1;
        data = new float[Bytes / sizeof(float)];
        new Random(42).NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.AsSpan()));
    }

    [Benchmark(Baseline = true, Description = "FromArray (zero-copy)")]
    public long ZeroCopy()
    {
        using Tensor t = Tensor.FromArray(data, data.Length);
        return t.Numel;
    }

    [Benchmark(Description = "FromData (copy)")]
    public long Copy()
    {
        using Tensor t = Tensor.FromData<float>(data);
        return t.Numel;
    }
}
