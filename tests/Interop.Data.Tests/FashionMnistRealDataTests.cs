namespace Interop.Data.Tests;

/// <summary>The loader on the real Debian files: counts, labels and pixel statistics.</summary>
public sealed class FashionMnistRealDataTests(FashionMnistFiles files) : IClassFixture<FashionMnistFiles>
{
    [Fact]
    public void Train_Has60000ImagesOf28x28()
    {
        ImageDataset train = files.Train;

        Assert.Equal(60_000, train.Count);
        Assert.Equal((1, 28, 28), (train.Channels, train.Height, train.Width));
        Assert.Equal(60_000 * 784, train.Images.Length);
    }

    [Fact]
    public void Test_Has10000ImagesOf28x28()
    {
        ImageDataset test = files.Test;

        Assert.Equal(10_000, test.Count);
        Assert.Equal((1, 28, 28), (test.Channels, test.Height, test.Width));
        Assert.Equal(10_000 * 784, test.Images.Length);
    }

    [Fact]
    public void Labels_AreBalancedOverTheTenClasses()
    {
        Assert.Equal(Enumerable.Repeat(6000, 10), ClassCounts(files.Train));
        Assert.Equal(Enumerable.Repeat(1000, 10), ClassCounts(files.Test));
    }

    [Fact]
    public void Labels_StartAsInTheOriginalFiles()
    {
        Assert.Equal([9L, 0L, 0L, 3L, 0L, 2L, 7L, 2L, 5L, 5L], files.Train.Labels[..10]);
        Assert.Equal([9L, 2L, 1L, 1L, 6L, 1L, 4L, 6L, 5L, 7L], files.Test.Labels[..10]);
    }

    [Fact]
    public void TrainPixels_MatchTheDefaultNormalisationStatistics()
    {
        float[] pixels = files.Train.Images;
        double sum = 0, squares = 0;
        foreach (float p in pixels)
        {
            sum += p;
            squares += (double)p * p;
        }
        double mean = sum / pixels.Length;
        double std = Math.Sqrt(squares / pixels.Length - mean * mean);

        Assert.Equal(0f, pixels.Min());
        Assert.Equal(1f, pixels.Max());
        Assert.Equal(FashionMnist.DefaultNormalization.Mean[0], mean, 1e-4);
        Assert.Equal(FashionMnist.DefaultNormalization.Std[0], std, 1e-4);
        // The sum of the raw bytes of the first image, as the IDX file stores them.
        Assert.Equal(76_247, RawSum(files.Train, 0, PixelNormalization.None));
    }

    [Fact]
    public void TestPixels_AreNormalisedWithTheDefaults()
    {
        float[] pixels = files.Test.Images;

        Assert.Equal((0f - 0.2860f) / 0.3530f, pixels.Min());
        Assert.Equal((1f - 0.2860f) / 0.3530f, pixels.Max());
        Assert.Equal(33_456, RawSum(files.Test, 0, FashionMnist.DefaultNormalization));
    }

    private static int[] ClassCounts(ImageDataset data)
    {
        var counts = new int[FashionMnist.ClassCount];
        foreach (long label in data.Labels) counts[label]++;
        return counts;
    }

    /// <summary>Undoes the normalisation of one image and sums the bytes it came from.</summary>
    private static long RawSum(ImageDataset data, int sample, PixelNormalization normalization)
    {
        float mean = normalization.Mean[0], std = normalization.Std[0];
        return data.Images.AsSpan(sample * data.SampleSize, data.SampleSize).ToArray()
            .Sum(v => (long)Math.Round((v * std + mean) * 255));
    }
}
