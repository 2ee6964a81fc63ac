namespace Interop.Torch;

/// <summary>
/// What <see cref="LSTM"/> and <see cref="GRU"/> share, as PyTorch's RNNBase: the weights of
/// every layer and direction under PyTorch's names (weight_ih_l0, weight_hh_l0, bias_ih_l0,
/// bias_hh_l0, with "_reverse" for the backward direction of a bidirectional layer), all drawn
/// uniform in ±1/√hiddenSize as PyTorch's <c>reset_parameters</c> draws them, and kept in the
/// order in which ATen's lstm and gru ops take them. Input is (L, N, inputSize), or
/// (N, L, inputSize) with batchFirst; unbatched (L, inputSize) input is not taken: add a batch
/// dimension of 1. PyTorch's <c>proj_size</c> is not offered.
/// </summary>
public abstract class RNNBase : Module
{
    private protected RNNBase(int gates, long inputSize, long hiddenSize, long numLayers, bool bias, bool batchFirst,
        double dropout, bool bidirectional)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hiddenSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numLayers);
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must lie in [0, 1].");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        Bias = bias;
        BatchFirst = batchFirst;
        Dropout = dropout;
        Bidirectional = bidirectional;
        double bound = 1 / Math.Sqrt(hiddenSize);
        var weights = new List<Tensor>();
        for (long layer = 0; layer < numLayers; layer++)
        {
            long layerInput = layer == 0 ? inputSize : hiddenSize * Directions;
            for (int direction = 0; direction < Directions; direction++)
            {
                string suffix = direction == 0 ? $"_l{layer}" : $"_l{layer}_reverse";
                weights.Add(Uniform("weight_ih" + suffix, [gates * hiddenSize, layerInput], bound));
                weights.Add(Uniform("weight_hh" + suffix, [gates * hiddenSize, hiddenSize], bound));
                if (!bias) continue;
                weights.Add(Uniform("bias_ih" + suffix, [gates * hiddenSize], bound));
                weights.Add(Uniform("bias_hh" + suffix, [gates * hiddenSize], bound));
            }
        }
        FlatWeights = [.. weights];
    }

    /// <summary>The number of features of each input step.</summary>
    public long InputSize { get; }

    /// <summary>The number of features of the hidden state.</summary>
    public long HiddenSize { get; }

    /// <summary>The number of stacked layers.</summary>
    public long NumLayers { get; }

    /// <summary>Whether the layers have the bias_ih and bias_hh vectors.</summary>
    public bool Bias { get; }

    /// <summary>True: input and output are (N, L, features) rather than (L, N, features); the state is (layers · directions, N, hidden) either way.</summary>
    public bool BatchFirst { get; }

    /// <summary>The probability of dropout on each layer's output but the last, in training mode.</summary>
    public double Dropout { get; }

    /// <summary>Whether each layer also runs over the sequence backwards, doubling the output's features.</summary>
    public bool Bidirectional { get; }

    private protected long Directions => Bidirectional ? 2 : 1;

    /// <summary>The parameters in ATen's order: per layer and direction w_ih, w_hh, then b_ih, b_hh if there are biases.</summary>
    private protected Tensor[] FlatWeights { get; }

    /// <summary>Rejects input that is not a batch of sequences, which ATen would report less clearly.</summary>
    private protected void RequireBatchedInput(Tensor input)
    {
        if (input.Dim != 3 || input.Size(2) != InputSize)
        {
            string layout = BatchFirst ? "(N, L, inputSize)" : "(L, N, inputSize)";
            throw new ArgumentException($"{GetType().Name} takes input of shape {layout} with inputSize {InputSize}, not [{string.Join(", ", input.Shape)}].", nameof(input));
        }
    }

    /// <summary>PyTorch's state when none is given: zeros of (layers · directions, N, hidden), in the input's dtype and device.</summary>
    private protected Tensor ZeroState(Tensor input, Tensor? result = null) =>
        Torch.Zeros([NumLayers * Directions, input.Size(BatchFirst ? 0 : 1), HiddenSize], input.DType, device: input.Device, result: result);

    private Tensor Uniform(string name, ReadOnlySpan<long> shape, double bound) =>
        RegisterParameter(name, Torch.Empty(shape).UniformInPlace(-bound, bound));
}
