using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// A libtorch module whose forward is one native call: a torch::nn module (a layer, a
/// <see cref="Layers.Sequential"/> of them, or a zoo model) or a TorchScript module
/// (<see cref="LoadTorchScript"/>). Containers share their children, so disposing a
/// child's handle after putting it in a container is safe.
/// </summary>
public sealed unsafe partial class NativeModule : NativeHandle, IModule
{
    private NativeModule()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Itorch.itorch_module_free((itorch_module*)handle);
        return true;
    }

    internal Borrowed<itorch_module> Borrow() => new(this);

    // A module made before the native constructor runs, so that a failure cannot strand a handle.
    internal static NativeModule Adopt(int status, itorch_module* created, NativeModule module)
    {
        module.Adopt(status, created);
        return module;
    }

    internal static NativeModule Unbound() => new();

    /// <inheritdoc/>
    /// <remarks>New modules start in training mode; a TorchScript module starts in the mode it was saved in.</remarks>
    public bool IsTraining
    {
        get
        {
            using var self = Borrow();
            int training;
            Status.Check(Itorch.itorch_module_is_training(self.Pointer, &training));
            return training != 0;
        }
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input, Tensor? result = null)
    {
        using var x = input.Borrow();
        // Borrowed before the result slot is made, so a disposed module leaks no slot.
        using var self = Borrow();
        Tensor slot = result ?? new Tensor();
        int status;
        using (var r = slot.Borrow()) status = Itorch.itorch_module_forward(r.Pointer, self.Pointer, x.Pointer);
        return Tensor.Finish(slot, result, status);
    }

    /// <summary>Training mode (dropout active, batch norm uses and updates batch statistics) for this module and its children.</summary>
    public NativeModule Train(bool training = true)
    {
        using var self = Borrow();
        Status.Check(Itorch.itorch_module_set_training(self.Pointer, training ? 1 : 0));
        return this;
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => Train(training);

    /// <summary>Evaluation mode: dropout off, batch norm uses its running statistics.</summary>
    public NativeModule Eval() => Train(false);

    /// <summary>Moves the parameters and buffers to <paramref name="device"/>.</summary>
    public NativeModule To(Device device)
    {
        using var self = Borrow();
        Status.Check(Itorch.itorch_module_to_device(self.Pointer, (int)device.Type, device.Index));
        return this;
    }

    /// <summary>Number of scalar parameters (what torchvision's model summaries count).</summary>
    public long ParameterCount => Counts().Elements;

    /// <summary>The parameter tensors in registration order, sharing storage with the module; the caller disposes them.</summary>
    public Tensor[] Parameters()
    {
        int count = checked((int)Counts().Tensors);
        var parameters = new Tensor[count];
        int created = 0;
        try
        {
            for (; created < count; created++) parameters[created] = new Tensor();
            using var self = Borrow();
            using BorrowedList<itorch_tensor> slots = new(parameters);
            Status.Check(Itorch.itorch_module_parameters(self.Pointer, slots.Pointers, count));
            return parameters;
        }
        catch
        {
            for (int i = 0; i < created; i++) parameters[i].Dispose();
            throw;
        }
    }

    private (long Tensors, long Elements) Counts()
    {
        using var self = Borrow();
        long tensors, elements;
        Status.Check(Itorch.itorch_module_parameter_count(self.Pointer, &tensors, &elements));
        return (tensors, elements);
    }
}
