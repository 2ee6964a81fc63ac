namespace Interop.Torch.Tests;

public class GRUTests : NativeFileTest
{
    // The fixture's layer: two layers, sequence first, no biases.
    private static GRU Create() => new(3, 4, numLayers: 2, bias: false);

    [Fact]
    public void MatchesPyTorchFromAGivenState()
    {
        var fixture = LayerFixture.Case("gru");
        using var gru = fixture.Load(Create());
        using Tensor input = fixture.Input("input");
        using Tensor h0 = fixture.Input("h0");
        var (output, h) = gru.ForwardWithState(input, h0);
        using (output) using (h)
        {
            fixture.AssertOutput("output", output);
            fixture.AssertOutput("h", h);
        }
    }

    [Fact]
    public void ForwardStartsFromZerosAsPyTorch()
    {
        var fixture = LayerFixture.Case("gru");
        using var gru = fixture.Load(Create());
        using Tensor input = fixture.Input("input");
        using (Tensor output = gru.Forward(input)) fixture.AssertOutput("zero_state_output", output);
        using var result = new Tensor();
        Assert.Same(result, gru.Forward(input, result));
        fixture.AssertOutput("zero_state_output", result);
    }

    [Fact]
    public void NamesAndCountsItsParametersAsPyTorch()
    {
        using var gru = new GRU(3, 4, bidirectional: true, batchFirst: true);
        var named = gru.NamedParameters();
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
            "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse"], named.Select(p => p.Name));
        foreach (var (_, p) in named) p.Dispose();
        Assert.Equal(2 * (12 * 3 + 12 * 4 + 12 + 12), gru.ParameterCount);
        LayerChecks.DrawnWithin(gru, "weight_hh_l0_reverse", 0.5);
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var gru = new GRU(3, 4, numLayers: 2, bidirectional: true);
        using Tensor input = Tensor.Randn(5, 2, 3);
        LayerChecks.GradientsReachEveryParameter(gru, input);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var gru = Create();
        using Tensor input = Tensor.Randn(5, 2, 3);
        LayerChecks.ForwardIntoResultAllocatesNothing(gru, input);
    }
}
