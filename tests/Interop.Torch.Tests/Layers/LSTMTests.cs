namespace Interop.Torch.Tests;

public class LSTMTests : NativeFileTest
{
    // The fixture's layer: two bidirectional layers, batch first.
    private static LSTM Create() => new(3, 4, numLayers: 2, batchFirst: true, bidirectional: true);

    [Fact]
    public void MatchesPyTorchFromAGivenState()
    {
        var fixture = LayerFixture.Case("lstm");
        using var lstm = fixture.Load(Create());
        using Tensor input = fixture.Input("input");
        using Tensor h0 = fixture.Input("h0");
        using Tensor c0 = fixture.Input("c0");
        var (output, (h, c)) = lstm.ForwardWithState(input, (h0, c0));
        using (output) using (h) using (c)
        {
            fixture.AssertOutput("output", output);
            fixture.AssertOutput("h", h);
            fixture.AssertOutput("c", c);
        }
    }

    [Fact]
    public void ForwardStartsFromZerosAsPyTorch()
    {
        var fixture = LayerFixture.Case("lstm");
        using var lstm = fixture.Load(Create());
        using Tensor input = fixture.Input("input");
        using (Tensor output = lstm.Forward(input)) fixture.AssertOutput("zero_state_output", output);
        using var result = new Tensor();
        Assert.Same(result, lstm.Forward(input, result));
        fixture.AssertOutput("zero_state_output", result);
        var (withState, (h, c)) = lstm.ForwardWithState(input);
        using (withState) using (h) using (c) fixture.AssertOutput("zero_state_output", withState);
    }

    [Fact]
    public void DrawsEveryWeightWithinOneOverRootHidden()
    {
        using var lstm = new LSTM(3, 16, numLayers: 2);
        foreach (string name in new[] { "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "bias_hh_l1" })
        {
            LayerChecks.DrawnWithin(lstm, name, 0.25);
        }
    }

    [Fact]
    public void WithoutBiasHasOnlyTheWeights()
    {
        using var lstm = new LSTM(3, 4, bias: false, bidirectional: true);
        var named = lstm.NamedParameters();
        Assert.Equal(["weight_ih_l0", "weight_hh_l0", "weight_ih_l0_reverse", "weight_hh_l0_reverse"], named.Select(p => p.Name));
        foreach (var (_, p) in named) p.Dispose();
        Assert.Equal(2 * (16 * 3 + 16 * 4), lstm.ParameterCount);
    }

    [Fact]
    public void DropoutBetweenLayersOnlyInTrainingMode()
    {
        using var lstm = new LSTM(3, 8, numLayers: 2, dropout: 0.5);
        using Tensor input = Tensor.Randn(5, 2, 3);
        using Tensor first = lstm.Forward(input);
        using Tensor second = lstm.Forward(input);
        Assert.NotEqual(first.ToArray<float>(), second.ToArray<float>());
        lstm.SetTraining(false);
        using Tensor third = lstm.Forward(input);
        using Tensor fourth = lstm.Forward(input);
        Assert.Equal(third.ToArray<float>(), fourth.ToArray<float>());
    }

    [Fact]
    public void RejectsUnbatchedInput()
    {
        using var lstm = new LSTM(3, 4);
        using Tensor input = Tensor.Randn(5, 3);
        Assert.Throws<ArgumentException>(() => lstm.Forward(input));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var lstm = Create();
        using Tensor input = Tensor.Randn(2, 5, 3);
        LayerChecks.GradientsReachEveryParameter(lstm, input);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var lstm = Create();
        using Tensor input = Tensor.Randn(2, 5, 3);
        LayerChecks.ForwardIntoResultAllocatesNothing(lstm, input);
    }
}
