namespace Interop.Torch.Tests;

public class CreationTests
{
    [Fact]
    public void Zeros_HasShapeDTypeAndZeroValues()
    {
        using var t = Tensor.Zeros(2, 3);
        TensorAssert.Shape(t, 2, 3);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.All(t.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Zeros_WithDType()
    {
        using var t = Tensor.Zeros([4], DType.Int32);
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal(new int[4], t.ToArray<int>());
    }

    [Fact]
    public void Ones_HasOnes()
    {
        using var t = Tensor.Ones([3, 2], DType.Float64);
        TensorAssert.Shape(t, 3, 2);
        Assert.Equal(DType.Float64, t.DType);
        Assert.All(t.ToArray<double>(), v => Assert.Equal(1.0, v));
    }

    [Fact]
    public void Empty_HasShapeAndDType()
    {
        using var t = Tensor.Empty([2, 0, 5], DType.Int16);
        TensorAssert.Shape(t, 2, 0, 5);
        Assert.Equal(0, t.Numel);
        Assert.Equal(DType.Int16, t.DType);

        using var f = Tensor.Empty(7);
        TensorAssert.Shape(f, 7);
        Assert.Equal(DType.Float32, f.DType);
    }

    [Fact]
    public void Full_WithFloatValue_IsFloat32()
    {
        using var t = Tensor.Full([2, 2], 2.5);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new[] { 2.5f, 2.5f, 2.5f, 2.5f }, t.ToArray<float>());
    }

    [Fact]
    public void Full_WithIntegerValue_IsInt64()
    {
        using var t = Tensor.Full([3], 7);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(new long[] { 7, 7, 7 }, t.ToArray<long>());
    }

    [Fact]
    public void Full_WithBoolValue_IsBool()
    {
        using var t = Tensor.Full([2], true);
        Assert.Equal(DType.Bool, t.DType);
        Assert.Equal(new[] { true, true }, t.ToArray<bool>());
    }

    [Fact]
    public void Full_WithExplicitDType()
    {
        using var t = Tensor.Full([2], 3, DType.Float64);
        Assert.Equal(DType.Float64, t.DType);
        Assert.Equal(new[] { 3.0, 3.0 }, t.ToArray<double>());
    }

    [Fact]
    public void Rand_IsInUnitInterval()
    {
        using var t = Tensor.Rand(1000);
        float[] values = t.ToArray<float>();
        Assert.All(values, v => Assert.InRange(v, 0f, 1f));
        Assert.DoesNotContain(1f, values);
        // 1000 uniform draws: all equal would mean the generator is not used.
        Assert.True(values.Distinct().Count() > 900);
        double mean = values.Average();
        Assert.InRange(mean, 0.4, 0.6);
    }

    [Fact]
    public void Randn_IsStandardNormal()
    {
        LibTorch.ManualSeed(1234);
        using var t = Tensor.Randn(10_000);
        float[] values = t.ToArray<float>();
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Average();
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(variance, 0.9, 1.1);
        Assert.Contains(values, v => v < 0);
    }

    [Fact]
    public void Randn_IsReproducibleWithManualSeed()
    {
        LibTorch.ManualSeed(42);
        using var first = Tensor.Randn(3, 4);
        LibTorch.ManualSeed(42);
        using var second = Tensor.Randn(3, 4);
        LibTorch.ManualSeed(43);
        using var other = Tensor.Randn(3, 4);

        Assert.Equal(first.ToArray<float>(), second.ToArray<float>());
        Assert.NotEqual(first.ToArray<float>(), other.ToArray<float>());
    }

    [Fact]
    public void RandInt_IsInRangeAndInt64()
    {
        using var t = Tensor.RandInt(-3, 5, [2000]);
        Assert.Equal(DType.Int64, t.DType);
        long[] values = t.ToArray<long>();
        Assert.All(values, v => Assert.InRange(v, -3L, 4L));
        // Every value of the range turns up in 2000 draws, the upper bound never.
        Assert.Equal(Enumerable.Range(-3, 8).Select(v => (long)v), values.Distinct().Order());
    }

    [Fact]
    public void RandInt_WithDType()
    {
        using var t = Tensor.RandInt(0, 10, [50], DType.Int32);
        Assert.Equal(DType.Int32, t.DType);
        Assert.All(t.ToArray<int>(), v => Assert.InRange(v, 0, 9));
    }

    [Fact]
    public void Arange_Integer()
    {
        using var t = Tensor.Arange(5);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4 }, t.ToArray<long>());

        using var stepped = Tensor.Arange(2, 11, 3);
        Assert.Equal(new long[] { 2, 5, 8 }, stepped.ToArray<long>());
    }

    [Fact]
    public void Arange_Float()
    {
        using var t = Tensor.Arange(0.0, 1.0, 0.25);
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(new[] { 0f, 0.25f, 0.5f, 0.75f }, t.ToArray<float>());

        using var d = Tensor.Arange(1, 4, dtype: DType.Float64);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, d.ToArray<double>());
    }

    [Fact]
    public void FromData_CopiesAndIsIndependentOfTheSource()
    {
        float[] source = [1, 2, 3, 4, 5, 6];
        using var t = Tensor.FromData<float>(source, 2, 3);
        TensorAssert.Shape(t, 2, 3);
        Assert.Equal(DType.Float32, t.DType);

        source[0] = 100;
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<float>());

        t.MulInPlace(2);
        Assert.Equal(new float[] { 100, 2, 3, 4, 5, 6 }, source);
        Assert.Equal(new float[] { 2, 4, 6, 8, 10, 12 }, t.ToArray<float>());
    }

    [Fact]
    public void FromData_WithoutShape_IsOneDimensional()
    {
        using var t = Tensor.FromData<long>([7, 8, 9]);
        TensorAssert.Shape(t, 3);
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal(new long[] { 7, 8, 9 }, t.ToArray<long>());
    }

    [Fact]
    public void FromData_TwoDimensionalArray()
    {
        using var t = Tensor.FromData(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        TensorAssert.Shape(t, 2, 3);
        Assert.Equal(DType.Float64, t.DType);
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<double>());
    }

    [Fact]
    public void FromData_EachElementType()
    {
        using (var t = Tensor.FromData<byte>([1, 255])) Assert.Equal(DType.UInt8, t.DType);
        using (var t = Tensor.FromData<sbyte>([-1, 1])) Assert.Equal(DType.Int8, t.DType);
        using (var t = Tensor.FromData<short>([-1, 1])) Assert.Equal(DType.Int16, t.DType);
        using (var t = Tensor.FromData<int>([-1, 1])) Assert.Equal(DType.Int32, t.DType);
        using (var t = Tensor.FromData<bool>([true, false])) Assert.Equal(new[] { true, false }, t.ToArray<bool>());
        using (var t = Tensor.FromData<Half>([(Half)1.5, (Half)(-2)]))
        {
            Assert.Equal(DType.Float16, t.DType);
            Assert.Equal(new[] { (Half)1.5, (Half)(-2) }, t.ToArray<Half>());
        }
    }

    [Fact]
    public void FromData_WrongShape_Throws()
    {
        var error = Assert.Throws<TorchArgumentException>(() => Tensor.FromData<float>([1, 2, 3], 2, 2));
        Assert.Equal(TorchErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void EmptySlot_IsNotDefined()
    {
        using var slot = new Tensor();
        Assert.False(slot.IsDefined);
        Assert.Throws<InvalidOperationException>(() => slot.Dim);
        Assert.Equal("Tensor(empty slot)", slot.ToString());
    }
}
