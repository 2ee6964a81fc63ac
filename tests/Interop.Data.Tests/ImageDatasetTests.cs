namespace Interop.Data.Tests;

public sealed class ImageDatasetTests
{
    /// <summary>Samples of 2x2x3 whose floats encode sample and position: 100 * sample + position.</summary>
    private static ImageDataset Numbered(int count, int channels = 2, int height = 2, int width = 3)
    {
        int size = channels * height * width;
        var images = new float[count * size];
        for (int i = 0; i < images.Length; i++) images[i] = 100 * (i / size) + i % size;
        var labels = new long[count];
        for (int i = 0; i < count; i++) labels[i] = i % 10;
        return new ImageDataset(images, labels, channels, height, width, PixelNormalization.None);
    }

    [Fact]
    public void Shape_IsWhatWasGiven()
    {
        ImageDataset data = Numbered(5);

        Assert.Equal(5, data.Count);
        Assert.Equal((2, 2, 3), (data.Channels, data.Height, data.Width));
        Assert.Equal(12, data.SampleSize);
        Assert.Same(PixelNormalization.None, data.Normalization);
    }

    [Fact]
    public void Constructor_RejectsImagesOfTheWrongLength()
    {
        var e = Assert.Throws<ArgumentException>(
            () => new ImageDataset(new float[23], new long[2], 2, 2, 3, PixelNormalization.None));

        Assert.StartsWith("2 samples of 2x2x3 need 24 floats; got 23.", e.Message);
    }

    [Fact]
    public void CopyBatch_CopiesTheIndexedSamplesInOrder()
    {
        ImageDataset data = Numbered(15);
        int[] indices = [12, 0, 12, 7];
        var images = new float[4 * 12];
        var labels = new long[4];

        data.CopyBatch(indices, images, labels);

        Assert.Equal([2L, 0L, 2L, 7L], labels);
        for (int i = 0; i < indices.Length; i++)
        {
            for (int k = 0; k < 12; k++) Assert.Equal(100 * indices[i] + k, images[i * 12 + k]);
        }
    }

    [Fact]
    public void CopyBatch_EmptyBatch_CopiesNothing()
    {
        Numbered(3).CopyBatch([], [], []);
    }

    [Fact]
    public void CopyBatch_ImageDestinationOfTheWrongSize_Throws()
    {
        ImageDataset data = Numbered(5);

        var e = Assert.Throws<ArgumentException>(() => data.CopyBatch([0, 1], new float[25], new long[2]));

        Assert.Equal("images", e.ParamName);
        Assert.StartsWith("A batch of 2 needs 24 floats; the destination holds 25.", e.Message);
    }

    [Fact]
    public void CopyBatch_LabelDestinationOfTheWrongSize_Throws()
    {
        ImageDataset data = Numbered(5);

        var e = Assert.Throws<ArgumentException>(() => data.CopyBatch([0, 1], new float[24], new long[3]));

        Assert.Equal("labels", e.ParamName);
        Assert.StartsWith("A batch of 2 needs 2 labels; the destination holds 3.", e.Message);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-1)]
    public void CopyBatch_IndexOutsideTheDataset_Throws(int index)
    {
        ImageDataset data = Numbered(5);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.CopyBatch([0, index], new float[24], new long[2]));

        Assert.Equal(index, e.ActualValue);
        Assert.StartsWith("Index 1 of the batch is outside [0, 5).", e.Message);
    }

    [Fact]
    public void CopyBatch_AfterWarmUp_AllocatesNoManagedMemory()
    {
        // Fashion-MNIST's shape, and batches drawn from a shuffled permutation as a training loop does.
        ImageDataset data = Numbered(512, channels: 1, height: 28, width: 28);
        int[] permutation = Enumerable.Range(0, data.Count).ToArray();
        new Random(7).Shuffle(permutation);
        const int batch = 64;
        var images = new float[batch * data.SampleSize];
        var labels = new long[batch];
        for (int i = 0; i < 100; i++) CopyEpoch(data, permutation, images, labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) CopyEpoch(data, permutation, images, labels);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        int last = permutation[^1];
        Assert.Equal(last % 10, labels[^1]);
        Assert.Equal(100 * last + 783, images[^1]);
    }

    private static void CopyEpoch(ImageDataset data, int[] permutation, float[] images, long[] labels)
    {
        for (int start = 0; start < permutation.Length; start += labels.Length)
        {
            data.CopyBatch(permutation.AsSpan(start, labels.Length), images, labels);
        }
    }

    [Fact]
    public void Subset_CopiesTheFirstSamples()
    {
        ImageDataset data = Numbered(5);

        ImageDataset subset = data.Subset(2);
        subset.Images[0] = -1;

        Assert.Equal(2, subset.Count);
        Assert.Equal((2, 2, 3), (subset.Channels, subset.Height, subset.Width));
        Assert.Equal([0L, 1L], subset.Labels);
        Assert.Equal(data.Images[1..24], subset.Images[1..]);
        Assert.Equal(0, data.Images[0]);
        Assert.Same(data.Normalization, subset.Normalization);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(6)]
    public void Subset_CountOutsideTheDataset_Throws(int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5).Subset(count));
    }

    [Fact]
    public void Subset_FromAStart_CopiesThatRange()
    {
        ImageDataset data = Numbered(5);
        ImageDataset tail = data.Subset(3, 2);
        Assert.Equal([3L, 4L], tail.Labels);
        Assert.Equal(data.Images[(3 * 12)..], tail.Images);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(4, 2)]
    [InlineData(5, 1)]
    public void Subset_RangeOutsideTheDataset_Throws(int start, int count)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(5).Subset(start, count));
    }
}
