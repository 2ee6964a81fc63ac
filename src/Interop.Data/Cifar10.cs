namespace Interop.Data;

/// <summary>
/// Loads CIFAR-10 (32x32 colour images in 10 classes) from its binary distribution
/// (cifar-10-binary.tar.gz, extracted to a <c>cifar-10-batches-bin</c> folder). Each file is a
/// run of 3073-byte records: the label byte, then 1024 red, 1024 green and 1024 blue bytes,
/// each plane row-major, which is already the CHW order the dataset stores.
/// </summary>
public static class Cifar10
{
    /// <summary>Number of classes; labels are 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>Image side in pixels.</summary>
    public const int ImageSize = 32;

    /// <summary>Colour channels: red, green, blue.</summary>
    public const int Channels = 3;

    private const int PlaneSize = ImageSize * ImageSize;
    private const int SampleSize = Channels * PlaneSize;
    private const int RecordSize = 1 + SampleSize;

    private const string HowToGet =
        "Download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html and pass the extracted cifar-10-batches-bin folder.";

    /// <summary>
    /// The per-channel (R, G, B) mean (0.4914, 0.4822, 0.4465) and std (0.2470, 0.2435, 0.2616)
    /// of the training pixels after scaling to [0, 1]; <see cref="Load(string, DatasetSplit)"/> applies them.
    /// </summary>
    public static PixelNormalization DefaultNormalization { get; } =
        new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>Loads a split normalised with <see cref="DefaultNormalization"/>.</summary>
    /// <inheritdoc cref="Load(string, DatasetSplit, PixelNormalization)"/>
    public static ImageDataset Load(string folder, DatasetSplit split) => Load(folder, split, DefaultNormalization);

    /// <summary>
    /// Loads a split (<c>data_batch_1.bin</c> to <c>data_batch_5.bin</c> in order for training,
    /// <c>test_batch.bin</c> for test) as 3x32x32 samples, each pixel mapped through
    /// <paramref name="normalization"/>; pass <see cref="PixelNormalization.None"/> for plain [0, 1].
    /// </summary>
    /// <param name="folder">Folder holding the .bin files.</param>
    /// <param name="split">Which split to load.</param>
    /// <param name="normalization">How raw bytes become floats: one mean and std, or one per channel.</param>
    /// <exception cref="FileNotFoundException">A file is missing; the message names its path.</exception>
    /// <exception cref="InvalidDataException">A file's length is not a positive multiple of
    /// 3073 bytes, or a label is above 9; the message names the file.</exception>
    public static ImageDataset Load(string folder, DatasetSplit split, PixelNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(folder);
        // Built first so that a normalisation that does not fit fails before any file is read.
        var decoder = new PixelDecoder(normalization, Channels);
        string[] paths = FileNames(split)
            .Select(name => DatasetFiles.Find(folder, $"CIFAR-10 {split} file", HowToGet, name))
            .ToArray();

        byte[][] files = paths.Select(File.ReadAllBytes).ToArray();
        long total = 0;
        for (int file = 0; file < files.Length; file++) total += RecordCount(paths[file], files[file].Length);
        if (total * SampleSize > Array.MaxLength)
        {
            throw new InvalidDataException($"{total} CIFAR-10 records in {folder} are too many to load into one array.");
        }

        var images = new float[total * SampleSize];
        var labels = new long[total];
        int sample = 0;
        for (int file = 0; file < files.Length; file++)
        {
            for (int offset = 0; offset < files[file].Length; offset += RecordSize, sample++)
            {
                labels[sample] = DecodeRecord(files[file].AsSpan(offset, RecordSize), paths[file], offset / RecordSize,
                    decoder, images.AsSpan(sample * SampleSize, SampleSize));
            }
        }
        return new ImageDataset(images, labels, Channels, ImageSize, ImageSize, normalization);
    }

    private static string[] FileNames(DatasetSplit split) => split switch
    {
        DatasetSplit.Train => ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"],
        DatasetSplit.Test => ["test_batch.bin"],
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    private static long RecordCount(string path, long length)
    {
        if (length == 0 || length % RecordSize != 0)
        {
            throw new InvalidDataException(
                $"{path}: length {length} is not a positive multiple of the {RecordSize}-byte record (1 label + {Channels}x{ImageSize}x{ImageSize} pixels).");
        }
        return length / RecordSize;
    }

    /// <summary>Decodes one record's pixels into <paramref name="image"/> and returns its label.</summary>
    private static long DecodeRecord(ReadOnlySpan<byte> record, string path, int index, PixelDecoder decoder, Span<float> image)
    {
        if (record[0] >= ClassCount)
        {
            throw new InvalidDataException($"{path}: label {record[0]} of record {index} is outside 0..{ClassCount - 1}.");
        }
        for (int c = 0; c < Channels; c++)
        {
            decoder.Decode(record.Slice(1 + c * PlaneSize, PlaneSize), c, image.Slice(c * PlaneSize, PlaneSize));
        }
        return record[0];
    }
}
