using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>The one choke point where native statuses become managed exceptions.</summary>
internal static class Status
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(int status)
    {
        if (status != 0) Throw(status);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(int status) => throw LastError(status);

    /// <summary>Reads the calling thread's native error; call it before any other native call.</summary>
    public static unsafe Exception LastError(int status)
    {
        string message = Marshal.PtrToStringUTF8((nint)Itorch.itorch_last_error_message()) ?? "";
        return Error(status, message);
    }

    /// <summary>The exception for a failure status and its native message.</summary>
    public static Exception Error(int status, string message)
    {
        return (TorchErrorCode)status switch
        {
            TorchErrorCode.Index => new TorchIndexException(message),
            TorchErrorCode.Value => new TorchValueException(message),
            TorchErrorCode.Type => new TorchTypeException(message),
            TorchErrorCode.NotImplemented => new TorchNotImplementedException(message),
            TorchErrorCode.LinAlg => new TorchLinAlgException(message),
            TorchErrorCode.OutOfMemory => new TorchOutOfMemoryException(message),
            TorchErrorCode.InvalidArgument => new TorchArgumentException(message),
            TorchErrorCode.CudaUnavailable => new CudaUnavailableException(message),
            TorchErrorCode.NotSupported => new TorchNotSupportedException(message),
            _ => new TorchException((TorchErrorCode)status, message),
        };
    }
}
