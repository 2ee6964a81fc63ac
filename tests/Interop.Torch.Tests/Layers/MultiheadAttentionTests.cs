namespace Interop.Torch.Tests;

public class MultiheadAttentionTests : NativeFileTest
{
    [Fact]
    public void SelfAttentionWithAFloatMaskMatchesPyTorch()
    {
        var fixture = LayerFixture.Case("mha_self");
        using var mha = fixture.Load(new MultiheadAttention(8, 2));
        using Tensor query = fixture.Input("query");
        using Tensor mask = fixture.Input("attn_mask");
        var (output, weights) = mha.Forward(query, query, query, attnMask: mask);
        using (output) using (weights)
        {
            fixture.AssertOutput("output", output);
            fixture.AssertOutput("weights", weights!);
        }
        using Tensor plain = mha.Forward(query);
        fixture.AssertOutput("plain_output", plain);
    }

    [Fact]
    public void CrossAttentionWithBooleanMasksMatchesPyTorch()
    {
        var fixture = LayerFixture.Case("mha_cross");
        using var mha = fixture.Load(new MultiheadAttention(8, 2, batchFirst: true));
        using Tensor query = fixture.Input("query");
        using Tensor key = fixture.Input("key");
        using Tensor value = fixture.Input("value");
        using Tensor attnMask = fixture.Input("attn_mask", DType.Bool);
        using Tensor keyPaddingMask = fixture.Input("key_padding_mask", DType.Bool);
        var (output, weights) = mha.Forward(query, key, value, attnMask, keyPaddingMask, averageAttnWeights: false);
        using (output) using (weights)
        {
            fixture.AssertOutput("output", output);
            fixture.AssertOutput("weights", weights!);
        }
        var (again, none) = mha.Forward(query, key, value, attnMask, keyPaddingMask, needWeights: false);
        using (again) fixture.AssertOutput("output", again);
        Assert.Null(none);
    }

    [Fact]
    public void StartsAsPyTorchStartsIt()
    {
        using var mha = new MultiheadAttention(16, 4);
        LayerChecks.DrawnWithin(mha, "in_proj_weight", Math.Sqrt(6.0 / (16 + 48)));
        Assert.All(LayerChecks.Values(mha, "in_proj_bias"), b => Assert.Equal(0, b));
        LayerChecks.DrawnWithin(mha, "out_proj.weight", 0.25);
        Assert.All(LayerChecks.Values(mha, "out_proj.bias"), b => Assert.Equal(0, b));
        using var unbiased = new MultiheadAttention(16, 4, bias: false);
        Assert.Equal(3 * 16 * 16 + 16 * 16, unbiased.ParameterCount);
    }

    [Fact]
    public void DropoutOnTheWeightsOnlyInTrainingMode()
    {
        using var mha = new MultiheadAttention(8, 2, dropout: 0.5);
        using Tensor query = Tensor.Randn(4, 2, 8);
        using Tensor first = mha.Forward(query);
        using Tensor second = mha.Forward(query);
        Assert.NotEqual(first.ToArray<float>(), second.ToArray<float>());
        mha.SetTraining(false);
        using Tensor third = mha.Forward(query);
        using Tensor fourth = mha.Forward(query);
        Assert.Equal(third.ToArray<float>(), fourth.ToArray<float>());
    }

    [Fact]
    public void RejectsWhatItCannotTake()
    {
        Assert.Throws<ArgumentException>(() => new MultiheadAttention(10, 4));
        using var mha = new MultiheadAttention(8, 2);
        using Tensor unbatched = Tensor.Randn(4, 8);
        Assert.Throws<ArgumentException>(() => mha.Forward(unbatched));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var mha = new MultiheadAttention(8, 2, batchFirst: true);
        // The biases start at zero, but their gradients do not.
        using Tensor query = Tensor.Randn(2, 4, 8);
        LayerChecks.GradientsReachEveryParameter(mha, query);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var mha = new MultiheadAttention(8, 2);
        using Tensor query = Tensor.Randn(4, 2, 8);
        LayerChecks.ForwardIntoResultAllocatesNothing(mha, query);
    }
}
