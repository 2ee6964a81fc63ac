using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Torch;

/// <summary>
/// The native pointers of a list of handles (a <c>Tensor[]</c> or <c>Tensor?[]</c> argument, an
/// optimizer's parameters, a container's modules), each borrowed as <see cref="Borrowed{TNative}"/>
/// borrows one. Up to <see cref="InlineCount"/> pointers live in the struct itself, on the
/// caller's stack; longer lists use native memory.
/// </summary>
internal unsafe ref struct BorrowedList<TNative> where TNative : unmanaged
{
    public const int InlineCount = 8;

    [InlineArray(InlineCount)]
    private struct Inline
    {
        private nint first;
    }

    private Inline inline;
    private nint* external;
    private readonly ReadOnlySpan<NativeHandle?> handles;
    private int borrowed;

    public BorrowedList(ReadOnlySpan<NativeHandle?> handles)
    {
        this.handles = handles;
        if (handles.Length > InlineCount) external = (nint*)NativeMemory.Alloc((nuint)handles.Length, (nuint)sizeof(nint));
        Span<nint> pointers = external != null ? new Span<nint>(external, handles.Length) : inline;
        try
        {
            for (; borrowed < handles.Length; borrowed++) pointers[borrowed] = handles[borrowed]?.AddBorrow() ?? 0;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The pointers; valid until Dispose. A ref struct never leaves the stack, so the inline ones stay put.</summary>
    public readonly TNative** Pointers =>
        external != null ? (TNative**)external : (TNative**)Unsafe.AsPointer(ref Unsafe.AsRef(in inline[0]));

    public void Dispose()
    {
        for (int i = 0; i < borrowed; i++) handles[i]?.ReleaseBorrow();
        borrowed = 0;
        if (external != null) NativeMemory.Free(external);
        external = null;
    }
}
