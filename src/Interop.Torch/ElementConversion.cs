using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Interop.Torch;

/// <summary>
/// Reads an element of one dtype as a .NET value of another, the way PyTorch's <c>item()</c> and
/// <c>tolist()</c> hand out elements: a floating element is a real number, an integer element an
/// integer, a bool a bool, and the caller's type is then taken from that number as Python's
/// <c>int()</c>, <c>float()</c> and <c>bool()</c> take it. Reals become integers by truncation
/// toward zero; a value the target type cannot hold (NaN, infinity, out of range) throws
/// <see cref="OverflowException"/> rather than wrapping, and anything becomes a bool as "not zero".
/// </summary>
internal static class ElementConversion
{
    /// <summary>The element stored in <paramref name="element"/> with dtype <paramref name="source"/>, as a <typeparamref name="T"/>.</summary>
    public static T Convert<T>(ReadOnlySpan<byte> element, DType source) where T : unmanaged => source switch
    {
        DType.Float32 => FromReal<T>(MemoryMarshal.Read<float>(element)),
        DType.Float64 => FromReal<T>(MemoryMarshal.Read<double>(element)),
        DType.Float16 => FromReal<T>((double)MemoryMarshal.Read<Half>(element)),
        // bfloat16 is the upper half of a float32.
        DType.BFloat16 => FromReal<T>(BitConverter.Int32BitsToSingle(MemoryMarshal.Read<ushort>(element) << 16)),
        DType.UInt8 => FromInteger<T>(element[0]),
        DType.Int8 => FromInteger<T>((sbyte)element[0]),
        DType.Int16 => FromInteger<T>(MemoryMarshal.Read<short>(element)),
        DType.Int32 => FromInteger<T>(MemoryMarshal.Read<int>(element)),
        DType.Int64 => FromInteger<T>(MemoryMarshal.Read<long>(element)),
        DType.Bool => FromInteger<T>(element[0] != 0 ? 1 : 0),
        _ => throw new NotSupportedException($"Elements of dtype {source} cannot be read as {typeof(T).Name}."),
    };

    private static T FromReal<T>(double value) where T : unmanaged
    {
        if (typeof(T) == typeof(double)) return As<double, T>(value);
        if (typeof(T) == typeof(float)) return As<float, T>((float)value);
        if (typeof(T) == typeof(Half)) return As<Half, T>((Half)value);
        // Python's bool(nan) is True: NaN is not zero.
        if (typeof(T) == typeof(bool)) return As<bool, T>(value != 0);
        try
        {
            // A checked conversion truncates toward zero and throws for NaN, infinities and values out of range.
            checked
            {
                if (typeof(T) == typeof(long)) return As<long, T>((long)value);
                if (typeof(T) == typeof(int)) return As<int, T>((int)value);
                if (typeof(T) == typeof(short)) return As<short, T>((short)value);
                if (typeof(T) == typeof(sbyte)) return As<sbyte, T>((sbyte)value);
                if (typeof(T) == typeof(byte)) return As<byte, T>((byte)value);
            }
        }
        catch (OverflowException)
        {
            throw DoesNotFit<T>(value.ToString(CultureInfo.InvariantCulture));
        }
        throw new NotSupportedException($"No tensor element can be read as {typeof(T).Name}.");
    }

    private static T FromInteger<T>(long value) where T : unmanaged
    {
        if (typeof(T) == typeof(long)) return As<long, T>(value);
        if (typeof(T) == typeof(double)) return As<double, T>(value);
        if (typeof(T) == typeof(float)) return As<float, T>(value);
        if (typeof(T) == typeof(Half)) return As<Half, T>((Half)value);
        if (typeof(T) == typeof(bool)) return As<bool, T>(value != 0);
        try
        {
            checked
            {
                if (typeof(T) == typeof(int)) return As<int, T>((int)value);
                if (typeof(T) == typeof(short)) return As<short, T>((short)value);
                if (typeof(T) == typeof(sbyte)) return As<sbyte, T>((sbyte)value);
                if (typeof(T) == typeof(byte)) return As<byte, T>((byte)value);
            }
        }
        catch (OverflowException)
        {
            throw DoesNotFit<T>(value.ToString(CultureInfo.InvariantCulture));
        }
        throw new NotSupportedException($"No tensor element can be read as {typeof(T).Name}.");
    }

    private static OverflowException DoesNotFit<T>(string value) =>
        new($"The element {value} does not fit in {typeof(T).Name}.");

    private static T As<TFrom, T>(TFrom value) => Unsafe.As<TFrom, T>(ref value);
}
