namespace Interop.Torch.Tests;

/// <summary>Spans of the wrong length or element type, non-contiguous data, views outliving their base.</summary>
public class BadInputSpanTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void CopyFrom_SpanOfTheWrongLength(int length)
    {
        using var t = Tensor.Full([4], 7.0);
        var source = new float[length];
        BadInputAssert.Rejects<TorchArgumentException>(() => t.CopyFrom<float>(source), $"the buffer holds {length} elements but the tensor has 4");
        Assert.Equal(new float[] { 7, 7, 7, 7 }, t.ToArray<float>());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void CopyTo_SpanOfTheWrongLength(int length)
    {
        using var t = Tensor.Zeros(4);
        var destination = new float[length];
        BadInputAssert.Rejects<TorchArgumentException>(() => t.CopyTo<float>(destination), $"the buffer holds {length} elements but the tensor has 4");
    }

    [Fact]
    public void AsSpan_OfANonContiguousTensor()
    {
        using var t = Tensor.Zeros(2, 3);
        using var transposed = t.Permute([1, 0]);
        BadInputAssert.Rejects<TorchArgumentException>(() => transposed.DangerousAsSpan<float>().Length, "contiguous");
    }

    [Fact]
    public void AsSpan_WithTheWrongElementType()
    {
        using var t = Tensor.Zeros(2, 3);
        BadInputAssert.Rejects<TorchArgumentException>(() => t.DangerousAsSpan<long>().Length, "requested element type is Long but the tensor's dtype is Float");
    }

    [Fact]
    public void View_OutlivesItsDisposedBase_AndKeepsTheValues()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            var original = Tensor.Arange(0, 6, dtype: DType.Float32);
            using var view = original.View([2, 3]);
            original.Dispose();
            Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, view.ToArray<float>());
            view.DangerousAsSpan<float>()[5] = 50;
            Assert.Equal(50f, view.ToArray<float>()[5]);
        });
    }

    [Fact]
    public void FromArray_ShapeThatDoesNotMatchTheLength()
    {
        var data = new float[5];
        BadInputAssert.Rejects<ArgumentException>(() => Tensor.FromArray(data, 2, 3), "[2, 3] has 6 elements but the memory holds 5", "shape");
    }

    [Fact]
    public void FromArray_NegativeSize()
    {
        var data = new float[5];
        BadInputAssert.Rejects<ArgumentException>(() => Tensor.FromArray(data, -5), "must not be negative", "shape");
    }

    [Fact]
    public void FromData_ShapeThatDoesNotMatchTheLength()
    {
        var data = new float[5];
        BadInputAssert.Rejects<TorchArgumentException>(() => Tensor.FromData<float>(data, 2, 3), "the buffer holds 5 elements but the tensor has 6");
    }
}
