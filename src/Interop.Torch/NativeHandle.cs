using System.Runtime.InteropServices;

namespace Interop.Torch;

/// <summary>
/// The owner of one native handle of the shim: a tensor slot (<see cref="Tensor"/>), a module
/// (<see cref="NativeModule"/>) or an optimizer (<see cref="Optimizer"/>). Dispose it to free the
/// handle at once; one never disposed is freed by its finalizer.
/// </summary>
public abstract unsafe class NativeHandle : SafeHandle
{
    private protected NativeHandle() : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    // Set by Dispose before it drops the handle's own reference. SafeHandle refuses new
    // references only once the count reaches zero, and borrows on other threads kept it above
    // zero: with 4 threads running ops, 78,000 to 310,000 calls that began after Dispose
    // returned still ran. This flag makes every later borrow throw at once.
    private volatile bool disposeRequested;

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        disposeRequested = true;
        base.Dispose(disposing);
    }

    // Adds a SafeHandle reference, released with ReleaseBorrow, for the length of a native call
    // or a data lease; the handle is freed only when the last one is released.
    internal nint AddBorrow()
    {
        bool added = false;
        DangerousAddRef(ref added);
        // Read after the reference is added (an interlocked exchange, a full fence): a Dispose
        // that returned before this borrow began has set the flag by then.
        if (disposeRequested)
        {
            DangerousRelease();
            throw new ObjectDisposedException(GetType().Name, $"The {GetType().Name} has been disposed.");
        }
        return handle;
    }

    internal void ReleaseBorrow() => DangerousRelease();

    // The end of every native call that makes or fills a handle: on failure the native error is
    // thrown, and a handle made for the call (not the caller's) is disposed first, so that a
    // failed call strands nothing.
    private protected void CompleteOrThrow(int status, bool madeForTheCall)
    {
        if (status == 0) return;
        Exception error = ErrorOf(status);
        if (madeForTheCall) Dispose();
        throw error;
    }

    // The exception for a failed call on this kind of handle; the distributed handles type
    // c10d's failures.
    private protected virtual Exception ErrorOf(int status) => Status.LastError(status);

    // Takes the handle a native constructor gave back, or throws its error. The managed object
    // exists before the native call, so a failure cannot strand a native handle.
    private protected void Adopt(int status, void* created)
    {
        if (status == 0) SetHandle((nint)created);
        CompleteOrThrow(status, madeForTheCall: true);
    }
}
