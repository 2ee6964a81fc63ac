namespace Interop.Torch;

/// <summary>
/// torch.nn.GELU: x·Φ(x), Φ the standard normal distribution function; with approximate
/// "tanh", PyTorch's tanh approximation of it. No parameters.
/// </summary>
public sealed class GELU : Module
{
    private readonly string approximate;

    /// <summary>GELU, exact ("none") or its tanh approximation ("tanh").</summary>
    /// <exception cref="ArgumentException"><paramref name="approximate"/> is neither "none" nor "tanh".</exception>
    public GELU(string approximate = "none")
    {
        // Checked here rather than at the first forward, where libtorch would reject it.
        if (approximate is not ("none" or "tanh"))
        {
            throw new ArgumentException($"approximate must be \"none\" or \"tanh\", not \"{approximate}\".", nameof(approximate));
        }
        this.approximate = approximate;
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation => $"approximate='{approximate}'";

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor? result = null) => Torch.Gelu(input, approximate, result);
}
