namespace Interop.Torch.Tests;

public class ReductionTests
{
    private static readonly float[] X = [3f, -1f, 4f, 1f, -5f, 9f, 2f, 6f, -5f, 3f, 5f, 8f];

    [Fact]
    public void Sum()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var s = Torch.Sum(x);
        Assert.Equal(0, s.Dim);
        TensorAssert.Close(X.Sum(v => (double)v), s);
    }

    [Fact]
    public void Sum_Int64()
    {
        using var x = Tensor.FromData<long>([1, 2, 3, 4]);
        using var s = Torch.Sum(x);
        Assert.Equal(DType.Int64, s.DType);
        Assert.Equal(10L, s.Item<long>());
    }

    [Fact]
    public void Sum_OverDims()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var rows = Torch.Sum(x, [1]);
        TensorAssert.Shape(rows, 3);
        var expectedRows = new double[3];
        var expectedColumns = new double[4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                expectedRows[i] += X[i * 4 + j];
                expectedColumns[j] += X[i * 4 + j];
            }
        }
        TensorAssert.Close(expectedRows, rows);

        using var columns = Torch.Sum(x, [0], keepdim: true);
        TensorAssert.Shape(columns, 1, 4);
        TensorAssert.Close(expectedColumns, columns);

        using var all = Torch.Sum(x, [0, 1]);
        TensorAssert.Close(X.Sum(v => (double)v), all);
    }

    [Fact]
    public void Mean()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var m = Torch.Mean(x);
        TensorAssert.Close(X.Average(v => (double)v), m);

        using var rows = Torch.Mean(x, [-1]);
        var expected = new double[3];
        for (int i = 0; i < 3; i++) expected[i] = X.Skip(i * 4).Take(4).Average(v => (double)v);
        TensorAssert.Close(expected, rows);
    }

    [Fact]
    public void Max()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var m = Torch.Max(x);
        Assert.Equal(X.Max(), m.Item<float>());
    }

    [Fact]
    public void Max_WithDim()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        var (values, indices) = Torch.Max(x, 1);
        using (values)
        using (indices)
        {
            TensorAssert.Shape(values, 3);
            Assert.Equal(DType.Int64, indices.DType);
            var expectedValues = new float[3];
            var expectedIndices = new long[3];
            for (int i = 0; i < 3; i++)
            {
                int best = 0;
                for (int j = 1; j < 4; j++) if (X[i * 4 + j] > X[i * 4 + best]) best = j;
                expectedValues[i] = X[i * 4 + best];
                expectedIndices[i] = best;
            }
            Assert.Equal(expectedValues, values.ToArray<float>());
            Assert.Equal(expectedIndices, indices.ToArray<long>());
        }
    }

    [Fact]
    public void Max_WithDim_KeepDim_IntoResults()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var values = new Tensor();
        using var indices = new Tensor();
        var (v, i) = Torch.Max(x, 0, keepdim: true, results: (values, indices));
        Assert.Same(values, v);
        Assert.Same(indices, i);
        TensorAssert.Shape(values, 1, 4);
        // Columns of [[3,-1,4,1],[-5,9,2,6],[-5,3,5,8]]: maxima 3, 9, 5, 8 in rows 0, 1, 2, 2.
        Assert.Equal(new float[] { 3, 9, 5, 8 }, values.ToArray<float>());
        Assert.Equal(new long[] { 0, 1, 2, 2 }, indices.ToArray<long>());
    }

    [Fact]
    public void ArgMax()
    {
        using var x = Tensor.FromData<float>(X, 3, 4);
        using var flat = Torch.Argmax(x);
        Assert.Equal(DType.Int64, flat.DType);
        Assert.Equal((long)Array.IndexOf(X, X.Max()), flat.Item<long>());

        using var perRow = Torch.Argmax(x, 1);
        Assert.Equal(new long[] { 2, 1, 3 }, perRow.ToArray<long>());

        using var perColumn = Torch.Argmax(x, 0, keepdim: true);
        TensorAssert.Shape(perColumn, 1, 4);
        Assert.Equal(new long[] { 0, 1, 2, 2 }, perColumn.ToArray<long>());
    }
}
