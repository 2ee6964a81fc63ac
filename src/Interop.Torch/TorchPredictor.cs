namespace Interop.Torch;

/// <summary>
/// The inference loop: a model in evaluation mode, run without autograd, with its input
/// and output preallocated. Each call copies the caller's input in and the result out and
/// allocates nothing managed. Every call runs the model in evaluation mode, switching it back
/// if a <see cref="TorchTrainer"/> over the same model left it in training mode. One predictor
/// serves one thread at a time; several predictors may share a model and run on different
/// threads at once, but not while a trainer trains that model.
/// </summary>
public sealed class TorchPredictor : IDisposable
{
    private readonly IModule model;
    private readonly long[] inputShape;
    private readonly Tensor input;
    private readonly Tensor output = new();

    /// <summary>Prepares inference for inputs of <paramref name="inputShape"/>, batch dimension first.</summary>
    public TorchPredictor(IModule model, ReadOnlySpan<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.inputShape = inputShape.ToArray();
        input = Tensor.Zeros(inputShape);
        try
        {
            ModuleForward.EnsureMode(model, training: false);
            using (LibTorch.NoGrad()) ModuleForward.Into(model, input, output);
        }
        catch
        {
            // A shape the model rejects must not strand the buffers until the finalizer runs.
            Dispose();
            throw;
        }
        OutputShape = output.Shape;
        OutputLength = output.Numel;
    }

    /// <summary>Elements one call takes in.</summary>
    public long InputLength => input.Numel;

    /// <summary>Elements one call writes out.</summary>
    public long OutputLength { get; }

    /// <summary>The output's shape, batch dimension first.</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>Runs the model on <paramref name="inputs"/> (row-major, the input shape) and writes its output into <paramref name="outputs"/>.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the expected shape.</exception>
    public void Predict(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        if (inputs.Length != InputLength)
        {
            throw new ArgumentException(
                $"The model expects input of shape [{string.Join(", ", inputShape)}] ({InputLength} values) but got {inputs.Length} values.",
                nameof(inputs));
        }
        if (outputs.Length != OutputLength)
        {
            throw new ArgumentException(
                $"The output has shape [{string.Join(", ", OutputShape)}] ({OutputLength} values) but the span holds {outputs.Length}.",
                nameof(outputs));
        }
        input.CopyFrom(inputs);
        ModuleForward.EnsureMode(model, training: false);
        using (LibTorch.NoGrad()) ModuleForward.Into(model, input, output);
        output.CopyTo(outputs);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        input.Dispose();
        output.Dispose();
    }
}
