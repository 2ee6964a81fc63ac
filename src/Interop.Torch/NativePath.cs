namespace Interop.Torch;

/// <summary>File paths as the shim takes them.</summary>
internal static class NativePath
{
    /// <summary>The path as null-terminated UTF-8, what the shim's <c>const char* path</c> parameters expect.</summary>
    public static byte[] ToUtf8(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return NativeText.ToUtf8(path, nameof(path));
    }

    /// <summary>Throws <see cref="FileNotFoundException"/> naming the path when no file is there.</summary>
    public static void RequireFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No such file: '{path}'.", path);
    }
}
