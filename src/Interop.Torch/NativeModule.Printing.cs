using System.Text;
using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class NativeModule
{
    /// <summary>
    /// The layer tree as PyTorch's <c>print(model)</c> writes it: each child by name, its type and
    /// its arguments (<c>Linear(in_features=32, out_features=64, bias=True)</c>).
    /// </summary>
    public override string ToString()
    {
        if (IsClosed) return $"{nameof(NativeModule)} (disposed)";
        using var self = Borrow();
        int length;
        Status.Check(Itorch.itorch_module_describe(self.Pointer, null, 0, &length));
        var text = new byte[length];
        fixed (byte* buffer = text) Status.Check(Itorch.itorch_module_describe(self.Pointer, buffer, length, &length));
        return Encoding.UTF8.GetString(text);
    }
}
