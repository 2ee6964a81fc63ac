namespace Interop.Torch.Tests;

/// <summary>
/// Zero-size tensors: the ops libtorch defines on them work (and leak nothing), the ones with
/// no answer (the maximum of nothing) throw. Assertions follow libtorch 1.13's behaviour.
/// </summary>
public class BadInputEmptyTensorTests
{
    [Fact]
    public void Elementwise_And_Activations_KeepTheEmptyShape()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var empty = Tensor.Zeros(0, 3);
            using var sum = Torch.Add(empty, empty);
            using var relu = Torch.Relu(empty);
            using var softmax = Torch.Softmax(empty, 1);
            using var logSoftmax = Torch.LogSoftmax(empty, 1);
            foreach (var t in new[] { sum, relu, softmax, logSoftmax }) Assert.Equal([0L, 3L], t.Shape);
        });
    }

    [Fact]
    public void Sum_OfNothing_IsZero_AndMean_IsNaN()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var empty = Tensor.Zeros(0);
            using var sum = Torch.Sum(empty);
            using var mean = Torch.Mean(empty);
            Assert.Equal(0f, sum.Item<float>());
            Assert.True(float.IsNaN(mean.Item<float>()));
        });
    }

    [Fact]
    public void MatMul_WithAnEmptyDimension()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var noRows = Tensor.Zeros(0, 3);
            using var b = Tensor.Ones(3, 2);
            using var product = Torch.Matmul(noRows, b);
            Assert.Equal([0L, 2L], product.Shape);

            // An empty inner dimension gives a full result of zeros.
            using var noInner = Tensor.Zeros(2, 0);
            using var c = Tensor.Zeros(0, 3);
            using var zeros = Torch.Matmul(noInner, c);
            Assert.Equal(new float[6], zeros.ToArray<float>());
        });
    }

    [Fact]
    public void Cat_WithAnEmptyTensor()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var a = Tensor.Ones(2, 3);
            using var empty = Tensor.Zeros(0, 3);
            using var joined = Torch.Cat([a, empty]);
            Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1 }, joined.ToArray<float>());
        });
    }

    [Fact]
    public void View_And_Reshape_OfAnEmptyTensor()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var empty = Tensor.Zeros(0, 3);
            using var view = empty.View([3, 0]);
            using var inferred = empty.View([-1, 3]);
            using var flat = empty.Reshape([0]);
            Assert.Equal([3L, 0L], view.Shape);
            Assert.Equal([0L, 3L], inferred.Shape);
            Assert.Empty(flat.ToArray<float>());
        });
    }

    [Fact]
    public void Losses_OfAnEmptyBatch_AreNaN()
    {
        BadInputAssert.LeavesNoHandles(() =>
        {
            using var logits = Tensor.Zeros(0, 3);
            using var labels = Tensor.Zeros([0], DType.Int64);
            using var loss = Torch.CrossEntropyLoss(logits, labels);
            Assert.True(float.IsNaN(loss.Item<float>()));
        });
    }

    [Fact]
    public void Max_OfAnEmptyTensor_Throws()
    {
        using var empty = Tensor.Zeros(0);
        BadInputAssert.Rejects<TorchException>(() => Torch.Max(empty), "max(): Expected reduction dim to be specified for input.numel() == 0");
    }

    [Fact]
    public void Max_AlongAnEmptyDimension_Throws()
    {
        using var empty = Tensor.Zeros(0, 3);
        BadInputAssert.Rejects<TorchIndexException>(() => Torch.Max(empty, 0), "Expected reduction dim 0 to have non-zero size");
    }

    [Fact]
    public void ArgMax_OfAnEmptyTensor_Throws()
    {
        using var empty = Tensor.Zeros(0);
        BadInputAssert.Rejects<TorchIndexException>(() => Torch.Argmax(empty), "argmax(): Expected reduction dim to be specified");
    }

    [Fact]
    public void Item_OfAnEmptyTensor_Throws()
    {
        using var empty = Tensor.Zeros(0);
        BadInputAssert.Rejects<InvalidOperationException>(() => empty.Item<float>(), "exactly one element", "has 0");
    }
}
