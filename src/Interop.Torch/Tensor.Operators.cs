namespace Interop.Torch;

// Operators for exploratory code, over the generated ops: each returns a new tensor, which the
// caller disposes. Hot loops call the ops with a result tensor instead (Torch.Add(a, b, result: r)).
public sealed partial class Tensor
{
    /// <summary>a + b, broadcasting.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Torch.Add(a, b);

    /// <summary>a - b, broadcasting.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Torch.Sub(a, b);

    /// <summary>a * b elementwise, broadcasting.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Torch.Mul(a, b);

    /// <summary>a / b elementwise (true division: integers give floats), broadcasting.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Torch.Div(a, b);

    /// <summary>a + b.</summary>
    public static Tensor operator +(Tensor a, Scalar b) => Torch.Add(a, b);

    /// <summary>a + b.</summary>
    public static Tensor operator +(Scalar a, Tensor b) => Torch.Add(b, a);

    /// <summary>a - b.</summary>
    public static Tensor operator -(Tensor a, Scalar b) => Torch.Sub(a, b);

    /// <summary>a - b.</summary>
    public static Tensor operator -(Scalar a, Tensor b) => Torch.Rsub(b, a);

    /// <summary>a * b.</summary>
    public static Tensor operator *(Tensor a, Scalar b) => Torch.Mul(a, b);

    /// <summary>a * b.</summary>
    public static Tensor operator *(Scalar a, Tensor b) => Torch.Mul(b, a);

    /// <summary>a / b (true division).</summary>
    public static Tensor operator /(Tensor a, Scalar b) => Torch.Div(a, b);

    /// <summary>-a.</summary>
    public static Tensor operator -(Tensor a) => Torch.Neg(a);
}
