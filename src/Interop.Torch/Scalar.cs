using System.Globalization;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// A number passed to an op. Integers stay integers: an Int64 tensor plus 2 is an Int64
/// tensor, while plus 2.0 is a float tensor, as in PyTorch.
/// </summary>
public readonly struct Scalar
{
    internal readonly itorch_scalar Native;

    private Scalar(itorch_scalar native) => Native = native;

    internal static Scalar FromNative(itorch_scalar native) => new(native);

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(long value) => new(new itorch_scalar { integer = value, kind = (int)itorch_scalar_kind.ITORCH_SCALAR_INT });

    /// <summary>An integer scalar.</summary>
    public static implicit operator Scalar(int value) => (long)value;

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(double value) => new(new itorch_scalar { real = value, kind = (int)itorch_scalar_kind.ITORCH_SCALAR_FLOAT });

    /// <summary>A floating-point scalar.</summary>
    public static implicit operator Scalar(float value) => (double)value;

    /// <summary>A boolean scalar.</summary>
    public static implicit operator Scalar(bool value) => new(new itorch_scalar { integer = value ? 1 : 0, kind = (int)itorch_scalar_kind.ITORCH_SCALAR_BOOL });

    /// <summary>True for integer and boolean scalars.</summary>
    public bool IsIntegral => Native.kind != (int)itorch_scalar_kind.ITORCH_SCALAR_FLOAT;

    /// <summary>The dtype PyTorch gives a tensor filled with this value.</summary>
    internal DType DefaultDType => (itorch_scalar_kind)Native.kind switch
    {
        itorch_scalar_kind.ITORCH_SCALAR_INT => DType.Int64,
        itorch_scalar_kind.ITORCH_SCALAR_BOOL => DType.Bool,
        _ => DType.Float32,
    };

    /// <inheritdoc/>
    public override string ToString() => (itorch_scalar_kind)Native.kind switch
    {
        itorch_scalar_kind.ITORCH_SCALAR_INT => Native.integer.ToString(CultureInfo.InvariantCulture),
        itorch_scalar_kind.ITORCH_SCALAR_BOOL => Native.integer != 0 ? "true" : "false",
        _ => Native.real.ToString(CultureInfo.InvariantCulture),
    };
}
