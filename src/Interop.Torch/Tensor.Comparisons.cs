namespace Interop.Torch;

// Elementwise comparisons and bitwise operators, as PyTorch's. Each returns a new tensor, which
// the caller disposes; a loop that must allocate nothing calls the generated ops with a result
// (Torch.Lt(a, b, result), a.Gt(0, result), Torch.BitwiseAnd(m, n, result)...).
//
// == and != are deliberately NOT overloaded. On a reference type C# users read `t == null`,
// `a == b` and `a != b` as null and reference checks; an elementwise == returning a tensor turns
// `if (t != null)` into a compile error at best and, in libraries that overloaded it, into
// NullReferenceExceptions and wrong answers (NumSharp #290, TensorFlow.NET #935). Overloading it
// for Tensor/Scalar only would make `a == 1` elementwise while `a == b` stays reference equality.
// Write a.Eq(b), a.Ne(b), a.Eq(1), a.Ne(0) (generated, with result slots) for PyTorch's a == b.
public sealed partial class Tensor
{
    /// <summary>a &lt; b elementwise, broadcasting: a Bool tensor (<c>torch.lt</c>).</summary>
    public static Tensor operator <(Tensor a, Tensor b) => Torch.Lt(a, b);

    /// <summary>a &lt; b elementwise: a Bool tensor (<c>torch.lt</c>).</summary>
    public static Tensor operator <(Tensor a, Scalar b) => Torch.Lt(a, b);

    /// <summary>a &lt; b elementwise, that is b &gt; a: a Bool tensor.</summary>
    public static Tensor operator <(Scalar a, Tensor b) => Torch.Gt(b, a);

    /// <summary>a &gt; b elementwise, broadcasting: a Bool tensor (<c>torch.gt</c>).</summary>
    public static Tensor operator >(Tensor a, Tensor b) => Torch.Gt(a, b);

    /// <summary>a &gt; b elementwise: a Bool tensor (<c>torch.gt</c>).</summary>
    public static Tensor operator >(Tensor a, Scalar b) => Torch.Gt(a, b);

    /// <summary>a &gt; b elementwise, that is b &lt; a: a Bool tensor.</summary>
    public static Tensor operator >(Scalar a, Tensor b) => Torch.Lt(b, a);

    /// <summary>a &lt;= b elementwise, broadcasting: a Bool tensor (<c>torch.le</c>).</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => Torch.Le(a, b);

    /// <summary>a &lt;= b elementwise: a Bool tensor (<c>torch.le</c>).</summary>
    public static Tensor operator <=(Tensor a, Scalar b) => Torch.Le(a, b);

    /// <summary>a &lt;= b elementwise, that is b &gt;= a: a Bool tensor.</summary>
    public static Tensor operator <=(Scalar a, Tensor b) => Torch.Ge(b, a);

    /// <summary>a &gt;= b elementwise, broadcasting: a Bool tensor (<c>torch.ge</c>).</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => Torch.Ge(a, b);

    /// <summary>a &gt;= b elementwise: a Bool tensor (<c>torch.ge</c>).</summary>
    public static Tensor operator >=(Tensor a, Scalar b) => Torch.Ge(a, b);

    /// <summary>a &gt;= b elementwise, that is b &lt;= a: a Bool tensor.</summary>
    public static Tensor operator >=(Scalar a, Tensor b) => Torch.Le(b, a);

    /// <summary>
    /// a &amp; b elementwise (<c>torch.bitwise_and</c>, Python's <c>&amp;</c>): logical and for Bool
    /// tensors, bitwise for integer ones; floating tensors are rejected by libtorch.
    /// </summary>
    public static Tensor operator &(Tensor a, Tensor b) => Torch.BitwiseAnd(a, b);

    /// <summary>a &amp; b elementwise (<c>torch.bitwise_and</c>).</summary>
    public static Tensor operator &(Tensor a, Scalar b) => Torch.BitwiseAnd(a, b);

    /// <summary>a &amp; b elementwise (<c>torch.bitwise_and</c>).</summary>
    public static Tensor operator &(Scalar a, Tensor b) => Torch.BitwiseAnd(b, a);

    /// <summary>a | b elementwise (<c>torch.bitwise_or</c>, Python's <c>|</c>): logical or for Bool tensors.</summary>
    public static Tensor operator |(Tensor a, Tensor b) => Torch.BitwiseOr(a, b);

    /// <summary>a | b elementwise (<c>torch.bitwise_or</c>).</summary>
    public static Tensor operator |(Tensor a, Scalar b) => Torch.BitwiseOr(a, b);

    /// <summary>a | b elementwise (<c>torch.bitwise_or</c>).</summary>
    public static Tensor operator |(Scalar a, Tensor b) => Torch.BitwiseOr(b, a);

    /// <summary>a ^ b elementwise (<c>torch.bitwise_xor</c>, Python's <c>^</c>): logical xor for Bool tensors.</summary>
    public static Tensor operator ^(Tensor a, Tensor b) => Torch.BitwiseXor(a, b);

    /// <summary>a ^ b elementwise (<c>torch.bitwise_xor</c>).</summary>
    public static Tensor operator ^(Tensor a, Scalar b) => Torch.BitwiseXor(a, b);

    /// <summary>a ^ b elementwise (<c>torch.bitwise_xor</c>).</summary>
    public static Tensor operator ^(Scalar a, Tensor b) => Torch.BitwiseXor(b, a);

    /// <summary>~a elementwise (<c>torch.bitwise_not</c>, Python's <c>~</c>): logical not for a Bool tensor, bitwise for integers.</summary>
    public static Tensor operator ~(Tensor a) => Torch.BitwiseNot(a);
}
