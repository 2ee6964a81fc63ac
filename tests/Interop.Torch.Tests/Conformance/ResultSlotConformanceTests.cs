using Xunit.Abstractions;

namespace Interop.Torch.Tests.Conformance;

/// <summary>
/// The result slot of every recorded op with one tensor result: given a slot of the result's
/// shape and dtype, the op writes into it through libtorch's out= form where there is one (the
/// slot's data pointer stays the same), the values still match PyTorch's, and a call allocates
/// 0 managed bytes after warm-up.
/// </summary>
public class ResultSlotConformanceTests(ITestOutputHelper output)
{
    private const int RequiredOpsWrittenInPlace = 100;

    [Fact]
    public void OpsWriteIntoAFittingResultWithoutAllocating()
    {
        var problems = new List<string>();
        var inPlace = new HashSet<string>();
        var rebound = new HashSet<string>();
        foreach (ConformanceCase c in ConformanceRun.Fixture.Cases)
        {
            using CaseArguments args = CaseArguments.Build(c);
            if (!OpInvoker.TryInvoke(c.Schema, args.Values, out object? fresh) || fresh is not Tensor expected) continue;
            args.Own(expected);
            if (expected.Numel == 0) continue;
            using Tensor slot = Torch.EmptyLike(expected);
            nint before = DataAddress(slot);

            OpInvoker.TryInvoke(c.Schema, args.Values, out object? written, into: slot);
            OpInvoker.TryInvoke(c.Schema, args.Values, out _, into: slot);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            OpInvoker.TryInvoke(c.Schema, args.Values, out _, into: slot);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            var differences = new List<string>();
            ResultComparer.Compare(c.Outputs, slot, "result", differences);
            if (!ReferenceEquals(written, slot)) differences.Add("the op returned another tensor than its result slot");
            if (allocated != 0) differences.Add($"{allocated} managed bytes per call");
            if (differences.Count > 0)
            {
                problems.Add($"{c}: {string.Join("; ", differences)}");
            }
            else
            {
                (DataAddress(slot) == before ? inPlace : rebound).Add(c.OpName);
            }
        }

        output.WriteLine($"{inPlace.Count} ops wrote into the slot's storage; {rebound.Except(inPlace).Count()} others rebound it");
        output.WriteLine($"rebound: {string.Join(", ", rebound.Except(inPlace).Order())}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(inPlace.Count >= RequiredOpsWrittenInPlace,
            $"only {inPlace.Count} ops wrote into their result slot's storage; at least {RequiredOpsWrittenInPlace} must");
    }

    private static nint DataAddress(Tensor t) => t.DType switch
    {
        DType.Float32 => t.DataPointer<float>(),
        DType.Float64 => t.DataPointer<double>(),
        DType.Int64 => t.DataPointer<long>(),
        DType.Int32 => t.DataPointer<int>(),
        DType.Int16 => t.DataPointer<short>(),
        DType.Int8 => t.DataPointer<sbyte>(),
        DType.UInt8 => t.DataPointer<byte>(),
        DType.Bool => t.DataPointer<bool>(),
        var other => throw new NotSupportedException($"no element type for {other}"),
    };
}
