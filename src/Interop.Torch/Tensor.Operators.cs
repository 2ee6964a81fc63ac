namespace Interop.Torch;

// Operators for exploratory code: each returns a new tensor, which the caller disposes.
// Hot loops use the static ops with a result tensor instead.
public sealed partial class Tensor
{
    /// <summary>a + b.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

    /// <summary>a - b.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);

    /// <summary>a * b elementwise.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);

    /// <summary>a / b elementwise.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);

    /// <summary>a + b.</summary>
    public static Tensor operator +(Tensor a, Scalar b) => Add(a, b);

    /// <summary>a + b.</summary>
    public static Tensor operator +(Scalar a, Tensor b) => Add(b, a);

    /// <summary>a - b.</summary>
    public static Tensor operator -(Tensor a, Scalar b) => Sub(a, b);

    /// <summary>a - b.</summary>
    public static Tensor operator -(Scalar a, Tensor b)
    {
        Tensor negated = Neg(b);
        try
        {
            return Add(negated, a, negated);
        }
        catch
        {
            negated.Dispose();
            throw;
        }
    }

    /// <summary>a * b.</summary>
    public static Tensor operator *(Tensor a, Scalar b) => Mul(a, b);

    /// <summary>a * b.</summary>
    public static Tensor operator *(Scalar a, Tensor b) => Mul(b, a);

    /// <summary>a / b.</summary>
    public static Tensor operator /(Tensor a, Scalar b) => Div(a, b);

    /// <summary>-a.</summary>
    public static Tensor operator -(Tensor a) => Neg(a);
}
