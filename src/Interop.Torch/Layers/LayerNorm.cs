namespace Interop.Torch;

/// <summary>
/// torch.nn.LayerNorm: normalizes each sample over its last dimensions (those of
/// <c>normalizedShape</c>) to zero mean and unit variance, then scales by <c>weight</c> and shifts
/// by <c>bias</c>, both of that shape, initialised to ones and zeros as in PyTorch.
/// </summary>
public sealed class LayerNorm : Module
{
    private readonly long[] normalizedShape;
    private readonly double eps;
    private readonly Tensor? weight;
    private readonly Tensor? bias;

    /// <summary>A layer norm over the last dimensions, of sizes <paramref name="normalizedShape"/>.</summary>
    /// <param name="normalizedShape">The sizes of the normalized trailing dimensions.</param>
    /// <param name="eps">Added to the variance, for numerical stability.</param>
    /// <param name="elementwiseAffine">False: no weight and bias, as PyTorch's <c>elementwise_affine=False</c>.</param>
    public LayerNorm(ReadOnlySpan<long> normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
    {
        if (normalizedShape.IsEmpty) throw new ArgumentException("The normalized shape needs at least one dimension.", nameof(normalizedShape));
        this.normalizedShape = normalizedShape.ToArray();
        this.eps = eps;
        if (!elementwiseAffine) return;
        weight = RegisterParameter("weight", Torch.Ones(normalizedShape));
        bias = RegisterParameter("bias", Torch.Zeros(normalizedShape));
    }

    /// <summary>A layer norm over the last dimension, of size <paramref name="normalizedShape"/>.</summary>
    public LayerNorm(long normalizedShape, double eps = 1e-5, bool elementwiseAffine = true)
        : this([normalizedShape], eps, elementwiseAffine)
    {
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation =>
        $"({string.Join(", ", normalizedShape)}{(normalizedShape.Length == 1 ? "," : "")}), eps={PythonFloat(eps)}, elementwise_affine={PythonBool(weight is not null)}";

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor? result = null) =>
        Torch.LayerNorm(input, normalizedShape, weight, bias, eps, result: result);
}
