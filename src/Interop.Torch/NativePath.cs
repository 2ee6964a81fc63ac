using System.Text;

namespace Interop.Torch;

/// <summary>File paths as the shim takes them.</summary>
internal static class NativePath
{
    /// <summary>The path as null-terminated UTF-8, what the shim's <c>const char* path</c> parameters expect.</summary>
    public static byte[] ToUtf8(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // The shim would read the path only up to the first null and open another file.
        if (path.Contains('\0')) throw new ArgumentException("The path contains a null character.", nameof(path));
        var utf8 = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, utf8);
        return utf8;
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> naming the path when no file is there.</summary>
    public static void RequireFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: '{path}'.", path);
    }
}
