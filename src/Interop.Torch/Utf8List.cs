using System.Runtime.InteropServices;

namespace Interop.Torch;

/// <summary>A list of strings (<c>Dimname[]</c> arguments) as null-terminated UTF-8, for one call.</summary>
internal unsafe ref struct Utf8List
{
    private byte** pointers;
    private int count;

    public Utf8List(ReadOnlySpan<string> values, string parameterName)
    {
        if (values.IsEmpty) return;
        pointers = (byte**)NativeMemory.AllocZeroed((nuint)values.Length, (nuint)sizeof(byte*));
        try
        {
            for (; count < values.Length; count++)
            {
                byte[] utf8 = NativeText.ToUtf8(values[count], parameterName);
                pointers[count] = (byte*)NativeMemory.Alloc((nuint)utf8.Length);
                utf8.CopyTo(new Span<byte>(pointers[count], utf8.Length));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The strings; null for an empty list (None). Valid until Dispose.</summary>
    public readonly byte** Pointers => pointers;

    public void Dispose()
    {
        if (pointers == null) return;
        for (int i = 0; i < count; i++) NativeMemory.Free(pointers[i]);
        NativeMemory.Free(pointers);
        pointers = null;
    }
}
