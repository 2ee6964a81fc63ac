namespace Interop.Torch;

/// <summary>
/// torch.nn.LSTM, run by ATen's lstm op. Its gates are stacked in PyTorch's order (input, forget,
/// cell, output) in weights of 4·hiddenSize rows. The output is (L, N, D·hiddenSize) ((N, L, ...)
/// with batchFirst), D = 2 if bidirectional; the state (h, c) is two tensors of
/// (D·numLayers, N, hiddenSize). <see cref="Forward(Tensor, Tensor?)"/> starts from a zero state
/// and returns only the output; <see cref="ForwardWithState"/> takes and returns the state.
/// </summary>
public sealed class LSTM : RNNBase
{
    // PyTorch's zero start state, and the final state a forward that returns only the output
    // discards: result slots kept between forwards, so that such a forward allocates nothing.
    private readonly Tensor[] zeroState;
    private readonly Tensor discardedH;
    private readonly Tensor discardedC;

    /// <summary>An LSTM of <paramref name="numLayers"/> stacked layers.</summary>
    /// <param name="inputSize">The features of each input step.</param>
    /// <param name="hiddenSize">The features of the hidden and cell states.</param>
    /// <param name="numLayers">The number of stacked layers, each taking the previous one's output.</param>
    /// <param name="bias">Whether the layers have bias vectors.</param>
    /// <param name="batchFirst">True: input and output are (N, L, features).</param>
    /// <param name="dropout">Dropout on every layer's output but the last's, in training mode.</param>
    /// <param name="bidirectional">Whether each layer also runs backwards over the sequence.</param>
    public LSTM(long inputSize, long hiddenSize, long numLayers = 1, bool bias = true, bool batchFirst = false,
        double dropout = 0, bool bidirectional = false)
        : base(4, inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional)
    {
        zeroState = [Own(new Tensor()), Own(new Tensor())];
        discardedH = Own(new Tensor());
        discardedC = Own(new Tensor());
    }

    /// <summary>The output sequence, from a zero state; the final state is dropped (<see cref="ForwardWithState"/> returns it).</summary>
    public override Tensor Forward(Tensor input, Tensor? result = null)
    {
        RequireBatchedInput(input);
        ZeroState(input, zeroState[0]);
        ZeroState(input, zeroState[1]);
        if (result is not null)
        {
            Run(input, zeroState, (result, discardedH, discardedC));
            return result;
        }
        var (output, h, c) = Run(input, zeroState, null);
        h.Dispose();
        c.Dispose();
        return output;
    }

    /// <summary>
    /// PyTorch's <c>output, (h, c) = lstm(input, state)</c>: the output sequence and the final
    /// state, from <paramref name="state"/> or, if null, from zeros. The caller owns the three new tensors.
    /// </summary>
    public (Tensor Output, (Tensor H, Tensor C) State) ForwardWithState(Tensor input, (Tensor H, Tensor C)? state = null)
    {
        RequireBatchedInput(input);
        (Tensor h0, Tensor c0) = state ?? (ZeroState(input, zeroState[0]), ZeroState(input, zeroState[1]));
        var (output, h, c) = Run(input, [h0, c0], null);
        return (output, (h, c));
    }

    private (Tensor, Tensor, Tensor) Run(Tensor input, ReadOnlySpan<Tensor> state, (Tensor, Tensor, Tensor)? results) =>
        Torch.Lstm(input, state, FlatWeights, Bias, NumLayers, Dropout, IsTraining, Bidirectional, BatchFirst, results);
}
