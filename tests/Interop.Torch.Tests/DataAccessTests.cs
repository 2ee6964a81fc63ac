namespace Interop.Torch.Tests;

public class DataAccessTests
{
    [Fact]
    public void AsSpan_HasTheElements()
    {
        using var t = Tensor.Arange(6).View([2, 3]);
        Span<long> span = t.DangerousAsSpan<long>();
        Assert.Equal(6, span.Length);
        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5 }, span.ToArray());
    }

    [Fact]
    public void AsSpan_WritesShowInTheTensor()
    {
        using var t = Tensor.Zeros(2, 2);
        Span<float> span = t.DangerousAsSpan<float>();
        span[0] = 1;
        span[3] = 4;
        using var doubled = Torch.Mul(t, 2);
        Assert.Equal(new float[] { 2, 0, 0, 8 }, doubled.ToArray<float>());
    }

    [Fact]
    public void AsSpan_SeesInPlaceOps()
    {
        using var t = Tensor.Ones(3);
        Span<float> span = t.DangerousAsSpan<float>();
        t.AddInPlace(2);
        Assert.Equal(3f, span[1]);
    }

    [Fact]
    public void AsSpan_OfDisposedTensor_ThrowsObjectDisposed()
    {
        var t = Tensor.Ones(3);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.DangerousAsSpan<float>().Length);
        Assert.Throws<ObjectDisposedException>(() => t.DataPointer<float>());
    }

    [Fact]
    public void AsSpan_OfPermutedTensor_Throws()
    {
        using var t = Tensor.Zeros(2, 3);
        using var p = t.Permute([1, 0]);
        var error = Assert.Throws<TorchArgumentException>(() => p.DangerousAsSpan<float>().Length);
        Assert.Contains("contiguous", error.Message);
        Assert.Equal(TorchErrorCode.InvalidArgument, error.ErrorCode);
    }

    [Fact]
    public void AsSpan_WrongElementType_Throws()
    {
        using var t = Tensor.Zeros(2);
        var error = Assert.Throws<TorchArgumentException>(() => t.DangerousAsSpan<double>().Length);
        Assert.Contains("Double", error.Message);
        Assert.Contains("Float", error.Message);
        Assert.Throws<TorchArgumentException>(() => t.DangerousAsSpan<int>().Length);
    }

    [Fact]
    public void AsSpan_UnsupportedElementType_Throws()
    {
        using var t = Tensor.Zeros(2);
        Assert.Throws<NotSupportedException>(() => t.DangerousAsSpan<char>().Length);
    }

    [Fact]
    public void CopyTo_Contiguous()
    {
        using var t = Tensor.FromData<int>([5, 6, 7]);
        var destination = new int[3];
        t.CopyTo<int>(destination);
        Assert.Equal(new[] { 5, 6, 7 }, destination);
    }

    [Fact]
    public void CopyTo_PermutedView_IsRowMajorOfTheView()
    {
        using var t = Tensor.FromData<float>([1, 2, 3, 4, 5, 6], 2, 3);
        using var p = t.Permute([1, 0]);
        var destination = new float[6];
        p.CopyTo<float>(destination);
        Assert.Equal(new float[] { 1, 4, 2, 5, 3, 6 }, destination);
    }

    [Fact]
    public void CopyFrom_PermutedView_WritesThroughToTheBase()
    {
        using var t = Tensor.Zeros(2, 3);
        using var p = t.Permute([1, 0]);
        p.CopyFrom<float>([1, 2, 3, 4, 5, 6]);
        // p is 3x2, p[i, j] = t[j, i].
        Assert.Equal(new float[] { 1, 3, 5, 2, 4, 6 }, t.ToArray<float>());
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, p.ToArray<float>());
    }

    [Fact]
    public void CopyFrom_Contiguous()
    {
        using var t = Tensor.Zeros([3], DType.Int64);
        t.CopyFrom<long>([7, 8, 9]);
        Assert.Equal(new long[] { 7, 8, 9 }, t.ToArray<long>());
    }

    [Fact]
    public void CopyTo_WrongLength_Throws()
    {
        using var t = Tensor.Zeros(2, 3);
        using var p = t.Permute([1, 0]);
        var error = Assert.Throws<TorchArgumentException>(() => t.CopyTo<float>(new float[5]));
        Assert.Contains("5", error.Message);
        Assert.Throws<TorchArgumentException>(() => t.CopyTo<float>(new float[7]));
        Assert.Throws<TorchArgumentException>(() => p.CopyTo<float>(new float[5]));
    }

    [Fact]
    public void CopyFrom_WrongLength_Throws()
    {
        using var t = Tensor.Zeros(2, 3);
        using var p = t.Permute([1, 0]);
        Assert.Throws<TorchArgumentException>(() => t.CopyFrom<float>(new float[5]));
        Assert.Throws<TorchArgumentException>(() => p.CopyFrom<float>(new float[7]));
        Assert.All(t.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void CopyTo_WrongElementType_Throws()
    {
        using var t = Tensor.Zeros(2);
        Assert.Throws<TorchArgumentException>(() => t.CopyTo<double>(new double[2]));
        Assert.Throws<TorchArgumentException>(() => t.CopyFrom<int>(new int[2]));
    }

    [Fact]
    public void Item()
    {
        using var t = Tensor.FromData<double>([2.75]);
        Assert.Equal(2.75, t.Item<double>());
        using var many = Tensor.Zeros(2);
        Assert.Throws<InvalidOperationException>(() => many.Item<float>());
    }

    [Fact]
    public void ToArray_OfEmptyTensor()
    {
        using var t = Tensor.Zeros(0, 3);
        Assert.Empty(t.ToArray<float>());
        Assert.Equal(0, t.DangerousAsSpan<float>().Length);
    }
}
