using System.Buffers.Binary;
using System.IO.Compression;

namespace Interop.Data;

/// <summary>
/// Reads IDX files of unsigned bytes, the format MNIST and Fashion-MNIST ship in: a magic
/// number <c>0x000008NN</c> (0x08 = unsigned byte, NN = number of dimensions), NN big-endian
/// 32-bit dimension sizes, then the data row-major. Files ending in .gz are decompressed.
/// </summary>
internal static class IdxFile
{
    private const int UnsignedByteType = 0x08;

    /// <summary>Reads a file that must hold an unsigned-byte array of <paramref name="rank"/> dimensions.</summary>
    /// <exception cref="InvalidDataException">The magic number is wrong, the file is shorter or
    /// longer than its header says, or its gzip stream is corrupt; the message names the file.</exception>
    public static (int[] Dimensions, byte[] Data) Read(string path, int rank)
    {
        using Stream file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : file;

        Span<byte> word = stackalloc byte[4];
        int expectedMagic = UnsignedByteType << 8 | rank;
        ReadHeaderWord(stream, word, path, "magic number");
        int magic = BinaryPrimitives.ReadInt32BigEndian(word);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"{path}: magic number 0x{magic:X8} is not 0x{expectedMagic:X8} (IDX unsigned bytes, {rank} dimensions).");
        }

        var dimensions = new int[rank];
        long length = 1;
        for (int d = 0; d < rank; d++)
        {
            ReadHeaderWord(stream, word, path, $"size of dimension {d}");
            uint size = BinaryPrimitives.ReadUInt32BigEndian(word);
            length *= size;
            if (size > int.MaxValue || length > Array.MaxLength)
            {
                throw new InvalidDataException($"{path}: dimension {d} of size {size} makes the array too large to load.");
            }
            dimensions[d] = (int)size;
        }

        var data = new byte[length];
        int read = ReadUpTo(stream, data, path);
        if (read < data.Length)
        {
            throw new InvalidDataException(
                $"{path}: truncated; the header ({string.Join("x", dimensions)}) promises {data.Length} data bytes, the file holds {read}.");
        }
        if (ReadUpTo(stream, word[..1], path) != 0)
        {
            throw new InvalidDataException(
                $"{path}: holds more than the {data.Length} data bytes its header ({string.Join("x", dimensions)}) promises.");
        }
        return (dimensions, data);
    }

    private static void ReadHeaderWord(Stream stream, Span<byte> word, string path, string what)
    {
        if (ReadUpTo(stream, word, path) < word.Length)
        {
            throw new InvalidDataException($"{path}: truncated in the header, before the end of the {what}.");
        }
    }

    private static int ReadUpTo(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            // GZipStream's own message does not say which file is corrupt.
            throw new InvalidDataException($"{path}: corrupt gzip data: {e.Message}", e);
        }
    }
}
