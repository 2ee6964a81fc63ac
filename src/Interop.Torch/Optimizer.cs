using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>One of libtorch's native optimizers over a set of parameter tensors, which it shares.</summary>
public sealed unsafe class Optimizer : NativeHandle
{
    private Optimizer()
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        Itorch.itorch_optimizer_free((itorch_optimizer*)handle);
        return true;
    }

    /// <summary>Stochastic gradient descent, with optional momentum, weight decay and Nesterov momentum.</summary>
    public static Optimizer Sgd(ReadOnlySpan<Tensor> parameters, double learningRate, double momentum = 0,
        double weightDecay = 0, bool nesterov = false) =>
        Create(parameters, (learningRate, momentum, weightDecay, nesterov), static (slot, list, count, o) =>
            Itorch.itorch_optimizer_sgd(slot, list, count, o.learningRate, o.momentum, o.weightDecay, o.nesterov ? 1 : 0));

    /// <summary>Adam.</summary>
    public static Optimizer Adam(ReadOnlySpan<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double eps = 1e-8, double weightDecay = 0) =>
        Create(parameters, (learningRate, beta1, beta2, eps, weightDecay), static (slot, list, count, o) =>
            Itorch.itorch_optimizer_adam(slot, list, count, o.learningRate, o.beta1, o.beta2, o.eps, o.weightDecay, 0));

    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    public static Optimizer AdamW(ReadOnlySpan<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9,
        double beta2 = 0.999, double eps = 1e-8, double weightDecay = 1e-2) =>
        Create(parameters, (learningRate, beta1, beta2, eps, weightDecay), static (slot, list, count, o) =>
            Itorch.itorch_optimizer_adam(slot, list, count, o.learningRate, o.beta1, o.beta2, o.eps, o.weightDecay, 1));

    /// <summary>Clears every parameter's gradient (set to none, PyTorch's default).</summary>
    public void ZeroGrad() => Call(&Itorch.itorch_optimizer_zero_grad);

    /// <summary>Updates the parameters from their gradients.</summary>
    public void Step() => Call(&Itorch.itorch_optimizer_step);

    /// <summary>The learning rate of every parameter group.</summary>
    public double LearningRate
    {
        get => Read(&Itorch.itorch_optimizer_get_learning_rate);
        set => Write(&Itorch.itorch_optimizer_set_learning_rate, value);
    }

    /// <summary>
    /// The momentum of every parameter group, as PyTorch's schedulers cycle it: SGD's momentum, or
    /// the first beta of Adam and AdamW.
    /// </summary>
    public double Momentum
    {
        get => Read(&Itorch.itorch_optimizer_get_momentum);
        set => Write(&Itorch.itorch_optimizer_set_momentum, value);
    }

    /// <summary>
    /// PyTorch's <c>add_param_group</c>: optimizes <paramref name="parameters"/> as a group of their
    /// own, with the optimizer's settings except <paramref name="weightDecay"/> when given, as
    /// for the biases and norm weights that AdamW recipes leave out of the decay. The learning
    /// rate and momentum setters and the schedulers then set every group.
    /// </summary>
    /// <exception cref="TorchArgumentException">A tensor is in a group already, or the list is empty.</exception>
    public void AddParameterGroup(ReadOnlySpan<Tensor> parameters, double? weightDecay = null)
    {
        using var self = Borrow();
        using BorrowedList<itorch_tensor> list = new(parameters);
        double decay = weightDecay.GetValueOrDefault();
        Status.Check(Itorch.itorch_optimizer_add_parameter_group(self.Pointer, list.Pointers, parameters.Length,
            weightDecay.HasValue ? &decay : null));
    }

    internal Borrowed<itorch_optimizer> Borrow() => new(this);

    private void Call(delegate*<itorch_optimizer*, int> operation)
    {
        using var self = Borrow();
        Status.Check(operation(self.Pointer));
    }

    private double Read(delegate*<itorch_optimizer*, double*, int> read)
    {
        using var self = Borrow();
        double value;
        Status.Check(read(self.Pointer, &value));
        return value;
    }

    private void Write(delegate*<itorch_optimizer*, double, int> write, double value)
    {
        using var self = Borrow();
        Status.Check(write(self.Pointer, value));
    }

    private delegate int Constructor<TOptions>(itorch_optimizer** slot, itorch_tensor** parameters, int count, TOptions options);

    private static Optimizer Create<TOptions>(ReadOnlySpan<Tensor> parameters, TOptions options, Constructor<TOptions> construct)
    {
        using BorrowedList<itorch_tensor> list = new(parameters);
        var optimizer = new Optimizer();
        itorch_optimizer* created;
        optimizer.Adopt(construct(&created, list.Pointers, parameters.Length, options), created);
        return optimizer;
    }
}
