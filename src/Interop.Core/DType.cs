namespace Interop;

/// <summary>Element type of a tensor. The values are the ones libtorch's ScalarType uses.</summary>
public enum DType
{
    /// <summary>8-bit unsigned integer (byte).</summary>
    UInt8 = 0,
    /// <summary>8-bit signed integer (sbyte).</summary>
    Int8 = 1,
    /// <summary>16-bit signed integer (short).</summary>
    Int16 = 2,
    /// <summary>32-bit signed integer (int).</summary>
    Int32 = 3,
    /// <summary>64-bit signed integer (long).</summary>
    Int64 = 4,
    /// <summary>IEEE half precision (System.Half).</summary>
    Float16 = 5,
    /// <summary>32-bit float (float).</summary>
    Float32 = 6,
    /// <summary>64-bit float (double).</summary>
    Float64 = 7,
    /// <summary>Boolean stored in one byte (bool).</summary>
    Bool = 11,
    /// <summary>bfloat16: float32's exponent with a 7-bit mantissa. No .NET element type maps to it.</summary>
    BFloat16 = 15,
}
