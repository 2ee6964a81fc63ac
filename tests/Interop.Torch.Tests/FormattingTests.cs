namespace Interop.Torch.Tests;

public class FormattingTests
{
    [Fact]
    public void IntegerMatrixPlusScalar()
    {
        using var a = Tensor.FromData(new long[,] { { 1, 2 }, { 3, 4 } });
        using var r = a + 2;
        Assert.Equal("[[3,4],[5,6]]", r.ToString());
    }

    [Fact]
    public void FloatTensor_IsReadable()
    {
        using var t = Tensor.FromData<float>([0.5f, -1.25f, 3f, 0.1f]);
        Assert.Equal("[0.5,-1.25,3,0.1]", t.ToString());
    }

    [Fact]
    public void ScalarTensor_PrintsItsValue()
    {
        using var t = Tensor.FromData<float>([1f, 2f, 3.5f]);
        using var sum = Torch.Sum(t);
        Assert.Equal("6.5", sum.ToString());
        using var integer = Tensor.Full([], 42);
        Assert.Equal("42", integer.ToString());
    }

    [Fact]
    public void BoolTensor()
    {
        using var t = Tensor.FromData<bool>([true, false]);
        Assert.Equal("[true,false]", t.ToString());
    }

    [Fact]
    public void ThreeDimensionalAndNonContiguous()
    {
        using var t = Tensor.Arange(8).View([2, 2, 2]);
        Assert.Equal("[[[0,1],[2,3]],[[4,5],[6,7]]]", t.ToString());
        using var p = t.Permute([2, 1, 0]);
        Assert.Equal("[[[0,4],[2,6]],[[1,5],[3,7]]]", p.ToString());
    }

    [Fact]
    public void EmptyTensor()
    {
        using var t = Tensor.Zeros(0);
        Assert.Equal("[]", t.ToString());
    }

    [Fact]
    public void LargeTensor_PrintsASummary()
    {
        using var t = Tensor.Zeros(100, 20);
        string text = t.ToString();
        Assert.Contains("shape=[100,20]", text);
        Assert.Contains("Float32", text);
        Assert.Contains("cpu", text);
    }

    [Fact]
    public void Scalar_ToString()
    {
        Assert.Equal("3", ((Scalar)3).ToString());
        Assert.Equal("2.5", ((Scalar)2.5).ToString());
        Assert.Equal("true", ((Scalar)true).ToString());
        Assert.True(((Scalar)3L).IsIntegral);
        Assert.False(((Scalar)3.0).IsIntegral);
    }
}
