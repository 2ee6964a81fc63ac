namespace Interop.Data.Tests;

/// <summary>The CIFAR-10 binary loader on small batch files written by the tests.</summary>
public sealed class Cifar10Tests : IDisposable
{
    private const int Plane = 32 * 32;
    private const int Record = 1 + 3 * Plane;

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>The byte the tests store for a pixel; differs by record, channel and position.</summary>
    private static byte Pixel(int record, int channel, int y, int x) => (byte)(record * 31 + channel * 85 + y * 32 + x);

    /// <summary>Records in the binary layout: label, then the R, G and B planes, each row-major.</summary>
    private static byte[] Records(params byte[] labels)
    {
        var bytes = new byte[labels.Length * Record];
        for (int r = 0; r < labels.Length; r++)
        {
            bytes[r * Record] = labels[r];
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y++)
                {
                    for (int x = 0; x < 32; x++) bytes[r * Record + 1 + c * Plane + y * 32 + x] = Pixel(r, c, y, x);
                }
            }
        }
        return bytes;
    }

    [Fact]
    public void LoadTest_StoresPixelsChannelMajorAndLabelsInOrder()
    {
        File.WriteAllBytes(folder.File("test_batch.bin"), Records(3, 0, 9));

        ImageDataset data = Cifar10.Load(folder.Path, DatasetSplit.Test, PixelNormalization.None);

        Assert.Equal(3, data.Count);
        Assert.Equal((3, 32, 32), (data.Channels, data.Height, data.Width));
        Assert.Equal(3 * 3 * Plane, data.Images.Length);
        Assert.Equal([3L, 0L, 9L], data.Labels);
        for (int r = 0; r < 3; r++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y++)
                {
                    for (int x = 0; x < 32; x++)
                    {
                        Assert.Equal(Pixel(r, c, y, x) / 255f, data.Images[((r * 3 + c) * 32 + y) * 32 + x]);
                    }
                }
            }
        }
    }

    [Fact]
    public void Load_ByDefault_AppliesThePerChannelMeanAndStd()
    {
        File.WriteAllBytes(folder.File("test_batch.bin"), Records(1, 2));
        float[] mean = [0.4914f, 0.4822f, 0.4465f];
        float[] std = [0.2470f, 0.2435f, 0.2616f];

        ImageDataset data = Cifar10.Load(folder.Path, DatasetSplit.Test);

        Assert.Same(Cifar10.DefaultNormalization, data.Normalization);
        Assert.Equal(mean, data.Normalization.Mean);
        Assert.Equal(std, data.Normalization.Std);
        for (int c = 0; c < 3; c++)
        {
            // Pixel (1, c, 2, 3) of the second record.
            int index = (1 * 3 + c) * Plane + 2 * 32 + 3;
            Assert.Equal((Pixel(1, c, 2, 3) / 255f - mean[c]) / std[c], data.Images[index]);
        }
    }

    [Fact]
    public void LoadTrain_ConcatenatesTheFiveBatchesInOrder()
    {
        byte[][] labels = [[1, 2], [3], [4], [5], [6, 7, 8]];
        for (int b = 0; b < 5; b++) File.WriteAllBytes(folder.File($"data_batch_{b + 1}.bin"), Records(labels[b]));

        ImageDataset data = Cifar10.Load(folder.Path, DatasetSplit.Train, PixelNormalization.None);

        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L], data.Labels);
        // The first record of data_batch_2.bin is the third sample; its pixels are record 0's.
        Assert.Equal(Pixel(0, 2, 31, 31) / 255f, data.Images[(2 * 3 + 2) * Plane + Plane - 1]);
        // The last sample is record 2 of data_batch_5.bin.
        Assert.Equal(Pixel(2, 0, 0, 1) / 255f, data.Images[7 * 3 * Plane + 1]);
    }

    [Fact]
    public void Load_LengthNotAMultipleOfTheRecord_NamesFileAndLength()
    {
        string path = folder.File("test_batch.bin");
        File.WriteAllBytes(path, Records(1, 2)[..(Record + 100)]);

        var e = Assert.Throws<InvalidDataException>(() => Cifar10.Load(folder.Path, DatasetSplit.Test));

        Assert.StartsWith($"{path}: length 3173 is not a positive multiple of the 3073-byte record", e.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsRejected()
    {
        string path = folder.File("test_batch.bin");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<InvalidDataException>(() => Cifar10.Load(folder.Path, DatasetSplit.Test));

        Assert.StartsWith($"{path}: length 0 is not a positive multiple", e.Message);
    }

    [Fact]
    public void Load_LabelAboveNine_NamesRecord()
    {
        string path = folder.File("test_batch.bin");
        File.WriteAllBytes(path, Records(0, 9, 200));

        var e = Assert.Throws<InvalidDataException>(() => Cifar10.Load(folder.Path, DatasetSplit.Test));

        Assert.Equal($"{path}: label 200 of record 2 is outside 0..9.", e.Message);
    }

    [Fact]
    public void Load_MissingBatch_NamesItsPathAndWhereToGetIt()
    {
        for (int b = 1; b <= 4; b++) File.WriteAllBytes(folder.File($"data_batch_{b}.bin"), Records(0));

        var e = Assert.Throws<FileNotFoundException>(() => Cifar10.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal(folder.File("data_batch_5.bin"), e.FileName);
        Assert.Contains($"tried {folder.File("data_batch_5.bin")}.", e.Message);
        Assert.Contains("cifar-10-binary.tar.gz", e.Message);
    }
}
