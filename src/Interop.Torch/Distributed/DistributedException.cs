namespace Interop.Torch.Distributed;

/// <summary>
/// A collective, a rendezvous or a data-parallel step failed in c10d or Gloo: a peer died or
/// stopped answering within the process group's timeout, the store could not be reached, its
/// port was taken. The message is c10d's own.
/// </summary>
public sealed class DistributedException(TorchErrorCode code, string nativeMessage) : TorchException(code, nativeMessage)
{
    internal static void Check(int status)
    {
        if (status != 0) throw LastError(status);
    }

    // A distributed call's failure: the shim's own rejections keep their usual exceptions
    // (bad arguments, no CUDA, no Gloo in this build); whatever c10d threw becomes this.
    internal static Exception LastError(int status)
    {
        Exception error = Status.LastError(status);
        return error is TorchException { ErrorCode: TorchErrorCode.Torch or TorchErrorCode.Std or TorchErrorCode.Unknown } failure
            ? new DistributedException(failure.ErrorCode, failure.NativeMessage)
            : error;
    }
}
