using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class NativeModule
{
    /// <summary>
    /// A copy of this model rewritten for inference by libtorch's own passes, as PyTorch's
    /// <c>torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.trace(model, example)))</c>:
    /// the forward on <paramref name="example"/> traced in evaluation mode, with the parameters and
    /// buffers copied in as constants (a TorchScript module is frozen instead of traced), then batch
    /// norm folded into the convolution before it, and oneDNN's weight prepacking where libtorch
    /// has oneDNN. The copy is a TorchScript module in evaluation mode for inputs of the example's
    /// shape; this model is unchanged, and training it later does not change the copy. It runs in
    /// libtorch's inference mode, so its outputs are inference tensors: other ops take them, but
    /// they cannot be changed in place or saved for backward.
    /// </summary>
    /// <param name="example">An input of the shape the copy will serve, on the model's device.</param>
    /// <remarks>A forward whose path depends on its input's values is traced along the path <paramref name="example"/> takes.</remarks>
    /// <exception cref="TorchException">The forward fails on <paramref name="example"/>, or libtorch cannot trace it.</exception>
    public NativeModule OptimizedForInference(Tensor example)
    {
        ArgumentNullException.ThrowIfNull(example);
        using var self = Borrow();
        using var input = example.Borrow();
        var module = Unbound();
        itorch_module* created;
        return Adopt(Itorch.itorch_module_optimize_for_inference(self.Pointer, input.Pointer, &created), created, module);
    }
}
