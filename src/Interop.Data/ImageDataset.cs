namespace Interop.Data;

/// <summary>
/// Decoded images and their class labels in plain managed arrays, ready to be copied batch by
/// batch into a training loop's buffers. Images are stored sample after sample, each one
/// channel-major (CHW), already normalised as <see cref="Normalization"/> says.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Wraps decoded arrays without copying them.</summary>
    /// <exception cref="ArgumentException"><paramref name="images"/> does not hold exactly
    /// <c>labels.Length * channels * height * width</c> floats.</exception>
    public ImageDataset(float[] images, long[] labels, int channels, int height, int width, PixelNormalization normalization)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(normalization);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        long sampleSize = (long)channels * height * width;
        if (images.LongLength != labels.LongLength * sampleSize)
        {
            throw new ArgumentException(
                $"{labels.Length} samples of {channels}x{height}x{width} need {labels.LongLength * sampleSize} floats; got {images.Length}.",
                nameof(images));
        }
        Images = images;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Normalization = normalization;
    }

    /// <summary>All samples' pixels, <c>Count x Channels x Height x Width</c>, row-major.</summary>
    public float[] Images { get; }

    /// <summary>Each sample's class index.</summary>
    public long[] Labels { get; }

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Channels per image (1 for grey, 3 for RGB).</summary>
    public int Channels { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Floats per sample: <c>Channels * Height * Width</c>.</summary>
    public int SampleSize => Channels * Height * Width;

    /// <summary>The mapping from raw bytes to the floats in <see cref="Images"/>.</summary>
    public PixelNormalization Normalization { get; }

    /// <summary>
    /// Copies the samples at <paramref name="indices"/>, in that order, into
    /// <paramref name="images"/> (<c>indices.Length * SampleSize</c> floats) and
    /// <paramref name="labels"/> (<c>indices.Length</c> values). Allocates nothing, so a
    /// training loop can call it every step.
    /// </summary>
    /// <exception cref="ArgumentException">A destination is not exactly the batch's size.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    public void CopyBatch(ReadOnlySpan<int> indices, Span<float> images, Span<long> labels)
    {
        int sampleSize = SampleSize;
        if (images.Length != (long)indices.Length * sampleSize)
        {
            throw new ArgumentException(
                $"A batch of {indices.Length} needs {(long)indices.Length * sampleSize} floats; the destination holds {images.Length}.",
                nameof(images));
        }
        if (labels.Length != indices.Length)
        {
            throw new ArgumentException(
                $"A batch of {indices.Length} needs {indices.Length} labels; the destination holds {labels.Length}.",
                nameof(labels));
        }
        for (int i = 0; i < indices.Length; i++)
        {
            int index = indices[i];
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), index, $"Index {i} of the batch is outside [0, {Count}).");
            }
            Images.AsSpan(index * sampleSize, sampleSize).CopyTo(images.Slice(i * sampleSize, sampleSize));
            labels[i] = Labels[index];
        }
    }

    /// <summary>A copy of the first <paramref name="count"/> samples, for quick runs and tests.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or above <see cref="Count"/>.</exception>
    public ImageDataset Subset(int count) => Subset(0, count);

    /// <summary>A copy of <paramref name="count"/> samples from <paramref name="start"/> on, such as a validation split.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside the dataset.</exception>
    public ImageDataset Subset(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count - start);
        return new ImageDataset(Images[(start * SampleSize)..((start + count) * SampleSize)], Labels[start..(start + count)],
            Channels, Height, Width, Normalization);
    }
}
