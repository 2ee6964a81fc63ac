namespace Interop.Torch.Tests;

public class AutogradTests
{
    [Fact]
    public void SumOfSquares_GradIsTwiceX()
    {
        float[] values = [1.5f, -2f, 0f, 3.25f];
        using var x = Tensor.FromData<float>(values, 2, 2);
        Assert.False(x.RequiresGrad);
        x.RequiresGrad = true;
        Assert.True(x.RequiresGrad);

        using var squares = x * x;
        using var y = Torch.Sum(squares);
        Assert.True(y.RequiresGrad);
        y.Backward();

        using var grad = x.Grad();
        Assert.True(grad.IsDefined);
        TensorAssert.Shape(grad, 2, 2);
        Assert.Equal(values.Select(v => 2 * v).ToArray(), grad.ToArray<float>());
    }

    [Fact]
    public void Grad_IsUndefinedBeforeBackward()
    {
        using var x = Tensor.Ones(2);
        x.RequiresGrad = true;
        using var grad = x.Grad();
        Assert.False(grad.IsDefined);
    }

    [Fact]
    public void Gradients_Accumulate_AndClearGradDropsThem()
    {
        using var x = Tensor.FromData<float>([1f, 2f]);
        x.RequiresGrad = true;
        for (int i = 0; i < 2; i++)
        {
            using var scaled = Torch.Mul(x, 3);
            using var y = Torch.Sum(scaled);
            y.Backward();
        }
        using (var grad = x.Grad()) Assert.Equal(new[] { 6f, 6f }, grad.ToArray<float>());

        x.ClearGrad();
        using var cleared = x.Grad();
        Assert.False(cleared.IsDefined);
    }

    [Fact]
    public void Backward_ThroughNetworkOps()
    {
        // loss = mse(linear(x), target) with weight w: d loss / d w = 2/N * (w x - t) x^T.
        using var x = Tensor.FromData<float>([1, 2], 1, 2);
        using var w = Tensor.FromData<float>([0.5f, -1f], 1, 2);
        using var target = Tensor.FromData<float>([1f], 1, 1);
        w.RequiresGrad = true;
        using var output = Torch.Linear(x, w);
        using var loss = Torch.MseLoss(output, target);
        loss.Backward();
        // w x = 0.5 - 2 = -1.5; residual -2.5; gradient 2 * -2.5 * [1, 2].
        using var grad = w.Grad();
        Assert.Equal(new[] { -5f, -10f }, grad.ToArray<float>());
    }

    [Fact]
    public void NoGrad_StopsRecording_AndRestores()
    {
        using var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        Assert.True(LibTorch.IsGradEnabled);
        using (LibTorch.NoGrad())
        {
            Assert.False(LibTorch.IsGradEnabled);
            using var y = x * 2;
            Assert.False(y.RequiresGrad);
            using var z = Torch.Sum(x);
            Assert.False(z.RequiresGrad);
        }
        Assert.True(LibTorch.IsGradEnabled);
        using var recorded = x * 2;
        Assert.True(recorded.RequiresGrad);
    }

    [Fact]
    public void GradScopes_Nest()
    {
        Assert.True(LibTorch.IsGradEnabled);
        using (LibTorch.NoGrad())
        {
            using (LibTorch.SetGradEnabled(true))
            {
                Assert.True(LibTorch.IsGradEnabled);
            }
            Assert.False(LibTorch.IsGradEnabled);
        }
        Assert.True(LibTorch.IsGradEnabled);
    }

    [Fact]
    public void Backward_OfNonScalar_Throws()
    {
        using var x = Tensor.Ones(3);
        x.RequiresGrad = true;
        using var y = x * 2;
        var error = Assert.ThrowsAny<TorchException>(() => y.Backward());
        Assert.Contains("scalar", error.Message);
    }

    [Fact]
    public void CopyFrom_IntoLeafThatRequiresGrad_Works()
    {
        using var x = Tensor.Zeros(2);
        x.RequiresGrad = true;
        x.CopyFrom<float>([4f, 5f]);
        Assert.Equal(new[] { 4f, 5f }, x.ToArray<float>());
        Assert.True(x.RequiresGrad);
    }
}
