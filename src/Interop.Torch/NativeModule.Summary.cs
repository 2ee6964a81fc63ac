namespace Interop.Torch;

public sealed partial class NativeModule
{
    /// <summary>
    /// Keras' <c>model.summary()</c>: every layer with its output shape for an input of
    /// <paramref name="inputShape"/> (batch first) and its parameter count, and the totals. It runs
    /// one forward of zeros in evaluation mode without gradients, then puts the mode back.
    /// </summary>
    /// <param name="inputShape">The shape of one input batch.</param>
    /// <param name="dtype">The input's dtype: Int64 for an Embedding's indices.</param>
    /// <param name="device">Where the input is made: the model's device.</param>
    /// <exception cref="TorchException">The forward fails on that shape; the message is libtorch's.</exception>
    public ModelSummary Summary(ReadOnlySpan<long> inputShape, DType dtype = DType.Float32, Device device = default)
    {
        return SummaryTrace.Run(this, inputShape, dtype, device,
            rows => SummaryTrace.AppendNativeRows(rows, this, depth: 0, path: ""), Parameters(), StateDict());
    }
}
