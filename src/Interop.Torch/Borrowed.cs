namespace Interop.Torch;

/// <summary>
/// A handle's native pointer held for one call. It adds a reference to the SafeHandle, so a
/// concurrent Dispose cannot free the handle mid-call; a disposed handle throws
/// ObjectDisposedException here instead of reaching native code, also while other threads
/// still hold borrows (<see cref="NativeHandle.AddBorrow"/>).
/// </summary>
internal readonly unsafe ref struct Borrowed<TNative> where TNative : unmanaged
{
    private readonly NativeHandle? owner;

    public Borrowed(NativeHandle? owner)
    {
        if (owner is null) return;
        Pointer = (TNative*)owner.AddBorrow();
        this.owner = owner;
    }

    /// <summary>The handle, or null for an absent optional argument.</summary>
    public TNative* Pointer { get; }

    public void Dispose() => owner?.ReleaseBorrow();
}
