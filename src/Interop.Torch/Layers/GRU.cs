namespace Interop.Torch;

/// <summary>
/// torch.nn.GRU, run by ATen's gru op. Its gates are stacked in PyTorch's order (reset, update,
/// new) in weights of 3·hiddenSize rows. The output is (L, N, D·hiddenSize) ((N, L, ...) with
/// batchFirst), D = 2 if bidirectional; the state h is (D·numLayers, N, hiddenSize).
/// <see cref="Forward(Tensor, Tensor?)"/> starts from a zero state and returns only the output;
/// <see cref="ForwardWithState"/> takes and returns the state.
/// </summary>
public sealed class GRU : RNNBase
{
    // PyTorch's zero start state, and the final state a forward that returns only the output
    // discards: result slots kept between forwards, so that such a forward allocates nothing.
    private readonly Tensor zeroState;
    private readonly Tensor discardedH;

    /// <summary>A GRU of <paramref name="numLayers"/> stacked layers.</summary>
    /// <param name="inputSize">The features of each input step.</param>
    /// <param name="hiddenSize">The features of the hidden state.</param>
    /// <param name="numLayers">The number of stacked layers, each taking the previous one's output.</param>
    /// <param name="bias">Whether the layers have bias vectors.</param>
    /// <param name="batchFirst">True: input and output are (N, L, features).</param>
    /// <param name="dropout">Dropout on every layer's output but the last's, in training mode.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    public GRU(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false)
        : base(3, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional)
    {
        zeroState = Own(new Tensor());
        discardedH = Own(new Tensor());
    }

    /// <summary>The output sequence, from a zero state; the final state is dropped (<see cref="ForwardWithState"/> returns it).</summary>
    public override Tensor Forward(Tensor input, Tensor? result = null)
    {
        RequireBatchedInput(input);
        ZeroState(input, zeroState);
        if (result is not null)
        {
            Run(input, zeroState, (result, discardedH));
            return result;
        }
        var (output, h) = Run(input, zeroState, null);
        h.Dispose();
        return output;
    }

    /// <summary>
    /// PyTorch's <c>output, h = gru(input, h0)</c>: the output sequence and the final state, from
    /// <paramref name="h0"/> or, if null, from zeros. The caller owns the two new tensors.
    /// </summary>
    public (Tensor Output, Tensor H) ForwardWithState(Tensor input, Tensor? h0 = null)
    {
        RequireBatchedInput(input);
        return Run(input, h0 ?? ZeroState(input, zeroState), null);
    }

    private (Tensor, Tensor) Run(Tensor input, Tensor state, (Tensor, Tensor)? results) =>
        Torch.Gru(input, state, FlatWeights, Bias, NumLayers, Dropout, IsTraining, Bidirectional, BatchFirst, results);
}
