using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The native list an op that returns several tensors of a count known only afterwards (split,
/// unbind) fills; read once into new tensors.
/// </summary>
internal unsafe ref struct TensorListResult
{
    private itorch_tensor_list* list;

    public TensorListResult()
    {
        itorch_tensor_list* created;
        Status.Check(Itorch.itorch_tensor_list_new(&created));
        list = created;
    }

    public readonly itorch_tensor_list* Pointer => list;

    public readonly Tensor[] ToArray()
    {
        var tensors = new Tensor[Itorch.itorch_tensor_list_size(list)];
        for (int i = 0; i < tensors.Length; i++)
        {
            var tensor = new Tensor();
            int status;
            using (var slot = tensor.Borrow()) status = Itorch.itorch_tensor_list_get(slot.Pointer, list, i);
            tensors[i] = Tensor.Finish(tensor, null, status);
        }
        return tensors;
    }

    public void Dispose()
    {
        Itorch.itorch_tensor_list_free(list);
        list = null;
    }
}
