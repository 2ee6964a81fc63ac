namespace Interop;

/// <summary>Maps .NET element types to <see cref="DType"/>.</summary>
public static class ElementType
{
    /// <summary>The dtype whose elements have the layout of <typeparamref name="T"/>.</summary>
    /// <exception cref="NotSupportedException">No dtype has that layout.</exception>
    public static DType Of<T>() where T : unmanaged
    {
        // Each test is a JIT-time constant, so this compiles to a single return.
        if (typeof(T) == typeof(float)) return DType.Float32;
        if (typeof(T) == typeof(double)) return DType.Float64;
        if (typeof(T) == typeof(long)) return DType.Int64;
        if (typeof(T) == typeof(int)) return DType.Int32;
        if (typeof(T) == typeof(short)) return DType.Int16;
        if (typeof(T) == typeof(sbyte)) return DType.Int8;
        if (typeof(T) == typeof(byte)) return DType.UInt8;
        if (typeof(T) == typeof(bool)) return DType.Bool;
        if (typeof(T) == typeof(Half)) return DType.Float16;
        throw new NotSupportedException($"No tensor dtype holds elements of type {typeof(T).Name}.");
    }

    /// <summary>Size of one element in bytes.</summary>
    public static int SizeOf(DType dtype) => dtype switch
    {
        DType.UInt8 or DType.Int8 or DType.Bool => 1,
        DType.Int16 or DType.Float16 or DType.BFloat16 => 2,
        DType.Int32 or DType.Float32 => 4,
        DType.Int64 or DType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Unknown dtype."),
    };

    /// <summary>True for the integer types and bool.</summary>
    public static bool IsIntegral(DType dtype) =>
        dtype is DType.UInt8 or DType.Int8 or DType.Int16 or DType.Int32 or DType.Int64 or DType.Bool;
}
