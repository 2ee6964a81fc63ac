namespace Interop.Torch.Tests.GeneratedOps;

// The generated op layer through the shapes its schemas take: overloads, optional and
// keyword-only arguments, tuples, lists, plain values and the version check.
public class GeneratedOpsTests
{
    [Fact]
    public void FunctionsAndMethodsCallTheSameOp()
    {
        using var x = Tensor.FromData<float>([1f, -2f, 3f, -4f, 5f, -6f], 2, 3);
        using var viaTorch = Torch.Transpose(x, 0, 1);
        using var viaMethod = x.Transpose(0, 1);
        TensorAssert.Shape(viaMethod, 3, 2);
        using var torchValues = viaTorch.Contiguous();
        using var methodValues = viaMethod.Contiguous();
        Assert.Equal(new[] { 1f, -4f, -2f, 5f, 3f, -6f }, torchValues.ToArray<float>());
        Assert.Equal(torchValues.ToArray<float>(), methodValues.ToArray<float>());
    }

    [Fact]
    public void OptionalAndKeywordArgumentsTakeTheSchemasDefaults()
    {
        using var a = Tensor.FromData<float>([1f, 2f, 3f], 3);
        using var b = Tensor.FromData<float>([10f, 20f, 30f], 3);
        using var plain = Torch.Add(a, b);
        using var scaled = Torch.Add(a, b, alpha: 2);
        Assert.Equal(new[] { 11f, 22f, 33f }, plain.ToArray<float>());
        Assert.Equal(new[] { 21f, 42f, 63f }, scaled.ToArray<float>());
    }

    [Fact]
    public void TupleResultsAreNamedAfterTheSchemasReturns()
    {
        using var x = Tensor.FromData<float>([3f, 1f, 4f, 1f, 5f, 9f], 6);
        var (values, indices) = x.Topk(2);
        using (values)
        using (indices)
        {
            Assert.Equal(new[] { 9f, 5f }, values.ToArray<float>());
            Assert.Equal(new[] { 5L, 4L }, indices.ToArray<long>());
        }
    }

    [Fact]
    public void ListsGoInAndComeOut()
    {
        using var a = Tensor.FromData<long>([1, 2], 2);
        using var b = Tensor.FromData<long>([3, 4], 2);
        using var stacked = Torch.Stack([a, b], dim: 1);
        Assert.Equal(new[] { 1L, 3L, 2L, 4L }, stacked.ToArray<long>());
        Tensor[] parts = Torch.Split(stacked, 1, dim: 0);
        Assert.Equal(2, parts.Length);
        Assert.Equal(new[] { 2L, 4L }, parts[1].ToArray<long>());
        foreach (var part in parts) part.Dispose();
    }

    [Fact]
    public void PlainValuesAreReturned()
    {
        using var x = Tensor.Ones(2, 5);
        using var sum = Torch.Sum(x);
        Assert.Equal(5L, Torch.Size(x, 1));
        Assert.True(Torch.IsFloatingPoint(x));
        Scalar total = Torch.Item(sum);
        Assert.False(total.IsIntegral);
        Assert.Equal("10", total.ToString());
    }

    [Fact]
    public void WhereGatherAndIndexSelect()
    {
        using var x = Tensor.FromData<float>([1f, -2f, 3f, -4f], 2, 2);
        using var zero = Tensor.Zeros(2, 2);
        using var positive = Torch.Gt(x, 0);
        using var clipped = Torch.Where(positive, x, zero);
        Assert.Equal(new[] { 1f, 0f, 3f, 0f }, clipped.ToArray<float>());
        using var index = Tensor.FromData<long>([1, 0], 2, 1);
        using var gathered = x.Gather(1, index);
        Assert.Equal(new[] { -2f, 3f }, gathered.ToArray<float>());
        using var rows = Tensor.FromData<long>([1], 1);
        using var second = x.IndexSelect(0, rows);
        Assert.Equal(new[] { 3f, -4f }, second.ToArray<float>());
    }

    [Fact]
    public void AnOpThisLibtorchLacksThrowsNotSupportedNamingTheVersionsThatHaveIt()
    {
        using var q = Tensor.Ones(1, 2, 4);
        if (LibTorchVersion.AtLeast(2, 0))
        {
            using var attention = Torch.ScaledDotProductAttention(q, q, q);
            TensorAssert.Shape(attention, 1, 2, 4);
            return;
        }
        var error = Assert.Throws<TorchNotSupportedException>(() => Torch.ScaledDotProductAttention(q, q, q));
        Assert.Contains("scaled_dot_product_attention", error.Message);
        Assert.Contains("2.6", error.Message);
    }

    [Fact]
    public void BadInputGivesTheTypedExceptionWithLibtorchsMessage()
    {
        using var a = Tensor.Zeros(2, 3);
        using var b = Tensor.Zeros(4, 5);
        var error = Assert.Throws<TorchException>(() => Torch.Mm(a, b));
        Assert.Contains("cannot be multiplied", error.Message);
    }

    // Before an out= call the shim checks that no input shares the result's storage. A sparse
    // tensor has no storage, and libtorch 1.13 throws when asked for it.
    [Fact]
    public void ASparseInputGoesIntoADenseResult()
    {
        using var dense = Tensor.FromData<float>([1f, 2f, 3f, 4f], 2, 2);
        using var sparse = dense.ToSparse(2);
        using var result = Tensor.Zeros(2, 2);
        Torch.Add(dense, sparse, result: result);
        Assert.Equal(new[] { 2f, 4f, 6f, 8f }, result.ToArray<float>());
    }
}
