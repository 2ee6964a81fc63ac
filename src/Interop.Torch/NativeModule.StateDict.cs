using System.Text;
using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class NativeModule
{
    /// <summary>
    /// The parameters and buffers under their PyTorch names, in the order of PyTorch's
    /// <c>state_dict()</c>: "weight", "bias" for a layer, "0.weight", "2.running_mean" and so on
    /// for a <see cref="Layers.Sequential"/>. A tensor shared by two children appears under both
    /// names, as in PyTorch. The tensors share storage with the module; the caller disposes them.
    /// </summary>
    public IReadOnlyList<StateEntry> StateDict()
    {
        using var self = Borrow();
        var entries = new List<StateEntry>();
        try
        {
            int count;
            Status.Check(Itorch.itorch_module_state_count(self.Pointer, &count));
            byte[] name = new byte[128];
            for (int index = 0; index < count; index++)
            {
                var tensor = new Tensor();
                try
                {
                    int length, isBuffer;
                    Entry(self.Pointer, index, tensor, name, &length, &isBuffer);
                    if (length > name.Length)
                    {
                        name = new byte[length];
                        Entry(self.Pointer, index, tensor, name, &length, &isBuffer);
                    }
                    entries.Add(new StateEntry(Encoding.UTF8.GetString(name, 0, length), tensor, isBuffer != 0));
                }
                catch
                {
                    tensor.Dispose();
                    throw;
                }
            }
            return entries;
        }
        catch
        {
            foreach (StateEntry entry in entries) entry.Tensor.Dispose();
            throw;
        }
    }

    private static void Entry(itorch_module* self, int index, Tensor tensor, byte[] name, int* length, int* isBuffer)
    {
        using var slot = tensor.Borrow();
        fixed (byte* text = name)
        {
            Status.Check(Itorch.itorch_module_state_entry(self, index, slot.Pointer, text, name.Length, length, isBuffer));
        }
    }
}
