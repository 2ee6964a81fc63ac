namespace Interop.Torch.Tests;

public class NormalizationTests
{
    [Fact]
    public void BatchNorm_Eval_UsesRunningStatistics()
    {
        const int n = 2, c = 3, h = 2, w = 3;
        const double eps = 1e-5;
        LibTorch.ManualSeed(9);
        using var input = Tensor.Randn(n, c, h, w);
        float[] mean = [0.5f, -1f, 2f];
        float[] variance = [1f, 0.25f, 4f];
        float[] gamma = [1.5f, -0.5f, 2f];
        float[] beta = [0f, 1f, -3f];
        using var runningMean = Tensor.FromData<float>(mean);
        using var runningVar = Tensor.FromData<float>(variance);
        using var weight = Tensor.FromData<float>(gamma);
        using var bias = Tensor.FromData<float>(beta);

        using var result = Torch.BatchNorm(input, weight, bias, runningMean, runningVar, training: false, momentum: 0.1, eps: eps,
            cudnnEnabled: true);

        float[] x = input.ToArray<float>();
        var expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            int channel = i / (h * w) % c;
            expected[i] = (x[i] - mean[channel]) / Math.Sqrt(variance[channel] + eps) * gamma[channel] + beta[channel];
        }
        TensorAssert.Shape(result, n, c, h, w);
        TensorAssert.Close(expected, result, 1e-4);
        // Eval mode leaves the running statistics alone.
        Assert.Equal(mean, runningMean.ToArray<float>());
        Assert.Equal(variance, runningVar.ToArray<float>());
    }

    [Fact]
    public void BatchNorm_Eval_WithoutAffine()
    {
        using var input = Tensor.FromData<float>([1, 2, 3, 4], 1, 2, 2, 1);
        using var runningMean = Tensor.FromData<float>([1f, 3f]);
        using var runningVar = Tensor.FromData<float>([4f, 1f]);
        using var result = Torch.BatchNorm(input, null, null, runningMean, runningVar, training: false, momentum: 0.1, eps: 0,
            cudnnEnabled: true);
        TensorAssert.Close([0.0, 0.5, 0.0, 1.0], result);
    }

    [Fact]
    public void BatchNorm_Training_NormalizesWithBatchStatisticsAndUpdatesRunningOnes()
    {
        const double momentum = 0.1, eps = 1e-5;
        // One channel, four values: batch mean 2.5, biased variance 1.25, unbiased 5/3.
        using var input = Tensor.FromData<float>([1, 2, 3, 4], 4, 1);
        using var runningMean = Tensor.Zeros(1);
        using var runningVar = Tensor.Ones(1);
        using var result = Torch.BatchNorm(input, null, null, runningMean, runningVar, training: true, momentum: momentum,
            eps: eps, cudnnEnabled: true);

        double sd = Math.Sqrt(1.25 + eps);
        TensorAssert.Close([-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd], result, 1e-4);
        TensorAssert.Close((1 - momentum) * 0 + momentum * 2.5, runningMean);
        TensorAssert.Close((1 - momentum) * 1 + momentum * 5.0 / 3.0, runningVar);
    }

    [Fact]
    public void Dropout_TrainingWithPZero_IsIdentity()
    {
        LibTorch.ManualSeed(1);
        using var input = Tensor.Randn(4, 5);
        using var result = Torch.Dropout(input, p: 0, train: true);
        Assert.Equal(input.ToArray<float>(), result.ToArray<float>());
    }

    [Fact]
    public void Dropout_Eval_IsIdentity()
    {
        LibTorch.ManualSeed(2);
        using var input = Tensor.Randn(4, 5);
        using var result = Torch.Dropout(input, p: 0.5, train: false);
        Assert.Equal(input.ToArray<float>(), result.ToArray<float>());
    }

    [Fact]
    public void Dropout_TrainingWithPOne_IsZeros()
    {
        using var input = Tensor.Ones(3, 4);
        using var result = Torch.Dropout(input, p: 1, train: true);
        TensorAssert.Shape(result, 3, 4);
        Assert.All(result.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Dropout_TrainingHalf_ZeroesOrScales()
    {
        LibTorch.ManualSeed(3);
        using var input = Tensor.Ones(2000);
        using var result = Torch.Dropout(input, p: 0.5, train: true);
        float[] values = result.ToArray<float>();
        Assert.All(values, v => Assert.True(v == 0f || v == 2f, $"unexpected {v}"));
        int kept = values.Count(v => v != 0);
        Assert.InRange(kept, 850, 1150);
    }

    [Fact]
    public void Dropout_ProbabilityOutOfRange_Throws()
    {
        using var input = Tensor.Ones(3);
        // libtorch's own check, a c10::Error (the shim's check of the same range is on Layers.Dropout).
        var error = Assert.Throws<TorchException>(() => Torch.Dropout(input, p: 1.5, train: true));
        Assert.Contains("dropout probability has to be between 0 and 1, but got 1.5", error.Message);
    }
}
