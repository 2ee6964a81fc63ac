using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The native pointers of a list of tensors (<c>Tensor[]</c>, <c>Tensor?[]</c> arguments), each
/// borrowed as <see cref="Borrowed"/> borrows one. Up to <see cref="InlineCount"/> pointers live
/// in the struct itself, on the caller's stack; longer lists use native memory.
/// </summary>
internal unsafe ref struct BorrowedList
{
    public const int InlineCount = 8;

    [InlineArray(InlineCount)]
    private struct Inline
    {
        private nint first;
    }

    private Inline inline;
    private nint* external;
    private readonly ReadOnlySpan<Tensor?> tensors;
    private int borrowed;

    public BorrowedList(ReadOnlySpan<Tensor?> tensors)
    {
        this.tensors = tensors;
        if (tensors.Length > InlineCount) external = (nint*)NativeMemory.Alloc((nuint)tensors.Length, (nuint)sizeof(nint));
        Span<nint> pointers = external != null ? new Span<nint>(external, tensors.Length) : inline;
        try
        {
            for (; borrowed < tensors.Length; borrowed++)
            {
                Tensor? tensor = tensors[borrowed];
                tensor?.AddBorrow();
                pointers[borrowed] = tensor is null ? 0 : tensor.DangerousGetHandle();
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The pointers; valid until Dispose. A ref struct never leaves the stack, so the inline ones stay put.</summary>
    public readonly itorch_tensor** Pointers =>
        external != null ? (itorch_tensor**)external : (itorch_tensor**)Unsafe.AsPointer(ref Unsafe.AsRef(in inline[0]));

    public void Dispose()
    {
        for (int i = 0; i < borrowed; i++) tensors[i]?.DangerousRelease();
        borrowed = 0;
        if (external != null) NativeMemory.Free(external);
        external = null;
    }
}
