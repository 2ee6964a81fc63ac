namespace Interop.Torch;

/// <summary>
/// PyTorch's <c>torch.optim.lr_scheduler</c>: sets the optimizer's learning rate by a schedule.
/// Call <see cref="Step"/> after the optimizer's <c>Step()</c>: once an epoch, or once a batch for
/// <see cref="OneCycleLR"/>. As in PyTorch, a new scheduler has already set the rate of epoch 0,
/// and each step reads the optimizer's current rate, so a rate changed by hand carries on.
/// </summary>
public abstract class LearningRateScheduler
{
    /// <summary>Schedules <paramref name="optimizer"/>'s learning rate, starting from <paramref name="baseLearningRate"/>.</summary>
    protected LearningRateScheduler(Optimizer optimizer, double baseLearningRate)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
        BaseLearningRate = baseLearningRate;
    }

    /// <summary>The optimizer whose learning rate this sets.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The schedule's starting rate: PyTorch's <c>base_lrs</c>.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Steps taken: PyTorch's <c>last_epoch</c>, 0 after construction.</summary>
    public int LastEpoch { get; private set; }

    /// <summary>The rate the last step set: PyTorch's <c>get_last_lr()</c>.</summary>
    public double LearningRate { get; private set; }

    /// <summary>Moves the schedule one epoch (or batch) on and sets the optimizer's rate.</summary>
    public void Step()
    {
        LastEpoch++;
        Apply();
    }

    /// <summary>
    /// The rate at <see cref="LastEpoch"/>, from <paramref name="current"/>, the optimizer's rate
    /// now (PyTorch's <c>get_lr()</c>, which most schedules compute from the rate before).
    /// </summary>
    protected abstract double ComputeLearningRate(double current);

    /// <summary>Sets the rate of epoch 0; a subclass calls it at the end of its constructor, as PyTorch's schedulers take their first step.</summary>
    protected void Start() => Apply();

    private void Apply()
    {
        LearningRate = ComputeLearningRate(Optimizer.LearningRate);
        Optimizer.LearningRate = LearningRate;
    }
}
