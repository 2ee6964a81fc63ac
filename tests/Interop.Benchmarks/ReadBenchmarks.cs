using BenchmarkDotNet.Attributes;
using Interop.Torch;

namespace Interop.Benchmarks;

/// <summary>
/// What does it cost to read a tensor's data from C#? The same work both ways, a vectorized
/// sum of every element: over <see cref="Tensor.AsSpan{T}"/> (in place, zero-copy) against
/// <see cref="Tensor.CopyTo{T}(Span{T})"/> into a preallocated float[] and then a sum over that
/// array, which is what reading through a copy costs. AsSpan alone (no read) shows the fixed
/// cost of getting at the data. Sizes 1 KB to 256 MB; libtorch threads: 1.
/// </summary>
[Config(typeof(MicroConfig))]
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private Tensor tensor = null!;
    private float[] destination = null!;

    /// <summary>The tensor's size in bytes of float32: 1 KB, 64 KB, 1 MB, 16 MB, 256 MB.</summary>
    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24, 1 << 28)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        LibTorch.Threads = 1;
        tensor = Tensor.Rand(Bytes / sizeof(float));
        destination = new float[Bytes / sizeof(float)];
    }

    [GlobalCleanup]
    public void Cleanup() => tensor.Dispose();

    [Benchmark(Description = "AsSpan only")]
    public int AsSpanOnly() => tensor.DangerousAsSpan<float>().Length;

    [Benchmark(Baseline = true, Description = "AsSpan + sum")]
    public float AsSpanSum() => Checksum.Sum(tensor.DangerousAsSpan<float>());

    [Benchmark(Description = "CopyTo + sum")]
    public float CopyToSum()
    {
        tensor.CopyTo<float>(destination);
        return Checksum.Sum(destination);
    }
}
