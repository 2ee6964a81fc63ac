namespace Interop.Torch;

/// <summary>
/// torch.nn.Embedding: a lookup table of <c>numEmbeddings</c> vectors; an Int64 tensor of
/// indices of any shape gives a tensor of that shape plus a last dimension of
/// <c>embeddingDim</c>. The table (<c>weight</c>) starts as standard normal values, as in
/// PyTorch; PyTorch's <c>max_norm</c> and <c>sparse</c> are not offered.
/// </summary>
public sealed class Embedding : Module
{
    private readonly Tensor weight;
    private readonly long paddingIdx;
    private readonly bool scaleGradByFreq;

    /// <summary>A table of <paramref name="numEmbeddings"/> vectors of <paramref name="embeddingDim"/> values.</summary>
    /// <param name="numEmbeddings">The number of rows, so indices run from 0 to numEmbeddings - 1.</param>
    /// <param name="embeddingDim">The length of each vector.</param>
    /// <param name="paddingIdx">A row that starts as zeros and receives no gradient, e.g. for padding tokens; negative counts from the end.</param>
    /// <param name="scaleGradByFreq">Scales each row's gradient by the inverse of its index's frequency in the batch.</param>
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, bool scaleGradByFreq = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numEmbeddings);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(embeddingDim);
        // ATen's embedding takes -1 for "no padding row", so a negative index is made positive here, as PyTorch does.
        this.paddingIdx = -1;
        if (paddingIdx is long index)
        {
            if (index < -numEmbeddings || index >= numEmbeddings)
            {
                throw new ArgumentOutOfRangeException(nameof(paddingIdx), index, $"The padding index must lie in [-{numEmbeddings}, {numEmbeddings}).");
            }
            this.paddingIdx = index < 0 ? index + numEmbeddings : index;
        }
        this.scaleGradByFreq = scaleGradByFreq;
        Tensor table = Torch.Randn([numEmbeddings, embeddingDim]);
        if (this.paddingIdx >= 0)
        {
            using Tensor row = Torch.Select(table, 0, this.paddingIdx);
            row.ZeroInPlace();
        }
        weight = RegisterParameter("weight", table);
    }

    /// <inheritdoc/>
    protected override string ExtraRepresentation =>
        $"{weight.Size(0)}, {weight.Size(1)}" + (paddingIdx >= 0 ? $", padding_idx={paddingIdx}" : "") +
        (scaleGradByFreq ? ", scale_grad_by_freq=True" : "");

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input, Tensor? result = null) =>
        Torch.Embedding(weight, input, paddingIdx, scaleGradByFreq, result: result);
}
