namespace Interop.Torch.Tests;

public class ConversionTests
{
    [Fact]
    public void To_FloatToInt_Truncates()
    {
        using var t = Tensor.FromData<float>([1.7f, -2.7f, 3f]);
        using var i = t.To(DType.Int32);
        Assert.Equal(DType.Int32, i.DType);
        Assert.Equal(new[] { 1, -2, 3 }, i.ToArray<int>());
    }

    [Fact]
    public void To_IntToDouble()
    {
        using var t = Tensor.FromData<long>([1, -2, 1L << 40]);
        using var d = t.To(DType.Float64);
        Assert.Equal(new[] { 1.0, -2.0, (double)(1L << 40) }, d.ToArray<double>());
    }

    [Fact]
    public void To_HalfAndBFloat16()
    {
        using var t = Tensor.FromData<float>([0.5f, 2f, -3.25f]);
        using var h = t.To(DType.Float16);
        Assert.Equal(new[] { (Half)0.5, (Half)2, (Half)(-3.25) }, h.ToArray<Half>());
        using var b = t.To(DType.BFloat16);
        Assert.Equal(DType.BFloat16, b.DType);
        using var back = b.To(DType.Float32);
        Assert.Equal(new[] { 0.5f, 2f, -3.25f }, back.ToArray<float>());
    }

    [Fact]
    public void To_Bool()
    {
        using var t = Tensor.FromData<float>([0f, 2f, -1f]);
        using var b = t.To(DType.Bool);
        Assert.Equal(new[] { false, true, true }, b.ToArray<bool>());
    }

    [Fact]
    public void To_SameDType_SharesStorage()
    {
        using var t = Tensor.FromData<float>([1f, 2f]);
        using var same = t.To(DType.Float32);
        Assert.Equal(t.DataPointer<float>(), same.DataPointer<float>());
    }

    [Fact]
    public void To_Cpu()
    {
        using var t = Tensor.FromData<float>([1f, 2f]);
        using var cpu = t.To(Device.Cpu);
        Assert.Equal(Device.Cpu, cpu.Device);
        Assert.Equal(new[] { 1f, 2f }, cpu.ToArray<float>());
    }

    [Fact]
    public void Contiguous_OfPermuted_CopiesInRowMajorOrder()
    {
        using var t = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var p = t.Permute([1, 0]);
        Assert.False(p.IsContiguous);
        using var c = p.Contiguous();
        Assert.True(c.IsContiguous);
        TensorAssert.Shape(c, 3, 2);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, c.DangerousAsSpan<float>().ToArray());
        Assert.NotEqual(t.DataPointer<float>(), c.DataPointer<float>());
    }

    [Fact]
    public void Contiguous_OfContiguous_IsSameStorage()
    {
        using var t = Tensor.Ones(2, 2);
        using var c = t.Contiguous();
        Assert.Equal(t.DataPointer<float>(), c.DataPointer<float>());
    }

    [Fact]
    public void Clone_HasIndependentStorage()
    {
        using var t = Tensor.FromData<float>([1f, 2f, 3f]);
        using var c = t.Clone();
        Assert.NotEqual(t.DataPointer<float>(), c.DataPointer<float>());
        Assert.Equal(t.ToArray<float>(), c.ToArray<float>());

        c.AddInPlace(10);
        Assert.Equal(new[] { 1f, 2f, 3f }, t.ToArray<float>());
        t.MulInPlace(2);
        Assert.Equal(new[] { 11f, 12f, 13f }, c.ToArray<float>());
    }

    [Fact]
    public void Detach_SharesStorageAndDropsGrad()
    {
        using var x = Tensor.FromData<float>([1f, 2f]);
        x.RequiresGrad = true;
        using var y = Torch.Mul(x, 3);
        Assert.True(y.RequiresGrad);
        using var d = y.Detach();
        Assert.False(d.RequiresGrad);
        Assert.Equal(y.DataPointer<float>(), d.DataPointer<float>());
        Assert.Equal(new[] { 3f, 6f }, d.ToArray<float>());
    }

    [Fact]
    public void Assign_RefersToTheSameTensor()
    {
        using var t = Tensor.FromData<float>([1f, 2f]);
        using var slot = new Tensor();
        slot.Assign(t);
        Assert.Equal(t.DataPointer<float>(), slot.DataPointer<float>());
        t.AddInPlace(1);
        Assert.Equal(new[] { 2f, 3f }, slot.ToArray<float>());
    }

    [Fact]
    public void CopyInPlace_BroadcastsAndConverts()
    {
        using var target = Tensor.Zeros([2, 3], DType.Float64);
        using var row = Tensor.FromData<long>([1, 2, 3]);
        target.CopyInPlace(row);
        Assert.Equal(new double[] { 1, 2, 3, 1, 2, 3 }, target.ToArray<double>());
    }
}
