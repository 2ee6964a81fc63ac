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
        // In-place ops write into their self, not into a result slot.
        foreach (ConformanceCase c in ConformanceRun.Fixture.Cases.Where(c => !c.OpName.EndsWith('_')))
        {
            using CaseArguments args = CaseArguments.Build(c);
            if (!OpInvoker.TryInvoke(c.Schema, args.Values, out object? fresh) || fresh is not Tensor expected) continue;
            args.Own(expected);
            if (expected.Numel == 0) continue;
            using Tensor slot = Torch.EmptyLike(expected, memoryFormat: MemoryFormat.Contiguous);
            nint before = DataAddress(slot);

            OpInvoker.TryInvoke(c.Schema, args.Values, out object? written, into: slot);
            if (!ReferenceEquals(written, slot))
            {
                // No result parameter: max(self) leaves that position to max.other(self, other).
                args.Own(written);
                continue;
            }
            OpInvoker.TryInvoke(c.Schema, args.Values, out _, into: slot);
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            OpInvoker.TryInvoke(c.Schema, args.Values, out _, into: slot);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

            var differences = new List<string>();
            ResultComparer.Compare(c.Outputs, slot, "result", differences);
            if (allocated != 0) differences.Add($"{allocated} managed bytes per call");
            if (differences.Count > 0)
            {
                problems.Add($"{c}: {string.Join("; ", differences)}");
            }
            else
            {
                // A view op rebinds the slot to a view, which may not be contiguous.
                bool samePlace = slot.IsContiguous && DataAddress(slot) == before;
                (samePlace ? inPlace : rebound).Add(c.OpName);
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
