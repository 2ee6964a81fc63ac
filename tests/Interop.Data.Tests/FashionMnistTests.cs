namespace Interop.Data.Tests;

/// <summary>The IDX loader on small files written by the tests, well-formed and broken.</summary>
public sealed class FashionMnistTests : IDisposable
{
    private const int Pixels = 28 * 28;
    private static readonly byte[] ThreeLabels = [9, 0, 4];

    private readonly TemporaryFolder folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Every byte value 0..255 occurs, and each image differs from the others.</summary>
    private static byte[] ThreeImages()
    {
        var pixels = new byte[3 * Pixels];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7 + i / Pixels * 50);
        return pixels;
    }

    [Fact]
    public void Load_WithoutNormalisation_ScalesBytesToUnitRange()
    {
        byte[] pixels = ThreeImages();
        IdxWriter.WriteSplit(folder.Path, "train", pixels, ThreeLabels);

        ImageDataset data = FashionMnist.Load(folder.Path, DatasetSplit.Train, PixelNormalization.None);

        Assert.Equal(3, data.Count);
        Assert.Equal((1, 28, 28), (data.Channels, data.Height, data.Width));
        Assert.Equal([9L, 0L, 4L], data.Labels);
        Assert.Equal(3 * Pixels, data.Images.Length);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal(pixels[i] / 255f, data.Images[i]);
        Assert.Equal(0f, data.Images.Min());
        Assert.Equal(1f, data.Images.Max());
    }

    [Fact]
    public void Load_ByDefault_AppliesTheFashionMnistMeanAndStd()
    {
        byte[] pixels = ThreeImages();
        IdxWriter.WriteSplit(folder.Path, "t10k", pixels, ThreeLabels);

        ImageDataset data = FashionMnist.Load(folder.Path, DatasetSplit.Test);

        Assert.Same(FashionMnist.DefaultNormalization, data.Normalization);
        Assert.Equal([0.2860f], data.Normalization.Mean);
        Assert.Equal([0.3530f], data.Normalization.Std);
        for (int i = 0; i < pixels.Length; i++) Assert.Equal((pixels[i] / 255f - 0.2860f) / 0.3530f, data.Images[i]);
        Assert.Equal(-0.810198f, data.Images.Min(), 1e-6f);
        Assert.Equal(2.022663f, data.Images.Max(), 1e-6f);
    }

    [Fact]
    public void Load_WithCustomNormalisation_MapsBlackAndWhiteExactly()
    {
        byte[] pixels = ThreeImages();
        IdxWriter.WriteSplit(folder.Path, "train", pixels, ThreeLabels);

        ImageDataset data = FashionMnist.Load(folder.Path, DatasetSplit.Train, new PixelNormalization(0.5f, 0.25f));

        Assert.Equal(0, pixels[0]);
        Assert.Equal(-2f, data.Images[0]);
        int white = Array.IndexOf(pixels, (byte)255);
        Assert.Equal(2f, data.Images[white]);
    }

    [Fact]
    public void Load_ReadsUncompressedFilesToo()
    {
        byte[] pixels = ThreeImages();
        File.WriteAllBytes(folder.File("train-images-idx3-ubyte"), IdxWriter.Encode(IdxWriter.ImagesMagic, [3, 28, 28], pixels));
        File.WriteAllBytes(folder.File("train-labels-idx1-ubyte"), IdxWriter.Encode(IdxWriter.LabelsMagic, [3], ThreeLabels));

        ImageDataset data = FashionMnist.Load(folder.Path, DatasetSplit.Train, PixelNormalization.None);

        Assert.Equal([9L, 0L, 4L], data.Labels);
        Assert.Equal(pixels[Pixels + 5] / 255f, data.Images[Pixels + 5]);
    }

    [Fact]
    public void Load_WrongMagic_NamesFileAndBothNumbers()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string images = IdxWriter.ImagesPath(folder.Path, "train");
        IdxWriter.WriteGzip(images, IdxWriter.Encode(IdxWriter.LabelsMagic, [3, 28, 28], ThreeImages()));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.StartsWith(images + ":", e.Message);
        Assert.Contains("0x00000801 is not 0x00000803", e.Message);
    }

    [Fact]
    public void Load_TruncatedImageData_SaysHowManyBytesAreMissing()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string images = IdxWriter.ImagesPath(folder.Path, "train");
        IdxWriter.WriteGzip(images, IdxWriter.Encode(IdxWriter.ImagesMagic, [3, 28, 28], ThreeImages()[..2000]));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal($"{images}: truncated; the header (3x28x28) promises 2352 data bytes, the file holds 2000.", e.Message);
    }

    [Fact]
    public void Load_TruncatedHeader_SaysWhereItEnds()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string labels = IdxWriter.LabelsPath(folder.Path, "train");
        IdxWriter.WriteGzip(labels, [0, 0, 8, 1, 0, 0]);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal($"{labels}: truncated in the header, before the end of the size of dimension 0.", e.Message);
    }

    [Fact]
    public void Load_BytesBeyondTheHeadersCount_AreRejected()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string labels = IdxWriter.LabelsPath(folder.Path, "train");
        IdxWriter.WriteGzip(labels, IdxWriter.Encode(IdxWriter.LabelsMagic, [3], [9, 0, 4, 1]));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal($"{labels}: holds more than the 3 data bytes its header (3) promises.", e.Message);
    }

    [Fact]
    public void Load_ImageAndLabelCountsDiffer_NamesBothFiles()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string labels = IdxWriter.LabelsPath(folder.Path, "train");
        IdxWriter.WriteGzip(labels, IdxWriter.Encode(IdxWriter.LabelsMagic, [2], [9, 0]));

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal(
            $"{labels}: holds 2 labels, but {IdxWriter.ImagesPath(folder.Path, "train")} holds 3 images.",
            e.Message);
    }

    [Fact]
    public void Load_LabelAboveNine_NamesLabelAndIndex()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), [9, 10, 4]);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal($"{IdxWriter.LabelsPath(folder.Path, "train")}: label 10 at index 1 is outside 0..9.", e.Message);
    }

    [Fact]
    public void Load_ImagesNot28x28_AreRejected()
    {
        IdxWriter.WriteSplit(folder.Path, "train", new byte[3 * 32 * 32], ThreeLabels, height: 32, width: 32);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.Equal($"{IdxWriter.ImagesPath(folder.Path, "train")}: images are 32x32, not 28x28.", e.Message);
    }

    [Fact]
    public void Load_CorruptGzip_NamesFile()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        string images = IdxWriter.ImagesPath(folder.Path, "train");
        File.WriteAllBytes(images, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

        var e = Assert.Throws<InvalidDataException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.StartsWith($"{images}: corrupt gzip data: ", e.Message);
    }

    [Fact]
    public void Load_MissingFolder_NamesPathsTriedAndThePackage()
    {
        string missing = folder.File("absent");

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(missing, DatasetSplit.Test));

        string gz = Path.Combine(missing, "t10k-images-idx3-ubyte.gz");
        string raw = Path.Combine(missing, "t10k-images-idx3-ubyte");
        Assert.Equal(gz, e.FileName);
        Assert.Contains($"does not exist); tried {gz}, {raw}.", e.Message);
        Assert.Contains("`apt-get install dataset-fashion-mnist`", e.Message);
    }

    [Fact]
    public void Load_MissingLabels_NamesTheLabelsFile()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);
        File.Delete(IdxWriter.LabelsPath(folder.Path, "train"));

        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(folder.Path, DatasetSplit.Train));

        Assert.StartsWith($"Fashion-MNIST Train labels not found; tried {IdxWriter.LabelsPath(folder.Path, "train")}, ", e.Message);
    }

    [Fact]
    public void Load_ThreeChannelNormalisation_IsRejectedForGreyImages()
    {
        IdxWriter.WriteSplit(folder.Path, "train", ThreeImages(), ThreeLabels);

        var e = Assert.Throws<ArgumentException>(
            () => FashionMnist.Load(folder.Path, DatasetSplit.Train, Cifar10.DefaultNormalization));

        Assert.Equal("normalization", e.ParamName);
        Assert.StartsWith("The normalisation has 3 channels; the dataset has 1.", e.Message);
    }
}
