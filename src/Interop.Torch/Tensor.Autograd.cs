using Interop.Torch.Native;

namespace Interop.Torch;

public sealed unsafe partial class Tensor
{
    /// <summary>Whether autograd records operations on this tensor. Only floating-point leaves can be set.</summary>
    public bool RequiresGrad
    {
        get { using var t = Borrow(); return Itorch.itorch_tensor_requires_grad(t.Pointer) != 0; }
        set { using var t = Borrow(); Status.Check(Itorch.itorch_set_requires_grad(t.Pointer, value ? 1 : 0)); }
    }

    /// <summary>Backpropagates from this scalar tensor into the leaves' gradients.</summary>
    public void Backward()
    {
        using var t = Borrow();
        Status.Check(Itorch.itorch_backward(t.Pointer));
    }

    /// <summary>The accumulated gradient, sharing its storage; an empty slot (IsDefined false) when there is none.</summary>
    public Tensor Grad(Tensor? result = null)
    {
        using var x = Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_grad(r.Pointer, x.Pointer);
        return Finish(slot, result, status);
    }

    /// <summary>Drops the accumulated gradient, as PyTorch's zero_grad(set_to_none=True).</summary>
    public void ClearGrad()
    {
        using var t = Borrow();
        Status.Check(Itorch.itorch_clear_grad(t.Pointer));
    }
}
