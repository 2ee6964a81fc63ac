using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class NativeModule
{
    /// <summary>
    /// Loads a TorchScript module, as saved in Python by <c>torch.jit.save</c> of a
    /// <c>torch.jit.script</c>ed or <c>torch.jit.trace</c>d model, onto the CPU and in the mode it
    /// was saved in. Forward, modes, <see cref="To"/>, parameters and <see cref="Save"/> work as for
    /// any module. Its forward must map one tensor to one tensor: another result makes
    /// <see cref="Forward"/> throw <see cref="TorchTypeException"/>. It cannot be a child of
    /// <see cref="Layers.Sequential"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    /// <remarks>
    /// The file's zip structure and every record's CRC-32 are checked before libtorch parses it, so a
    /// damaged file is always rejected. A TorchScript module is code: load one only from a source
    /// you trust (README, "Model files from elsewhere").
    /// </remarks>
    /// <exception cref="TorchException">
    /// The file is damaged ("the file is not an intact PyTorch archive") or not a TorchScript module.
    /// </exception>
    public static NativeModule LoadTorchScript(string path)
    {
        NativePath.RequireFile(path);
        byte[] utf8 = NativePath.ToUtf8(path);
        var module = Unbound();
        itorch_module* created;
        fixed (byte* nativePath = utf8)
        {
            return Adopt(Itorch.itorch_module_load_script(&created, nativePath), created, module);
        }
    }
}
