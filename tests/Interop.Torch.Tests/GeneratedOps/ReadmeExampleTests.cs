namespace Interop.Torch.Tests.GeneratedOps;

// README.md's example of the generated op layer, as written there, with its results checked.
public class ReadmeExampleTests
{
    [Fact]
    public void TheWholeOfAtenExampleRuns()
    {
        using var x = Tensor.Randn(4, 8);
        using var mask = x > 0;
        using var relu = Torch.Where(mask, x, 0.0);
        var (values, indices) = x.Topk(3);
        using var picks = Tensor.FromData<long>([0, 2], 2);
        using var rows = x.IndexSelect(0, picks);
        using var firstCols = x[.., 0..2];
        using var normed = Torch.LayerNorm(x, [8]);
        using var r = Tensor.Empty(4, 8);
        Torch.Add(x, x, alpha: 2, result: r);
        values.Dispose();
        indices.Dispose();

        using var smallest = Torch.Min(relu);
        Assert.True(smallest.Item<float>() >= 0);
        TensorAssert.Shape(rows, 2, 8);
        TensorAssert.Shape(firstCols, 4, 2);
        using var tripled = Torch.Mul(x, 3);
        TensorAssert.Close(tripled.ToArray<float>().Select(v => (double)v).ToArray(), r);
    }
}
