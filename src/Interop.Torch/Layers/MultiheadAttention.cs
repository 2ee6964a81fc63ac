namespace Interop.Torch;

/// <summary>
/// torch.nn.MultiheadAttention: query (L, N, E), key and value (S, N, E), or (N, L, E) and
/// (N, S, E) with batchFirst. <c>in_proj_weight</c> (3E, E) and <c>in_proj_bias</c> (3E) hold the
/// query, key and value projections, <c>out_proj</c> is a Linear(E, E) child; they start as
/// PyTorch starts them (xavier-uniform, zeros, Linear's own weight, zero bias). The attention is
/// computed from matmul and softmax, PyTorch's own math path, so it runs on every supported
/// libtorch (1.13 has no scaled_dot_product_attention). PyTorch's kdim, vdim, add_bias_kv and
/// add_zero_attn are not offered, nor unbatched input.
/// </summary>
public sealed class MultiheadAttention : Module
{
    private readonly long embedDim;
    private readonly long numHeads;
    private readonly double dropout;
    private readonly bool batchFirst;
    private readonly Tensor inProjWeight;
    private readonly Tensor? inProjBias;
    private readonly NativeModule outProj;

    // Result slots of the intermediate ops, kept between forwards, so that a forward into a
    // result allocates nothing. Only ever their own op's result, never handed out.
    private readonly Tensor weightPart;
    private readonly Tensor biasPart;
    private readonly Tensor q;
    private readonly Tensor k;
    private readonly Tensor v;
    private readonly Tensor scores;
    private readonly Tensor maskView;
    private readonly Tensor context;

    /// <summary>Attention of <paramref name="numHeads"/> heads, each over <paramref name="embedDim"/> / numHeads features.</summary>
    /// <param name="embedDim">E, the features of query, key, value and output.</param>
    /// <param name="numHeads">The number of heads; it must divide <paramref name="embedDim"/>.</param>
    /// <param name="dropout">Dropout on the attention weights, in training mode.</param>
    /// <param name="bias">Whether the projections have biases.</param>
    /// <param name="batchFirst">True: tensors are (N, L, E) rather than (L, N, E).</param>
    public MultiheadAttention(long embedDim, long numHeads, double dropout = 0, bool bias = true, bool batchFirst = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numHeads);
        if (embedDim <= 0 || embedDim % numHeads != 0) throw new ArgumentException($"embedDim ({embedDim}) must be a positive multiple of numHeads ({numHeads}).", nameof(embedDim));
        if (dropout is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must lie in [0, 1].");
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        // xavier_uniform_ of a (3E, E) weight: ±√(6 / (fan_in + fan_out)).
        double bound = Math.Sqrt(6.0 / (embedDim + 3 * embedDim));
        inProjWeight = RegisterParameter("in_proj_weight", Torch.Empty([3 * embedDim, embedDim]).UniformInPlace(-bound, bound));
        if (bias) inProjBias = RegisterParameter("in_proj_bias", Torch.Zeros([3 * embedDim]));
        outProj = Register("out_proj", Layers.Linear(embedDim, embedDim, bias));
        if (bias) ZeroOutProjBias();
        weightPart = Own(new Tensor());
        biasPart = Own(new Tensor());
        q = Own(new Tensor());
        k = Own(new Tensor());
        v = Own(new Tensor());
        scores = Own(new Tensor());
        maskView = Own(new Tensor());
        context = Own(new Tensor());
    }

    /// <summary>Self-attention: query, key and value are all <paramref name="input"/>, with no mask.</summary>
    public override Tensor Forward(Tensor input, Tensor? result = null) => Attend(input, input, input, null, null, result);

    /// <summary>
    /// PyTorch's <c>output, weights = mha(query, key, value, ...)</c>. The caller owns the new tensors.
    /// </summary>
    /// <param name="query">(L, N, E), or (N, L, E) with batchFirst.</param>
    /// <param name="key">(S, N, E), or (N, S, E) with batchFirst.</param>
    /// <param name="value">(S, N, E), or (N, S, E) with batchFirst.</param>
    /// <param name="attnMask">(L, S), or (N·numHeads, L, S) per batch and head: boolean, true where a query may not attend to a key, or float, added to the scores.</param>
    /// <param name="keyPaddingMask">(N, S): boolean, true for keys to ignore (padding), or float, added to the scores.</param>
    /// <param name="needWeights">False: the weights are not returned (null).</param>
    /// <param name="averageAttnWeights">True: the weights averaged over the heads, (N, L, S); false: (N, numHeads, L, S).</param>
    public (Tensor Output, Tensor? Weights) Forward(Tensor query, Tensor key, Tensor value, Tensor? attnMask = null,
        Tensor? keyPaddingMask = null, bool needWeights = true, bool averageAttnWeights = true)
    {
        Tensor output = Attend(query, key, value, attnMask, keyPaddingMask, null);
        if (!needWeights) return (output, null);
        // A copy either way: the scores slot is overwritten by the next forward.
        return (output, averageAttnWeights ? Torch.Mean(scores, [1]) : Torch.Clone(scores));
    }

    // After it, the scores slot holds the attention weights, (N, H, L, S).
    private Tensor Attend(Tensor query, Tensor key, Tensor value, Tensor? attnMask, Tensor? keyPaddingMask, Tensor? result)
    {
        RequireSequences(query, nameof(query));
        RequireSequences(key, nameof(key));
        RequireSequences(value, nameof(value));
        long batch = query.Size(batchFirst ? 0 : 1);
        long targetLength = query.Size(batchFirst ? 1 : 0);
        long sourceLength = key.Size(batchFirst ? 1 : 0);
        // Heads split off as (N, H, length, E / H); the key's last two dimensions swapped for the scores.
        Project(query, 0, q, batchFirst ? [0, 2, 1, 3] : [1, 2, 0, 3]);
        Project(key, 1, k, batchFirst ? [0, 2, 3, 1] : [1, 2, 3, 0]);
        Project(value, 2, v, batchFirst ? [0, 2, 1, 3] : [1, 2, 0, 3]);
        Torch.Div(q, Math.Sqrt(embedDim / numHeads), result: q);
        Torch.Matmul(q, k, scores);
        if (attnMask is not null)
        {
            Mask(attnMask.Dim == 3 ? Torch.Reshape(attnMask, [batch, numHeads, targetLength, sourceLength], maskView) : attnMask);
        }
        if (keyPaddingMask is not null) Mask(Torch.Reshape(keyPaddingMask, [batch, 1, 1, sourceLength], maskView));
        Torch.Softmax(scores, -1, result: scores);
        if (IsTraining && dropout > 0) Torch.Dropout(scores, dropout, true, scores);
        Torch.Matmul(scores, v, context);
        Torch.Permute(context, batchFirst ? [0, 2, 1, 3] : [2, 0, 1, 3], context);
        Torch.Reshape(context, batchFirst ? [batch, targetLength, embedDim] : [targetLength, batch, embedDim], context);
        return outProj.Forward(context, result);
    }

    // One of the packed projections (0 query, 1 key, 2 value), x Wᵢᵀ + bᵢ with Wᵢ, bᵢ the i-th
    // third of in_proj_weight and in_proj_bias, into heads ordered by headsOrder.
    private void Project(Tensor x, int part, Tensor into, ReadOnlySpan<long> headsOrder)
    {
        Torch.Narrow(inProjWeight, 0, part * embedDim, embedDim, weightPart);
        if (inProjBias is not null) Torch.Narrow(inProjBias, 0, part * embedDim, embedDim, biasPart);
        Torch.Linear(x, weightPart, inProjBias is null ? null : biasPart, into);
        Torch.Reshape(into, [x.Size(0), x.Size(1), numHeads, embedDim / numHeads], into);
        Torch.Permute(into, headsOrder, into);
    }

    // A boolean mask leaves out the keys it marks (-inf before the softmax); a float mask is added, as in PyTorch.
    private void Mask(Tensor mask)
    {
        if (mask.DType == DType.Bool) Torch.MaskedFill(scores, mask, double.NegativeInfinity, scores);
        else Torch.Add(scores, mask, result: scores);
    }

    private void RequireSequences(Tensor t, string name)
    {
        if (t.Dim != 3 || t.Size(2) != embedDim)
        {
            string layout = batchFirst ? "(N, length, E)" : "(length, N, E)";
            throw new ArgumentException($"The {name} must be {layout} with E = {embedDim}, not [{string.Join(", ", t.Shape)}].", name);
        }
    }

    // PyTorch zeroes out_proj's bias, which Linear drew uniform.
    private void ZeroOutProjBias()
    {
        foreach (StateEntry entry in outProj.StateDict())
        {
            using Tensor tensor = entry.Tensor;
            if (entry.Name != "bias") continue;
            using (LibTorch.NoGrad()) tensor.ZeroInPlace();
        }
    }
}
