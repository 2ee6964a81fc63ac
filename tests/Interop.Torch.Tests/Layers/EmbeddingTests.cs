namespace Interop.Torch.Tests;

public class EmbeddingTests : NativeFileTest
{
    [Fact]
    public void MatchesPyTorchWithItsWeights()
    {
        var fixture = LayerFixture.Case("embedding");
        using var embedding = fixture.Load(new Embedding(10, 4, paddingIdx: 1));
        using Tensor indices = fixture.Input("input", DType.Int64);
        using Tensor output = embedding.Forward(indices);
        fixture.AssertOutput("output", output);
    }

    [Fact]
    public void PaddingRowStartsAsZerosAndGetsNoGradient()
    {
        // -1 is the last row, as in PyTorch.
        using var embedding = new Embedding(5, 3, paddingIdx: -1);
        double[] weight = LayerChecks.Values(embedding, "weight");
        Assert.Equal([0.0, 0, 0], weight[12..]);
        Assert.True(weight[..12].All(x => x != 0));
        using Tensor indices = Tensor.FromData<long>([4, 0, 4, 2], 2, 2);
        using (Tensor output = embedding.Forward(indices))
        using (Tensor loss = Torch.Sum(output))
        {
            loss.Backward();
        }
        Tensor[] parameters = embedding.Parameters();
        using Tensor grad = parameters[0].Grad();
        foreach (Tensor p in parameters) p.Dispose();
        // Rows 0 and 2 were looked up once each; row 4 twice, but it is the padding row.
        Assert.Equal([1f, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0], grad.ToArray<float>());
    }

    [Fact]
    public void RejectsAPaddingIndexOutsideTheTable()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(5, 3, paddingIdx: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(5, 3, paddingIdx: -6));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var embedding = new Embedding(10, 4);
        using Tensor indices = Tensor.FromData<long>([0, 3, 9], 3);
        LayerChecks.GradientsReachEveryParameter(embedding, indices);
    }

    [Fact]
    public void ForwardIntoResultAllocatesNothing()
    {
        using var embedding = new Embedding(10, 4);
        using Tensor indices = Tensor.FromData<long>([0, 3, 9, 3], 2, 2);
        LayerChecks.ForwardIntoResultAllocatesNothing(embedding, indices);
    }
}
