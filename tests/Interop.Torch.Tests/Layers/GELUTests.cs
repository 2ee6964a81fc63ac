namespace Interop.Torch.Tests;

public class GELUTests : NativeFileTest
{
    [Theory]
    [InlineData("none")]
    [InlineData("tanh")]
    public void MatchesPyTorch(string approximate)
    {
        var fixture = LayerFixture.Case("gelu");
        using var gelu = fixture.Load(new GELU(approximate));
        using Tensor input = fixture.Input("input");
        using Tensor output = gelu.Forward(input);
        fixture.AssertOutput(approximate, output);
    }

    [Fact]
    public void RejectsAnUnknownApproximation() =>
        Assert.Throws<ArgumentException>(() => new GELU("erf"));

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var gelu = new GELU("tanh");
        using Tensor input = Tensor.Randn(3, 4);
        LayerChecks.ForwardIntoResultAllocatesNothing(gelu, input);
    }
}
