using System.Buffers.Binary;
using System.IO.Compression;

namespace Interop.Data.Tests;

/// <summary>Writes IDX files as the tests need them, well-formed or deliberately broken.</summary>
internal static class IdxWriter
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    /// <summary>The IDX bytes: magic, big-endian dimensions, then <paramref name="data"/> as given
    /// (which may disagree with the dimensions, to test truncation).</summary>
    public static byte[] Encode(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * d), dimensions[d]);
        }
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    /// <summary>Writes <paramref name="bytes"/> gzip-compressed, as Debian ships the files.</summary>
    public static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }

    /// <summary>Writes a well-formed gzip pair <c>{prefix}-images-idx3-ubyte.gz</c> / <c>{prefix}-labels-idx1-ubyte.gz</c>.</summary>
    public static void WriteSplit(string folder, string prefix, byte[] pixels, byte[] labels, int height = 28, int width = 28)
    {
        WriteGzip(ImagesPath(folder, prefix), Encode(ImagesMagic, [labels.Length, height, width], pixels));
        WriteGzip(LabelsPath(folder, prefix), Encode(LabelsMagic, [labels.Length], labels));
    }

    public static string ImagesPath(string folder, string prefix) => Path.Combine(folder, $"{prefix}-images-idx3-ubyte.gz");

    public static string LabelsPath(string folder, string prefix) => Path.Combine(folder, $"{prefix}-labels-idx1-ubyte.gz");
}
