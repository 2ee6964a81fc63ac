namespace Interop.Torch.Tests;

public class Conv1dTests : NativeFileTest
{
    [Fact]
    public void MatchesPyTorchWithStridePaddingAndGroups()
    {
        var fixture = LayerFixture.Case("conv1d");
        using var conv = fixture.Load(new Conv1d(4, 6, 3, stride: 2, padding: 1, groups: 2));
        using Tensor input = fixture.Input("input");
        using Tensor output = conv.Forward(input);
        fixture.AssertOutput("output", output);
    }

    [Fact]
    public void MatchesPyTorchWithSamePaddingDilationAndNoBias()
    {
        var fixture = LayerFixture.Case("conv1d_same");
        using var conv = fixture.Load(new Conv1d(3, 2, 3, padding: "same", dilation: 2, bias: false));
        using Tensor input = fixture.Input("input");
        using Tensor output = conv.Forward(input);
        fixture.AssertOutput("output", output);
    }

    [Fact]
    public void DrawsWeightsAndBiasWithinPyTorchsBound()
    {
        using var conv = new Conv1d(4, 6, 3, groups: 2);
        // fan_in = 4 / 2 channels · 3 taps.
        LayerChecks.DrawnWithin(conv, "weight", 1 / Math.Sqrt(6));
        LayerChecks.DrawnWithin(conv, "bias", 1 / Math.Sqrt(6));
    }

    [Fact]
    public void RejectsWhatPyTorchsConstructorRejects()
    {
        Assert.Throws<ArgumentException>(() => new Conv1d(3, 6, 3, groups: 2));
        Assert.Throws<ArgumentException>(() => new Conv1d(4, 6, 3, padding: "full"));
        Assert.Throws<ArgumentException>(() => new Conv1d(4, 6, 3, padding: "same", stride: 2));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var conv = new Conv1d(4, 6, 3, padding: 1);
        using Tensor input = Tensor.Randn(2, 4, 9);
        LayerChecks.GradientsReachEveryParameter(conv, input);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var conv = new Conv1d(4, 6, 3, padding: "same");
        using Tensor input = Tensor.Randn(2, 4, 9);
        LayerChecks.ForwardIntoResultAllocatesNothing(conv, input);
    }
}
