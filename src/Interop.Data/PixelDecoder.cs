namespace Interop.Data;

/// <summary>
/// Applies a <see cref="PixelNormalization"/> to raw bytes. A byte has only 256 values, so
/// each channel's results are computed once into a table and decoding is a lookup per pixel.
/// </summary>
internal sealed class PixelDecoder
{
    private readonly float[][] tables;

    public PixelDecoder(PixelNormalization normalization, int channels)
    {
        ArgumentNullException.ThrowIfNull(normalization);
        int given = normalization.Mean.Count;
        if (given != 1 && given != channels)
        {
            throw new ArgumentException(
                $"The normalisation has {given} channels; the dataset has {channels}.", nameof(normalization));
        }
        tables = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            int source = given == 1 ? 0 : c;
            tables[c] = BuildTable(normalization.Mean[source], normalization.Std[source]);
        }
    }

    public void Decode(ReadOnlySpan<byte> pixels, int channel, Span<float> destination)
    {
        float[] table = tables[channel];
        for (int i = 0; i < pixels.Length; i++) destination[i] = table[pixels[i]];
    }

    private static float[] BuildTable(float mean, float std)
    {
        var table = new float[256];
        for (int p = 0; p < table.Length; p++) table[p] = (p / 255f - mean) / std;
        return table;
    }
}
