namespace Interop.Torch.Tests.GeneratedOps;

// Every row of docs/pytorch-to-interop.md, as written there, with its result checked.
public class PyTorchTableTests
{
    [Fact]
    public void ElementwiseAndInPlace()
    {
        using var a = Tensor.FromData<float>([1f, 2f], 2);
        using var b = Tensor.FromData<float>([10f, 20f], 2);
        using var r = Tensor.Empty(2);
        using var scaled = Torch.Add(a, b, alpha: 2);
        Torch.Add(a, b, result: r);
        Assert.Equal(new[] { 21f, 42f }, scaled.ToArray<float>());
        Assert.Equal(new[] { 11f, 22f }, r.ToArray<float>());
        a.AddInPlace(b).MulInPlace(2);
        Assert.Equal(new[] { 22f, 44f }, a.ToArray<float>());
        using var positive = a.Gt(0);
        using var same = Torch.Eq(a, a);
        using var chosen = Torch.Where(positive, a, b);
        Assert.Equal(new[] { true, true }, same.ToArray<bool>());
        Assert.Equal(new[] { 22f, 44f }, chosen.ToArray<float>());
        using var clamped = b.Clamp(0, 15);
        using var squared = b.Pow(2);
        using var absolute = Torch.Neg(b).Abs();
        Assert.Equal(new[] { 10f, 15f }, clamped.ToArray<float>());
        Assert.Equal(new[] { 100f, 400f }, squared.ToArray<float>());
        Assert.Equal(new[] { 10f, 20f }, absolute.ToArray<float>());
    }

    [Fact]
    public void IndexingShapesAndLists()
    {
        using var x = Tensor.FromData<float>([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        using var index = Tensor.FromData<long>([2, 0], 2, 1);
        using var gathered = x.Gather(1, index);
        using var scattered = x.Scatter(1, index, gathered);
        using var second = Tensor.FromData<long>([1], 1);
        using var rows = x.IndexSelect(0, second);
        Assert.Equal(new[] { 3f, 4f }, gathered.ToArray<float>());
        TensorAssert.Shape(scattered, 2, 3);
        Assert.Equal(new[] { 4f, 5f, 6f }, rows.ToArray<float>());
        using var transposed = x.Transpose(0, 1);
        using var permuted = x.Unsqueeze(0).Permute([2, 0, 1]);
        using var squeezed = permuted.Squeeze(1);
        using var viewed = x.View([3, -1]);
        using var reshaped = x.Reshape([6]);
        TensorAssert.Shape(transposed, 3, 2);
        TensorAssert.Shape(permuted, 3, 1, 2);
        TensorAssert.Shape(squeezed, 3, 2);
        TensorAssert.Shape(viewed, 3, 2);
        TensorAssert.Shape(reshaped, 6);
        using var stacked = Torch.Stack([x, x], dim: 1);
        using var joined = Torch.Cat([x, x]);
        TensorAssert.Shape(stacked, 2, 2, 3);
        TensorAssert.Shape(joined, 4, 3);
        Tensor[] halves = Torch.Split(joined, 2);
        Tensor[] thirds = x.Chunk(3, 1);
        Assert.Equal(2, halves.Length);
        Assert.Equal(3, thirds.Length);
        foreach (Tensor t in halves.Concat(thirds)) t.Dispose();
    }

    [Fact]
    public void ReductionsSortingAndValues()
    {
        using var x = Tensor.FromData<float>([3f, 1f, 2f, 6f, 5f, 4f], 2, 3);
        var (values, indices) = x.Min(1);
        using (values)
        using (indices)
        {
            Assert.Equal(new[] { 1f, 4f }, values.ToArray<float>());
            Assert.Equal(new[] { 1L, 2L }, indices.ToArray<long>());
        }
        using var argmin = x.Argmin();
        using var argmax = x.Argmax(1);
        using var sum = x.Sum([0], keepdim: true);
        using var mean = x.Mean();
        using var std = x.Std([0]);
        using var variance = x.Var();
        Assert.Equal(1L, argmin.Item<long>());
        Assert.Equal(new[] { 0L, 0L }, argmax.ToArray<long>());
        TensorAssert.Shape(sum, 1, 3);
        Assert.Equal(3.5f, mean.Item<float>(), 5);
        TensorAssert.Shape(std, 3);
        Assert.Equal(3.5f, variance.Item<float>(), 5);
        var (top, topIndices) = x.Topk(3);
        var (sorted, sortedIndices) = x.Sort(descending: true);
        Assert.Equal(new[] { 3f, 2f, 1f, 6f, 5f, 4f }, top.ToArray<float>());
        Assert.Equal(top.ToArray<float>(), sorted.ToArray<float>());
        foreach (Tensor t in new[] { top, topIndices, sorted, sortedIndices }) t.Dispose();
        using var asDouble = x.To(DType.Float64);
        Assert.Equal(DType.Float64, asDouble.DType);
        Assert.Equal(3L, x.Size(1));
        using var row = x.Select(0, 0);
        using var corner = row.Select(0, 0);
        Assert.Equal(3f, corner.Item<float>());
    }

    [Fact]
    public void NeuralNetworkFunctions()
    {
        using var x = Tensor.FromData<float>([1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 2, 4);
        using var normalized = Torch.LayerNorm(x, [4]);
        using var rowMeans = normalized.Mean([1]);
        Assert.All(rowMeans.ToArray<float>(), m => Assert.True(Math.Abs(m) < 1e-5f));
        using var weights = Tensor.FromData<float>([0f, 0f, 1f, 1f, 2f, 2f], 3, 2);
        using var ids = Tensor.FromData<long>([2, 0], 2);
        using var embedded = Torch.Embedding(weights, ids);
        Assert.Equal(new[] { 2f, 2f, 0f, 0f }, embedded.ToArray<float>());
        using var gelu = Torch.Gelu(x, approximate: "tanh");
        TensorAssert.Shape(gelu, 2, 4);
        using var signal = Tensor.Ones(1, 1, 8);
        using var kernel = Tensor.Ones(1, 1, 2);
        using var bias = Tensor.Zeros(1);
        using var convolved = Torch.Conv1d(signal, kernel, bias, stride: [2]);
        Assert.Equal(new[] { 2f, 2f, 2f, 2f }, convolved.ToArray<float>());
        using var logits = Tensor.FromData<float>([0f, 0f, 0f, 0f], 2, 2);
        using var labels = Tensor.FromData<long>([0, 1], 2);
        using var loss = Torch.CrossEntropyLoss(logits, labels, reduction: Reduction.Sum);
        Assert.Equal(2 * MathF.Log(2), loss.Item<float>(), 5);
    }
}
