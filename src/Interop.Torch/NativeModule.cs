using System.Runtime.InteropServices;
using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// A libtorch module whose forward is one native call: a torch::nn module (a layer, a
/// <see cref="Layers.Sequential"/> of them, or a zoo model) or a TorchScript module
/// (<see cref="LoadTorchScript"/>). Containers share their children, so disposing a
/// child's handle after putting it in a container is safe.
/// </summary>
public sealed unsafe partial class NativeModule : SafeHandle, IModule
{
    private NativeModule() : base(0, ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == 0;

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Itorch.itorch_module_free((itorch_module*)handle);
        return true;
    }

    internal itorch_module* AddRef()
    {
        bool added = false;
        DangerousAddRef(ref added);
        return (itorch_module*)handle;
    }

    // Takes the handle a native constructor gave back, or throws its error. The managed
    // object exists before the native call, so a failure cannot strand a native handle.
    internal static NativeModule Adopt(int status, itorch_module* created, NativeModule module)
    {
        if (status != 0)
        {
            Exception error = Status.LastError(status);
            module.Dispose();
            throw error;
        }
        module.SetHandle((nint)created);
        return module;
    }

    internal static NativeModule Unbound() => new();

    /// <inheritdoc/>
    /// <remarks>New modules start in training mode; a TorchScript module starts in the mode it was saved in.</remarks>
    public bool IsTraining
    {
        get
        {
            itorch_module* self = AddRef();
            try
            {
                int training;
                Status.Check(Itorch.itorch_module_is_training(self, &training));
                return training != 0;
            }
            finally
            {
                DangerousRelease();
            }
        }
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input, Tensor? result = null)
    {
        using var x = input.Borrow();
        // Referenced before the result slot is made, so a disposed module leaks no slot.
        itorch_module* self = AddRef();
        try
        {
            Tensor slot = result ?? new Tensor();
            int status;
            using (var r = slot.Borrow()) status = Itorch.itorch_module_forward(r.Pointer, self, x.Pointer);
            return Tensor.Finish(slot, result, status);
        }
        finally
        {
            DangerousRelease();
        }
    }

    /// <summary>Training mode (dropout active, batch norm uses and updates batch statistics) for this module and its children.</summary>
    public NativeModule Train(bool training = true)
    {
        itorch_module* self = AddRef();
        try
        {
            Status.Check(Itorch.itorch_module_set_training(self, training ? 1 : 0));
        }
        finally
        {
            DangerousRelease();
        }
        return this;
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => Train(training);

    /// <summary>Evaluation mode: dropout off, batch norm uses its running statistics.</summary>
    public NativeModule Eval() => Train(false);

    /// <summary>Moves the parameters and buffers to <paramref name="device"/>.</summary>
    public NativeModule To(Device device)
    {
        itorch_module* self = AddRef();
        try
        {
            Status.Check(Itorch.itorch_module_to_device(self, (int)device.Type, device.Index));
        }
        finally
        {
            DangerousRelease();
        }
        return this;
    }

    /// <summary>Number of scalar parameters (what torchvision's model summaries count).</summary>
    public long ParameterCount => Counts().Elements;

    /// <summary>The parameter tensors in registration order, sharing storage with the module; the caller disposes them.</summary>
    public Tensor[] Parameters()
    {
        int count = checked((int)Counts().Tensors);
        var parameters = new Tensor[count];
        var pointers = new itorch_tensor*[count];
        int created = 0;
        try
        {
            for (; created < count; created++)
            {
                parameters[created] = new Tensor();
                pointers[created] = (itorch_tensor*)parameters[created].DangerousGetHandle();
            }
            itorch_module* self = AddRef();
            try
            {
                fixed (itorch_tensor** slots = pointers) Status.Check(Itorch.itorch_module_parameters(self, slots, count));
            }
            finally
            {
                DangerousRelease();
            }
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
        itorch_module* self = AddRef();
        try
        {
            long tensors, elements;
            Status.Check(Itorch.itorch_module_parameter_count(self, &tensors, &elements));
            return (tensors, elements);
        }
        finally
        {
            DangerousRelease();
        }
    }
}
