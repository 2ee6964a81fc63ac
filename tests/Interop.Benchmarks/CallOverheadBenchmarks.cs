using BenchmarkDotNet.Attributes;
using Interop.Bench;
using Interop.Torch;
using Interop.Torch.Native;

namespace Interop.Benchmarks;

/// <summary>
/// What does one op cost when libtorch's own work is as small as it gets, and how much of it
/// is the binding? Add on 1-element float tensors into a preallocated result:
/// <see cref="Interop.Torch.Torch.Add(Tensor, Tensor, Scalar?, Tensor?)"/> (the generated op layer, a
/// SafeHandle reference on each tensor per call), the same through its import with raw pointers
/// taken once in setup (no reference counting), and the C++ loop <see cref="NativeBenchmarks.AddLoop"/>
/// (no P/Invoke at all), per op. libtorch threads: 1.
/// </summary>
[Config(typeof(MicroConfig))]
public unsafe class CallOverheadBenchmarks
{
    private const int NativeLoopOps = 10_000;

    private Tensor a = null!, b = null!, result = null!;
    private itorch_tensor* rawA, rawB, rawResult;

    [GlobalSetup]
    public void Setup()
    {
        LibTorch.Threads = 1;
        a = Tensor.Ones(1);
        b = Tensor.Ones(1);
        result = Tensor.Empty(1);
        bool added = false;
        // Held for the whole run, so the raw pointers stay valid without a reference per call.
        a.DangerousAddRef(ref added);
        b.DangerousAddRef(ref added);
        result.DangerousAddRef(ref added);
        rawA = (itorch_tensor*)a.DangerousGetHandle();
        rawB = (itorch_tensor*)b.DangerousGetHandle();
        rawResult = (itorch_tensor*)result.DangerousGetHandle();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (Tensor t in new[] { a, b, result })
        {
            t.DangerousRelease();
            t.Dispose();
        }
    }

    [Benchmark(Baseline = true, Description = "Torch.Add (generated, SafeHandle)")]
    public Tensor GeneratedAdd() => Interop.Torch.Torch.Add(a, b, result: result);

    [Benchmark(Description = "itorch_op_add_Tensor (generated, raw pointers)")]
    public int GeneratedRawAdd() => ItorchOps.itorch_op_add_Tensor(rawResult, rawA, rawB, null);

    [Benchmark(Description = "AddLoop (C++ loop, per op)", OperationsPerInvoke = NativeLoopOps)]
    public TimeSpan NativeLoop() => NativeBenchmarks.AddLoop(a, b, result, NativeLoopOps);
}
