using System.Text;

namespace Interop.Torch;

/// <summary>Strings as the shim takes them: null-terminated UTF-8 (<c>const char*</c>).</summary>
internal static class NativeText
{
    /// <summary>
    /// <paramref name="value"/> as null-terminated UTF-8. A string with a null character in it
    /// is rejected: the shim would read it only up to that character and act on another string
    /// (a zoo name "simple_nn\0x" would build simple_nn, a path would open another file).
    /// </summary>
    /// <exception cref="ArgumentException">The string contains a null character.</exception>
    public static byte[] ToUtf8(string value, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        int nul = value.IndexOf('\0');
        if (nul >= 0)
        {
            throw new ArgumentException($"The string contains a null character (at index {nul}), which the native library cannot take.", parameterName);
        }
        var utf8 = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, utf8);
        return utf8;
    }
}
