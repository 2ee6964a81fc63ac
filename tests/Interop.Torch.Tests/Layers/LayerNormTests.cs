namespace Interop.Torch.Tests;

public class LayerNormTests : NativeFileTest
{
    [Fact]
    public void MatchesPyTorchWithItsWeights()
    {
        var fixture = LayerFixture.Case("layer_norm");
        using var norm = fixture.Load(new LayerNorm([3, 4]));
        using Tensor input = fixture.Input("input");
        using Tensor output = norm.Forward(input);
        fixture.AssertOutput("output", output);
    }

    [Fact]
    public void StartsAsOnesAndZerosAsPyTorch()
    {
        using var norm = new LayerNorm(4);
        Assert.Equal([1.0, 1, 1, 1], LayerChecks.Values(norm, "weight"));
        Assert.Equal([0.0, 0, 0, 0], LayerChecks.Values(norm, "bias"));
    }

    [Fact]
    public void WithoutElementwiseAffineHasNoParameters()
    {
        using var norm = new LayerNorm([3, 4], elementwiseAffine: false);
        Assert.Equal(0, norm.ParameterCount);
        using Tensor input = Tensor.Randn(2, 3, 4);
        using Tensor output = norm.Forward(input);
        using Tensor mean = Torch.Mean(output);
        TensorAssert.Close(0, mean);
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var norm = new LayerNorm([3, 4]);
        using Tensor input = Tensor.Randn(2, 3, 4);
        LayerChecks.GradientsReachEveryParameter(norm, input);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var norm = new LayerNorm([3, 4]);
        using Tensor input = Tensor.Randn(2, 3, 4);
        LayerChecks.ForwardIntoResultAllocatesNothing(norm, input);
    }
}
