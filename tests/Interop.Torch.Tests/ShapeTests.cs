namespace Interop.Torch.Tests;

public class ShapeTests
{
    [Fact]
    public void ShapeQueries()
    {
        using var t = Tensor.Zeros(2, 3, 4);
        Assert.Equal(3, t.Dim);
        Assert.Equal(24, t.Numel);
        Assert.Equal(2, t.Size(0));
        Assert.Equal(3, t.Size(1));
        Assert.Equal(4, t.Size(2));
        Assert.Equal(4, t.Size(-1));
        Assert.Equal(2, t.Size(-3));
        Assert.Equal(new long[] { 2, 3, 4 }, t.Shape);
        Assert.True(t.IsContiguous);
    }

    [Fact]
    public void GetShape_IntoLargerSpan()
    {
        using var t = Tensor.Zeros(5, 6);
        Span<long> shape = stackalloc long[8];
        shape.Fill(-7);
        int dims = t.GetShape(shape);
        Assert.Equal(2, dims);
        Assert.Equal(5, shape[0]);
        Assert.Equal(6, shape[1]);
        Assert.Equal(-7, shape[2]);
    }

    [Fact]
    public void GetShape_SpanTooSmall_Throws()
    {
        using var t = Tensor.Zeros(1, 2, 3);
        var error = Assert.Throws<TorchArgumentException>(() => t.GetShape(new long[2]));
        Assert.Contains("3 dimensions", error.Message);
    }

    [Fact]
    public void ScalarTensor_HasNoDimensions()
    {
        using var t = Tensor.Full([], 5.0);
        Assert.Equal(0, t.Dim);
        Assert.Equal(1, t.Numel);
        Assert.Empty(t.Shape);
        Assert.Equal(0, t.GetShape(Span<long>.Empty));
        Assert.Equal(5f, t.Item<float>());
    }

    [Fact]
    public void View_SharesStorage()
    {
        using var t = Tensor.Arange(12);
        using var v = t.View([3, 4]);
        TensorAssert.Shape(v, 3, 4);
        Assert.Equal(t.DataPointer<long>(), v.DataPointer<long>());
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), v.ToArray<long>());

        v.AddInPlace(100);
        Assert.Equal(100L, t.ToArray<long>()[0]);

        using var inferred = Torch.View(t, [2, -1]);
        TensorAssert.Shape(inferred, 2, 6);
    }

    [Fact]
    public void View_OfNonContiguous_Throws()
    {
        using var t = Tensor.Zeros(2, 3);
        using var p = t.Permute([1, 0]);
        var error = Assert.ThrowsAny<TorchException>(() => p.View([6]));
        Assert.Contains("view", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Reshape_ViewOrCopy()
    {
        using var t = Tensor.Arange(6);
        using var r = t.Reshape([2, 3]);
        TensorAssert.Shape(r, 2, 3);
        Assert.Equal(t.DataPointer<long>(), r.DataPointer<long>());

        // Reshaping a transposed tensor needs a copy, in row-major order of the transpose.
        using var transposed = r.Permute([1, 0]);
        using var flat = transposed.Reshape([-1]);
        TensorAssert.Shape(flat, 6);
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, flat.ToArray<long>());
    }

    [Fact]
    public void Flatten()
    {
        using var t = Tensor.Arange(24).View([2, 3, 4]);
        using var all = Torch.Flatten(t);
        TensorAssert.Shape(all, 24);
        Assert.Equal(Enumerable.Range(0, 24).Select(i => (long)i), all.ToArray<long>());

        using var tail = Torch.Flatten(t, 1);
        TensorAssert.Shape(tail, 2, 12);

        using var head = Torch.Flatten(t, 0, 1);
        TensorAssert.Shape(head, 6, 4);
    }

    [Fact]
    public void Permute_ReordersDimensions()
    {
        const int a = 2, b = 3, c = 4;
        using var t = Tensor.Arange(a * b * c).View([a, b, c]);
        using var p = t.Permute([2, 0, 1]);
        TensorAssert.Shape(p, c, a, b);
        Assert.False(p.IsContiguous);

        long[] values = p.ToArray<long>();
        int index = 0;
        for (int k = 0; k < c; k++)
        {
            for (int i = 0; i < a; i++)
            {
                for (int j = 0; j < b; j++) Assert.Equal((long)(i * b * c + j * c + k), values[index++]);
            }
        }

        using var contiguous = p.Contiguous();
        Assert.True(contiguous.IsContiguous);
        Assert.Equal(values, contiguous.DangerousAsSpan<long>().ToArray());
    }

    [Fact]
    public void Cat()
    {
        using var a = Tensor.FromData<float>([1, 2, 3, 4], 2, 2);
        using var b = Tensor.FromData<float>([5, 6], 1, 2);
        using var rows = Torch.Cat([a, b]);
        TensorAssert.Shape(rows, 3, 2);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, rows.ToArray<float>());

        using var c = Tensor.FromData<float>([7, 8], 2, 1);
        using var columns = Torch.Cat([a, c], 1);
        TensorAssert.Shape(columns, 2, 3);
        Assert.Equal(new float[] { 1, 2, 7, 3, 4, 8 }, columns.ToArray<float>());
    }

    [Fact]
    public void Cat_ManyTensors()
    {
        // More tensors than the stack buffer the binding uses for one native call.
        var parts = new Tensor[40];
        for (int i = 0; i < parts.Length; i++) parts[i] = Tensor.Full([1], i);
        try
        {
            using var joined = Torch.Cat(parts);
            Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), joined.ToArray<long>());
        }
        finally
        {
            foreach (Tensor part in parts) part.Dispose();
        }
    }

    [Fact]
    public void Cat_MismatchedShapes_Throws()
    {
        using var a = Tensor.Zeros(2, 2);
        using var b = Tensor.Zeros(2, 3);
        var error = Assert.ThrowsAny<TorchException>(() => Torch.Cat([a, b]));
        Assert.Contains("Sizes of tensors must match", error.Message);
    }
}
