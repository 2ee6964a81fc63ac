using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class NativeModule
{
    /// <summary>
    /// Writes the parameters and buffers to <paramref name="path"/>, replacing the file, in the
    /// layout of libtorch's C++ <c>torch::save(module, path)</c>. Works for every kind of module.
    /// </summary>
    /// <exception cref="TorchException">The file cannot be written.</exception>
    public void Save(string path)
    {
        byte[] utf8 = NativePath.ToUtf8(path);
        using var self = Borrow();
        fixed (byte* nativePath = utf8) Status.Check(Itorch.itorch_module_save(self.Pointer, nativePath));
    }

    /// <summary>
    /// Copies the parameters and buffers saved by <see cref="Save"/>, by C++ <c>torch::save(module)</c>,
    /// by Python's <c>torch.jit.save</c> or by Python's <c>torch.save(model.state_dict())</c> into
    /// this module, which must have the same names and shapes (the same architecture; see
    /// <see cref="StateDict"/> for the names). The file is checked first: a damaged archive, or
    /// one whose records fail their CRC-32, is rejected before libtorch reads it. Values take this
    /// module's dtype and device; the tensors keep their storage, so <see cref="Parameters"/> taken
    /// earlier and optimizers over them see the loaded values. On failure the module is unchanged.
    /// </summary>
    /// <returns>This module.</returns>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    /// <exception cref="TorchException">
    /// The file is damaged ("the file is not an intact PyTorch archive"), not a saved module, or its
    /// names or shapes differ from this module's.
    /// </exception>
    public NativeModule Load(string path)
    {
        NativePath.RequireFile(path);
        byte[] utf8 = NativePath.ToUtf8(path);
        using var self = Borrow();
        fixed (byte* nativePath = utf8) Status.Check(Itorch.itorch_module_load(self.Pointer, nativePath));
        return this;
    }
}
