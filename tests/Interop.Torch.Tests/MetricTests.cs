namespace Interop.Torch.Tests;

public class MetricTests
{
    // Three samples of four classes: sample 0's label is the largest, sample 1's the second
    // largest, sample 2's the smallest.
    private static readonly float[] Logits = [4, 1, 2, 3, /**/ 0, 5, 9, 1, /**/ 7, 8, 9, 6];
    private static readonly long[] Labels = [0, 1, 3];

    [Fact]
    public void Accuracy_CountsTheLargestOutput_AcrossBatches()
    {
        Metric accuracy = Metric.Accuracy();
        Assert.True(double.IsNaN(accuracy.Result));
        Update(accuracy, Logits, [3, 4], Labels);
        Assert.Equal(1.0 / 3, accuracy.Result, 12);
        Update(accuracy, [0, 1, 0, 0], [1, 4], [1]);
        Assert.Equal(2.0 / 4, accuracy.Result, 12);
        accuracy.Reset();
        Update(accuracy, [0, 1, 0, 0], [1, 4], [1]);
        Assert.Equal(1.0, accuracy.Result);
    }

    [Theory]
    [InlineData(1, 1.0 / 3)]
    [InlineData(2, 2.0 / 3)]
    [InlineData(4, 1.0)]
    public void TopKAccuracy_CountsALabelAmongTheKLargest(int k, double expected)
    {
        Metric topK = Metric.TopKAccuracy(k);
        Assert.Equal($"top_{k}_accuracy", topK.Name);
        Update(topK, Logits, [3, 4], Labels);
        Assert.Equal(expected, topK.Result, 12);
    }

    [Fact]
    public void Accuracy_OfFloatTargets_ComparesTheLogitsSignWithTheTarget()
    {
        Metric accuracy = Metric.Accuracy();
        using var output = Tensor.FromData<float>([2f, -1f, 0.5f, -3f], 2, 2);
        using var target = Tensor.FromData<float>([1f, 1f, 1f, 0f], 2, 2);
        accuracy.Update(output, target);
        Assert.Equal(0.75, accuracy.Result, 12);
    }

    [Fact]
    public void BadTargets_AreRejectedWithTheMetricsName()
    {
        using var output = Tensor.FromData<float>([2f, -1f, 0.5f, -3f], 2, 2);
        using var floats = Tensor.FromData<float>([1f, 0f, 1f, 0f], 2, 2);
        using var threeLabels = Tensor.FromData<long>([0L, 1L, 1L], 3);
        using var twoLabels = Tensor.FromData<long>([0L, 1L], 2);
        BadInputAssert.Rejects<InvalidOperationException>(() => Metric.TopKAccuracy(1).Update(output, floats), "top_1_accuracy", "class-index");
        BadInputAssert.Rejects<ArgumentException>(() => Metric.Accuracy().Update(output, threeLabels), "accuracy", "4 values for 3 labels");
        BadInputAssert.Rejects<ArgumentException>(() => Metric.TopKAccuracy(3).Update(output, twoLabels), "at least 3 classes");
        Assert.Throws<ArgumentOutOfRangeException>(() => Metric.TopKAccuracy(0));
    }

    private static void Update(Metric metric, float[] logits, long[] shape, long[] labels)
    {
        using var output = Tensor.FromData<float>(logits, shape);
        using var target = Tensor.FromData<long>(labels, labels.Length);
        metric.Update(output, target);
    }
}
