namespace Interop.Torch.Tests;

/// <summary>ClipGradNorm and ClipGradValue, libtorch's clip_grad_norm_ and clip_grad_value_, against PyTorch's formulas.</summary>
public class GradientClippingTests
{
    [Fact]
    public void ClipGradNormScalesTheGradientsToTheMaximumNormAndReturnsTheirNorm()
    {
        using var a = Parameter([3f, 0f]);
        using var b = Parameter([0f, 4f, 0f]);
        // Gradients 3a and 4b: the joint 2-norm is sqrt(3^2 * 9 + 4^2 * 16) = sqrt(337).
        Backward(a, b);
        double norm = Torch.ClipGradNorm([a, b], maxNorm: 1);
        Assert.Equal(Math.Sqrt(337), norm, 5);
        double scale = 1 / (Math.Sqrt(337) + 1e-6);
        AssertGradient(a, [(float)(9 * scale), 0f]);
        AssertGradient(b, [0f, (float)(16 * scale), 0f]);
    }

    [Fact]
    public void ClipGradNormLeavesSmallGradientsAndCountsASharedTensorOnce()
    {
        using var a = Parameter([0.3f, 0.4f]);
        Backward(a, null);
        // Gradient 3a = (0.9, 1.2): norm 1.5, under the maximum, so unchanged; listed twice, still 1.5.
        Assert.Equal(1.5, Torch.ClipGradNorm([a, a], maxNorm: 2), 5);
        AssertGradient(a, [0.9f, 1.2f]);
        Assert.Equal(1.2, Torch.ClipGradNorm([a], maxNorm: 2, normType: double.PositiveInfinity), 5);
    }

    [Fact]
    public void ClipGradValueClampsEveryGradient()
    {
        using var a = Parameter([1f, -0.1f]);
        Backward(a, null);
        Torch.ClipGradValue([a], clipValue: 0.5);
        AssertGradient(a, [0.5f, -0.3f]);
    }

    [Fact]
    public void ANonFiniteNormIsAnErrorWhenAskedAndTheGradientsStay()
    {
        using var a = Parameter([float.PositiveInfinity, 1f]);
        Backward(a, null);
        BadInputAssert.Rejects<TorchException>(() => Torch.ClipGradNorm([a], 1, errorIfNonfinite: true), "non-finite");
        AssertGradient(a, [float.PositiveInfinity, 3f]);
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        using var a = Parameter([1f]);
        BadInputAssert.Rejects<TorchArgumentException>(() => Torch.ClipGradNorm([a], -1), "max_norm");
        BadInputAssert.Rejects<TorchArgumentException>(() => Torch.ClipGradValue([a], -1), "clip_value");
        using var empty = new Tensor();
        BadInputAssert.Rejects<TorchArgumentException>(() => Torch.ClipGradNorm([empty], 1), "empty slot");
    }

    private static Tensor Parameter(float[] values)
    {
        var t = Tensor.FromData<float>(values);
        t.RequiresGrad = true;
        return t;
    }

    // The gradients 3a and, when given, 4b.
    private static void Backward(Tensor a, Tensor? b)
    {
        using var squares = a * a;
        using var scaled = Torch.Mul(squares, 1.5);
        using var loss = Torch.Sum(scaled);
        if (b is null)
        {
            loss.Backward();
            return;
        }
        using var bSquares = b * b;
        using var bScaled = Torch.Mul(bSquares, 2.0);
        using var bLoss = Torch.Sum(bScaled);
        using var total = loss + bLoss;
        total.Backward();
    }

    private static void AssertGradient(Tensor parameter, float[] expected)
    {
        using var grad = parameter.Grad();
        float[] actual = grad.ToArray<float>();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 5);
    }
}
