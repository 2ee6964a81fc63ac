namespace Interop.Data;

/// <summary>
/// Loads Fashion-MNIST (Zalando's 28x28 grey images of clothing in 10 classes) from the IDX
/// files that Debian's <c>dataset-fashion-mnist</c> package installs, gzip-compressed or not.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where <c>apt-get install dataset-fashion-mnist</c> puts the files.</summary>
    public const string DefaultFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Number of classes; labels are 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>Image side in pixels.</summary>
    public const int ImageSize = 28;

    private const string HowToGet =
        "Install the files with `apt-get install dataset-fashion-mnist` (Debian/Ubuntu), or pass the folder that holds them.";

    /// <summary>
    /// The mean (0.2860) and std (0.3530) of the training pixels after scaling to [0, 1], the
    /// values commonly used for Fashion-MNIST; <see cref="Load(string, DatasetSplit)"/> applies them.
    /// </summary>
    public static PixelNormalization DefaultNormalization { get; } = new(0.2860f, 0.3530f);

    /// <summary>Loads a split normalised with <see cref="DefaultNormalization"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, PixelNormalization)"/>
    public static ImageDataset Load(string folder, DatasetSplit split) => Load(folder, split, DefaultNormalization);

    /// <summary>
    /// Loads a split (60,000 training or 10,000 test images) as 1x28x28 samples, each pixel
    /// mapped through <paramref name="normalization"/>; pass <see cref="PixelNormalization.None"/>
    /// for plain [0, 1].
    /// </summary>
    /// <param name="folder">Folder holding <c>train-images-idx3-ubyte.gz</c> and its siblings,
    /// usually <see cref="DefaultFolder"/>.</param>
    /// <param name="split">Which split to load.</param>
    /// <param name="normalization">How raw bytes become floats.</param>
    /// <exception cref="FileNotFoundException">A file is missing; the message names the paths
    /// tried and the package to install.</exception>
    /// <exception cref="InvalidDataException">A file is not a valid Fashion-MNIST IDX file
    /// (wrong magic number, truncated, not 28x28, image and label counts differ, or a label
    /// above 9); the message names the file.</exception>
    public static ImageDataset Load(string folder, DatasetSplit split, PixelNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(folder);
        // Built first so that a normalisation that does not fit fails before any file is read.
        var decoder = new PixelDecoder(normalization, channels: 1);
        string prefix = split switch
        {
            DatasetSplit.Train => "train",
            DatasetSplit.Test => "t10k",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
        };
        string imagesPath = Find(folder, $"{prefix}-images-idx3-ubyte", $"Fashion-MNIST {split} images");
        string labelsPath = Find(folder, $"{prefix}-labels-idx1-ubyte", $"Fashion-MNIST {split} labels");

        var (shape, pixels) = IdxFile.Read(imagesPath, rank: 3);
        if (shape[1] != ImageSize || shape[2] != ImageSize)
        {
            throw new InvalidDataException($"{imagesPath}: images are {shape[1]}x{shape[2]}, not {ImageSize}x{ImageSize}.");
        }
        var (labelShape, labelBytes) = IdxFile.Read(labelsPath, rank: 1);
        if (labelShape[0] != shape[0])
        {
            throw new InvalidDataException(
                $"{labelsPath}: holds {labelShape[0]} labels, but {imagesPath} holds {shape[0]} images.");
        }

        var images = new float[pixels.Length];
        decoder.Decode(pixels, channel: 0, images);
        return new ImageDataset(images, ToLabels(labelBytes, labelsPath), 1, ImageSize, ImageSize, normalization);
    }

    private static string Find(string folder, string baseName, string description) =>
        DatasetFiles.Find(folder, description, HowToGet, baseName + ".gz", baseName);

    private static long[] ToLabels(byte[] bytes, string path)
    {
        var labels = new long[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] >= ClassCount)
            {
                throw new InvalidDataException($"{path}: label {bytes[i]} at index {i} is outside 0..{ClassCount - 1}.");
            }
            labels[i] = bytes[i];
        }
        return labels;
    }
}
