using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>a + b, broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b, Tensor? result = null) => Binary(a, b, result, &Itorch.itorch_add);

    /// <summary>a - b, broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b, Tensor? result = null) => Binary(a, b, result, &Itorch.itorch_sub);

    /// <summary>a * b elementwise, broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b, Tensor? result = null) => Binary(a, b, result, &Itorch.itorch_mul);

    /// <summary>a / b elementwise (true division: integers give floats), broadcasting.</summary>
    public static Tensor Div(Tensor a, Tensor b, Tensor? result = null) => Binary(a, b, result, &Itorch.itorch_div);

    /// <summary>a + b.</summary>
    public static Tensor Add(Tensor a, Scalar b, Tensor? result = null) => WithScalar(a, b, result, &Itorch.itorch_add_scalar);

    /// <summary>a - b.</summary>
    public static Tensor Sub(Tensor a, Scalar b, Tensor? result = null) => WithScalar(a, b, result, &Itorch.itorch_sub_scalar);

    /// <summary>a * b.</summary>
    public static Tensor Mul(Tensor a, Scalar b, Tensor? result = null) => WithScalar(a, b, result, &Itorch.itorch_mul_scalar);

    /// <summary>a / b (true division).</summary>
    public static Tensor Div(Tensor a, Scalar b, Tensor? result = null) => WithScalar(a, b, result, &Itorch.itorch_div_scalar);

    /// <summary>Matrix product with PyTorch's matmul broadcasting rules.</summary>
    public static Tensor MatMul(Tensor a, Tensor b, Tensor? result = null) => Binary(a, b, result, &Itorch.itorch_matmul);

    /// <summary>-a.</summary>
    public static Tensor Neg(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_neg);

    /// <summary>e to the a, elementwise.</summary>
    public static Tensor Exp(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_exp);

    /// <summary>Natural logarithm, elementwise.</summary>
    public static Tensor Log(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_log);

    /// <summary>Square root, elementwise.</summary>
    public static Tensor Sqrt(Tensor a, Tensor? result = null) => Unary(a, result, &Itorch.itorch_sqrt);
}
