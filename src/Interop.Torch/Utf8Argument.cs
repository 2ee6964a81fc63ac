using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Interop.Torch;

/// <summary>
/// A string argument of an op (<c>str</c>, <c>Dimname</c>) as null-terminated UTF-8, for one call.
/// Short strings (reduction modes, <c>"tanh"</c>) are encoded on the caller's stack, so ops
/// taking them allocate nothing; null stays a null pointer (None).
/// </summary>
internal unsafe ref struct Utf8Argument
{
    private const int InlineBytes = 64;

    [InlineArray(InlineBytes)]
    private struct Inline
    {
        private byte first;
    }

    private Inline inline;
    private byte* external;
    private readonly bool present;

    public Utf8Argument(string? value, string parameterName)
    {
        if (value is null) return;
        if (value.Contains('\0'))
        {
            throw new ArgumentException("The string contains a null character, which the native library cannot take.", parameterName);
        }
        present = true;
        int length = Encoding.UTF8.GetByteCount(value);
        if (length >= InlineBytes) external = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Span<byte> bytes = external != null ? new Span<byte>(external, length + 1) : inline;
        Encoding.UTF8.GetBytes(value, bytes);
        bytes[length] = 0;
    }

    /// <summary>The string; valid until Dispose. A ref struct never leaves the stack, so the inline bytes stay put.</summary>
    public readonly byte* Pointer =>
        !present ? null : external != null ? external : (byte*)Unsafe.AsPointer(ref Unsafe.AsRef(in inline[0]));

    public void Dispose()
    {
        if (external != null) NativeMemory.Free(external);
        external = null;
    }
}
