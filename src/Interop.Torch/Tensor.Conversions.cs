using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>This tensor on <paramref name="device"/>; <paramref name="nonBlocking"/> lets a copy from pinned memory overlap.</summary>
    public Tensor To(Device device, bool nonBlocking = false, Tensor? result = null)
    {
        using var x = Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow())
        {
            status = Itorch.itorch_to_device(r.Pointer, x.Pointer, (int)device.Type, device.Index, nonBlocking ? 1 : 0);
        }
        return Finish(slot, result, status);
    }

    /// <summary>Makes this slot refer to <paramref name="source"/>'s tensor, without copying (Python's <c>b = a</c>).</summary>
    public void Assign(Tensor source)
    {
        using var t = Borrow();
        using var s = source.Borrow();
        Status.Check(Itorch.itorch_tensor_assign(t.Pointer, s.Pointer));
    }
}
