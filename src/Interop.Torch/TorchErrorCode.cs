namespace Interop.Torch;

/// <summary>The shim's status codes (itorch_status).</summary>
public enum TorchErrorCode
{
    /// <summary>No error.</summary>
    Ok = 0,
    /// <summary>A libtorch error (c10::Error) of no more specific kind.</summary>
    Torch = 1,
    /// <summary>An index or dimension out of range (c10::IndexError).</summary>
    Index = 2,
    /// <summary>A bad value (c10::ValueError).</summary>
    Value = 3,
    /// <summary>A wrong type (c10::TypeError).</summary>
    Type = 4,
    /// <summary>Not implemented for these inputs (c10::NotImplementedError).</summary>
    NotImplemented = 5,
    /// <summary>Host or device memory ran out.</summary>
    OutOfMemory = 6,
    /// <summary>A linear-algebra failure (c10::LinAlgError).</summary>
    LinAlg = 7,
    /// <summary>An argument the shim rejected before calling libtorch.</summary>
    InvalidArgument = 8,
    /// <summary>Another C++ standard exception.</summary>
    Std = 9,
    /// <summary>Something that was not a C++ exception type the shim knows.</summary>
    Unknown = 10,
    /// <summary>CUDA was requested of a libtorch or machine without it.</summary>
    CudaUnavailable = 11,
    /// <summary>An op the libtorch at hand lacks, or has with another signature.</summary>
    NotSupported = 12,
}
