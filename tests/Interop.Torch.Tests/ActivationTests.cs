namespace Interop.Torch.Tests;

public class ActivationTests
{
    private static readonly float[] X = [-3f, -0.5f, 0f, 0.5f, 2f, 7f];

    [Fact]
    public void Relu()
    {
        using var x = Tensor.FromData<float>(X, 2, 3);
        using var r = Torch.Relu(x);
        TensorAssert.Shape(r, 2, 3);
        Assert.Equal(X.Select(v => Math.Max(v, 0f)).ToArray(), r.ToArray<float>());
    }

    [Fact]
    public void Relu_Integer()
    {
        using var x = Tensor.FromData<long>([-2, 0, 5]);
        using var r = Torch.Relu(x);
        Assert.Equal(DType.Int64, r.DType);
        Assert.Equal(new long[] { 0, 0, 5 }, r.ToArray<long>());
    }

    [Fact]
    public void Sigmoid()
    {
        using var x = Tensor.FromData<float>(X);
        using var r = Torch.Sigmoid(x);
        TensorAssert.Close(X.Select(v => 1.0 / (1.0 + Math.Exp(-v))).ToArray(), r);
    }

    [Fact]
    public void Tanh()
    {
        using var x = Tensor.FromData<float>(X);
        using var r = Torch.Tanh(x);
        TensorAssert.Close(X.Select(v => Math.Tanh(v)).ToArray(), r);
    }

    private static double[] SoftmaxRows(float[] values, int rows, int columns, bool log)
    {
        var result = new double[values.Length];
        for (int i = 0; i < rows; i++)
        {
            double max = double.NegativeInfinity;
            for (int j = 0; j < columns; j++) max = Math.Max(max, values[i * columns + j]);
            double sum = 0;
            for (int j = 0; j < columns; j++) sum += Math.Exp(values[i * columns + j] - max);
            for (int j = 0; j < columns; j++)
            {
                double logp = values[i * columns + j] - max - Math.Log(sum);
                result[i * columns + j] = log ? logp : Math.Exp(logp);
            }
        }
        return result;
    }

    [Fact]
    public void Softmax_LastDim()
    {
        using var x = Tensor.FromData<float>(X, 2, 3);
        using var r = Torch.Softmax(x, -1);
        TensorAssert.Close(SoftmaxRows(X, 2, 3, log: false), r);
        using var rowSums = Torch.Sum(r, [1]);
        TensorAssert.Close([1.0, 1.0], rowSums);
    }

    [Fact]
    public void Softmax_FirstDim()
    {
        using var x = Tensor.FromData<float>(X, 2, 3);
        using var r = Torch.Softmax(x, 0);
        // Softmax over dim 0 is softmax over the rows of the transpose.
        float[] transposed = [X[0], X[3], X[1], X[4], X[2], X[5]];
        double[] t = SoftmaxRows(transposed, 3, 2, log: false);
        TensorAssert.Close([t[0], t[2], t[4], t[1], t[3], t[5]], r);
    }

    [Fact]
    public void LogSoftmax()
    {
        using var x = Tensor.FromData<float>(X, 2, 3);
        using var r = Torch.LogSoftmax(x, 1);
        TensorAssert.Close(SoftmaxRows(X, 2, 3, log: true), r);
    }

    [Fact]
    public void LogSoftmax_IsStableForLargeInputs()
    {
        using var x = Tensor.FromData<float>([1000f, 0f]);
        using var r = Torch.LogSoftmax(x, 0);
        TensorAssert.Close([0.0, -1000.0], r);
    }
}
