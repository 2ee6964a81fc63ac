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
    // The copy made by optimizeForInference, which the predictor owns.
    private readonly NativeModule? optimized;
    private readonly long[] inputShape;
    private readonly Tensor input;
    private readonly Tensor output = new();

    /// <summary>Prepares inference for inputs of <paramref name="inputShape"/>, batch dimension first.</summary>
    /// <param name="model">The model; with <paramref name="optimizeForInference"/>, a <see cref="NativeModule"/>.</param>
    /// <param name="inputShape">The shape of every input, batch dimension first.</param>
    /// <param name="optimizeForInference">
    /// Serves <see cref="NativeModule.OptimizedForInference"/>'s copy of the model instead of the
    /// model: batch norm folded into convolutions and libtorch's other inference rewrites, outputs
    /// equal to the model's within float rounding. The copy is taken now, so the predictor does not
    /// see later training of the model.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="optimizeForInference"/> with a C# <see cref="Module"/>, whose forward libtorch cannot trace.</exception>
    public TorchPredictor(IModule model, ReadOnlySpan<long> inputShape, bool optimizeForInference = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (optimizeForInference && model is not NativeModule)
        {
            throw new ArgumentException("optimizeForInference needs a NativeModule: libtorch cannot trace a forward written in C#.", nameof(model));
        }
        this.inputShape = inputShape.ToArray();
        input = Tensor.Zeros(inputShape);
        try
        {
            if (optimizeForInference) optimized = ((NativeModule)model).OptimizedForInference(input);
            this.model = optimized ?? model;
            ModuleForward.EnsureMode(this.model, training: false);
            using (LibTorch.NoGrad()) ModuleForward.Into(this.model, input, output);
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
        optimized?.Dispose();
    }
}
