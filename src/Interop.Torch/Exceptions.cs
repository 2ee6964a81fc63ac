namespace Interop.Torch;

/// <summary>What every exception raised from a failed native call carries.</summary>
public interface ITorchError
{
    /// <summary>The shim's status code.</summary>
    TorchErrorCode ErrorCode { get; }

    /// <summary>The native message, as libtorch or the shim wrote it.</summary>
    string NativeMessage { get; }
}

/// <summary>A libtorch call failed. The message is libtorch's own.</summary>
public class TorchException(TorchErrorCode code, string nativeMessage)
    : Exception(nativeMessage), ITorchError
{
    /// <inheritdoc/>
    public TorchErrorCode ErrorCode { get; } = code;

    /// <inheritdoc/>
    public string NativeMessage { get; } = nativeMessage;
}

/// <summary>An index or dimension was out of range.</summary>
public sealed class TorchIndexException(string nativeMessage) : TorchException(TorchErrorCode.Index, nativeMessage);

/// <summary>An argument had a bad value.</summary>
public sealed class TorchValueException(string nativeMessage) : TorchException(TorchErrorCode.Value, nativeMessage);

/// <summary>An argument had the wrong dtype or type.</summary>
public sealed class TorchTypeException(string nativeMessage) : TorchException(TorchErrorCode.Type, nativeMessage);

/// <summary>libtorch does not implement the operation for these inputs.</summary>
public sealed class TorchNotImplementedException(string nativeMessage)
    : TorchException(TorchErrorCode.NotImplemented, nativeMessage);

/// <summary>A linear-algebra routine failed.</summary>
public sealed class TorchLinAlgException(string nativeMessage) : TorchException(TorchErrorCode.LinAlg, nativeMessage);

/// <summary>CUDA was requested of a libtorch or machine that has none.</summary>
public sealed class CudaUnavailableException(string nativeMessage)
    : TorchException(TorchErrorCode.CudaUnavailable, nativeMessage);

/// <summary>
/// The op is not in the libtorch the shim was built against, or has another signature there; the
/// message names the libtorch versions that have it.
/// </summary>
public sealed class TorchNotSupportedException(string nativeMessage)
    : TorchException(TorchErrorCode.NotSupported, nativeMessage);

/// <summary>Host or device memory ran out inside libtorch.</summary>
public sealed class TorchOutOfMemoryException(string nativeMessage) : OutOfMemoryException(nativeMessage), ITorchError
{
    /// <inheritdoc/>
    public TorchErrorCode ErrorCode => TorchErrorCode.OutOfMemory;

    /// <inheritdoc/>
    public string NativeMessage { get; } = nativeMessage;
}

/// <summary>The shim rejected an argument (a null or empty tensor, a buffer of the wrong size...).</summary>
public sealed class TorchArgumentException(string nativeMessage) : ArgumentException(nativeMessage), ITorchError
{
    /// <inheritdoc/>
    public TorchErrorCode ErrorCode => TorchErrorCode.InvalidArgument;

    /// <inheritdoc/>
    public string NativeMessage { get; } = nativeMessage;
}
