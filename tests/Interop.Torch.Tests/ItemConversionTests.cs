namespace Interop.Torch.Tests;

// Item<T> and ToArray<T> hand out elements as PyTorch's item() and tolist() do, then take the
// caller's type from that number as Python's int(), float() and bool() would.
public class ItemConversionTests
{
    [Fact]
    public void FloatElements_ReadAsIntegers_AreTruncatedTowardZero()
    {
        using var positive = Tensor.FromData<float>([2.75f]);
        using var negative = Tensor.FromData<double>([-2.75]);
        Assert.Equal(2L, positive.Item<long>());
        Assert.Equal(2, positive.Item<int>());
        Assert.Equal((byte)2, positive.Item<byte>());
        Assert.Equal(-2L, negative.Item<long>());
        Assert.Equal((sbyte)-2, negative.Item<sbyte>());
    }

    [Fact]
    public void Float32Elements_ReadAsDouble_AreWidenedExactly_AsPythonsItemGivesThem()
    {
        // torch.tensor(0.1).item() == 0.10000000149011612
        using var t = Tensor.FromData<float>([0.1f]);
        Assert.Equal(0.10000000149011612, t.Item<double>());
        using var floats = Tensor.FromData<float>([1.5f, -0.25f]);
        using var half = floats.To(DType.Float16);
        Assert.Equal(new double[] { 1.5, -0.25 }, half.ToArray<double>());
        using var brain = floats.To(DType.BFloat16);
        Assert.Equal(new float[] { 1.5f, -0.25f }, brain.ToArray<float>());
    }

    [Fact]
    public void IntegerAndBoolElements_ReadAsFloats()
    {
        using var count = Tensor.Arange(4);
        Assert.Equal(DType.Int64, count.DType);
        Assert.Equal(new float[] { 0, 1, 2, 3 }, count.ToArray<float>());
        Assert.Equal(new double[] { 0, 1, 2, 3 }, count.ToArray<double>());
        using var small = Tensor.FromData<int>([-7, 9]);
        Assert.Equal(new long[] { -7, 9 }, small.ToArray<long>());
        using var flags = Tensor.FromData<bool>([true, false]);
        Assert.Equal(new long[] { 1, 0 }, flags.ToArray<long>());
        Assert.Equal(new float[] { 1, 0 }, flags.ToArray<float>());
    }

    [Fact]
    public void AnyElement_ReadAsBool_IsNotZero_NaNIncluded()
    {
        using var reals = Tensor.FromData<float>([0f, 0.5f, -0f, float.NaN]);
        Assert.Equal(new[] { false, true, false, true }, reals.ToArray<bool>());
        using var integers = Tensor.FromData<long>([0, -3]);
        Assert.Equal(new[] { false, true }, integers.ToArray<bool>());
    }

    [Fact]
    public void ValuesTheTypeCannotHold_ThrowOverflow_NamingTheValue()
    {
        using var big = Tensor.FromData<long>([1L << 40]);
        Assert.Contains("1099511627776", Assert.Throws<OverflowException>(() => big.Item<int>()).Message);
        using var negative = Tensor.FromData<int>([-1]);
        Assert.Throws<OverflowException>(() => negative.Item<byte>());
        using var nan = Tensor.FromData<float>([float.NaN]);
        Assert.Contains("NaN", Assert.Throws<OverflowException>(() => nan.Item<long>()).Message);
        using var infinite = Tensor.FromData<double>([1.0, double.PositiveInfinity]);
        Assert.Throws<OverflowException>(() => infinite.ToArray<int>());
    }

    [Fact]
    public void CopyTo_StillTakesOnlyTheExactType()
    {
        // The spans are the tensor's own memory layout: converting there would be a silent reinterpretation.
        using var t = Tensor.FromData<float>([1f, 2f]);
        Assert.Throws<TorchArgumentException>(() => t.CopyTo<double>(new double[2]));
    }

    [Fact]
    public void ConvertingItem_OfManyElements_StillThrows()
    {
        using var many = Tensor.FromData<float>([1f, 2f]);
        Assert.Throws<InvalidOperationException>(() => many.Item<long>());
    }
}
