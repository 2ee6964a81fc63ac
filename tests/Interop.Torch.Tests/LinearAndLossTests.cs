namespace Interop.Torch.Tests;

public class LinearAndLossTests
{
    [Fact]
    public void Linear_MatchesLoop()
    {
        const int batch = 3, inFeatures = 4, outFeatures = 5;
        LibTorch.ManualSeed(21);
        using var input = Tensor.Randn(batch, inFeatures);
        using var weight = Tensor.Randn(outFeatures, inFeatures);
        using var bias = Tensor.Randn(outFeatures);
        float[] x = input.ToArray<float>(), w = weight.ToArray<float>(), b = bias.ToArray<float>();
        var expected = new double[batch * outFeatures];
        var expectedNoBias = new double[batch * outFeatures];
        for (int i = 0; i < batch; i++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = 0;
                for (int k = 0; k < inFeatures; k++) sum += (double)x[i * inFeatures + k] * w[o * inFeatures + k];
                expectedNoBias[i * outFeatures + o] = sum;
                expected[i * outFeatures + o] = sum + b[o];
            }
        }

        using var withBias = Torch.Linear(input, weight, bias);
        TensorAssert.Shape(withBias, batch, outFeatures);
        TensorAssert.Close(expected, withBias, 1e-4);

        using var noBias = Torch.Linear(input, weight);
        TensorAssert.Close(expectedNoBias, noBias, 1e-4);
    }

    [Fact]
    public void CrossEntropy_MatchesLogSoftmaxFormula()
    {
        const int batch = 4, classes = 5;
        LibTorch.ManualSeed(22);
        using var logits = Tensor.Randn(batch, classes);
        long[] labels = [0, 4, 2, 2];
        using var target = Tensor.FromData<long>(labels);
        float[] z = logits.ToArray<float>();

        var perSample = new double[batch];
        for (int i = 0; i < batch; i++)
        {
            double max = z.Skip(i * classes).Take(classes).Max();
            double logSum = Math.Log(z.Skip(i * classes).Take(classes).Sum(v => Math.Exp(v - max))) + max;
            perSample[i] = logSum - z[i * classes + labels[i]];
        }

        using var none = Torch.CrossEntropyLoss(logits, target, reduction: Reduction.None);
        TensorAssert.Shape(none, batch);
        TensorAssert.Close(perSample, none);

        using var mean = Torch.CrossEntropyLoss(logits, target);
        Assert.Equal(0, mean.Dim);
        TensorAssert.Close(perSample.Average(), mean);

        using var sum = Torch.CrossEntropyLoss(logits, target, reduction: Reduction.Sum);
        TensorAssert.Close(perSample.Sum(), sum);
    }

    [Fact]
    public void CrossEntropy_HandComputed()
    {
        // Equal logits over 4 classes: the loss is log 4 whatever the label.
        using var logits = Tensor.Zeros(2, 4);
        using var target = Tensor.FromData<long>([1, 3]);
        using var loss = Torch.CrossEntropyLoss(logits, target);
        TensorAssert.Close(Math.Log(4), loss);
    }

    [Fact]
    public void MseLoss()
    {
        float[] a = [1, 2, 3, 4, 5, 6];
        float[] b = [1.5f, 2, 1, 4, 8, 5];
        using var input = Tensor.FromData<float>(a, 2, 3);
        using var target = Tensor.FromData<float>(b, 2, 3);
        double[] squared = a.Zip(b, (x, y) => ((double)x - y) * ((double)x - y)).ToArray();

        using var mean = Torch.MseLoss(input, target);
        TensorAssert.Close(squared.Average(), mean);

        using var sum = Torch.MseLoss(input, target, Reduction.Sum);
        TensorAssert.Close(squared.Sum(), sum);

        using var none = Torch.MseLoss(input, target, Reduction.None);
        TensorAssert.Shape(none, 2, 3);
        TensorAssert.Close(squared, none);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits()
    {
        float[] logits = [-3, -0.5f, 0, 0.25f, 2, 40];
        float[] targets = [0, 1, 1, 0, 1, 0];
        using var input = Tensor.FromData<float>(logits, 2, 3);
        using var target = Tensor.FromData<float>(targets, 2, 3);
        // The stable form of -[y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))].
        double[] expected = logits.Zip(targets, (x, y) => Math.Max(x, 0) - (double)x * y + Math.Log(1 + Math.Exp(-Math.Abs(x)))).ToArray();

        using var mean = Torch.BinaryCrossEntropyWithLogits(input, target);
        TensorAssert.Close(expected.Average(), mean);

        using var none = Torch.BinaryCrossEntropyWithLogits(input, target, reduction: Reduction.None);
        TensorAssert.Close(expected, none);
    }

    [Fact]
    public void Loss_UnknownReduction_Throws()
    {
        using var a = Tensor.Ones(2);
        // libtorch takes any int (mse_loss asserts on it): the shim checks it first.
        var error = Assert.Throws<TorchArgumentException>(() => Torch.MseLoss(a, a, (Reduction)7));
        Assert.Contains("reduction must be 0 (None), 1 (Mean) or 2 (Sum)", error.Message);
    }
}
