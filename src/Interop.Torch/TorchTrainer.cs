using Interop.Torch.Distributed;
using Microsoft.Extensions.ObjectPool;

namespace Interop.Torch;

/// <summary>
/// The hand-written training loop. One step runs forward, loss, backward and the optimizer on a
/// batch and returns the loss: a batch of spans is copied into pinned host buffers that libtorch
/// reads without a copy; a batch of tensors (a <see cref="DataLoader{TInput, TTarget}"/>'s) is
/// read in place. After warm-up a step allocates no managed memory and creates no native handles.
/// </summary>
public sealed partial class TorchTrainer : IDisposable
{
    private readonly IModule model;
    private readonly Optimizer optimizer;
    private readonly TrainingLoss lossKind;
    private readonly ObjectPool<PinnedBatch<float>> inputs;
    private readonly ObjectPool<PinnedBatch<float>>? floatTargets;
    private readonly ObjectPool<PinnedBatch<long>>? classTargets;
    private readonly Tensor output = new();
    private readonly Tensor loss = new();
    private readonly Tensor scaledLoss = new();
    private readonly Tensor evaluationOutput = new();
    private readonly Tensor evaluationLoss = new();
    private readonly long[] inputShape;
    private readonly GradientAveraging? averaging;
    private long steps;

    /// <summary>Trains <paramref name="model"/> on batches of <paramref name="inputShape"/> (batch dimension first).</summary>
    /// <param name="model">
    /// The model. Every step runs it in training mode, switching it back if something else (a
    /// <see cref="TorchPredictor"/> over the same model) left it in evaluation mode.
    /// </param>
    /// <param name="optimizer">An optimizer over the model's parameters.</param>
    /// <param name="lossKind">The loss to minimise.</param>
    /// <param name="inputShape">The shape of one input batch.</param>
    /// <param name="targetShape">The shape of one target batch: [batch] class indices for cross-entropy, the output's shape for the other losses.</param>
    /// <param name="accumulationSteps">
    /// Gradients of this many steps are summed (each loss scaled by 1/N) before one optimizer
    /// update. 1, the default, zeroes gradients every step: forgetting that is a classic mistake,
    /// so accumulating must be asked for.
    /// </param>
    /// <param name="dataParallel">
    /// Trains as one rank of a process group, as PyTorch's <c>DistributedDataParallel</c>: the
    /// parameters start as rank 0's and each update uses the gradients averaged over the ranks.
    /// Every rank must construct its trainer, and then step, together.
    /// </param>
    /// <exception cref="DistributedException">With <paramref name="dataParallel"/>: rank 0's parameters could not be broadcast.</exception>
    public TorchTrainer(IModule model, Optimizer optimizer, TrainingLoss lossKind, long[] inputShape,
        long[] targetShape, int accumulationSteps = 1, DataParallelOptions? dataParallel = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentOutOfRangeException.ThrowIfLessThan(accumulationSteps, 1);
        // First, as the one part that waits on other processes and may fail: nothing else is
        // allocated yet.
        if (dataParallel is not null)
        {
            averaging = GradientAveraging.Create(dataParallel, optimizer, model);
            Rank = dataParallel.Group.Rank;
            WorldSize = dataParallel.Group.WorldSize;
        }
        this.model = model;
        model.SetTraining(true);
        this.optimizer = optimizer;
        this.lossKind = lossKind;
        AccumulationSteps = accumulationSteps;
        this.inputShape = (long[])inputShape.Clone();
        inputs = PinnedBatch<float>.CreatePool(inputShape);
        if (lossKind == TrainingLoss.CrossEntropy) classTargets = PinnedBatch<long>.CreatePool(targetShape);
        else floatTargets = PinnedBatch<float>.CreatePool(targetShape);
    }

    /// <summary>This trainer's rank among the data-parallel ranks; 0 when it trains alone.</summary>
    public int Rank { get; }

    /// <summary>The number of data-parallel ranks; 1 when it trains alone.</summary>
    public int WorldSize { get; } = 1;

    /// <summary>Steps whose gradients are summed before each optimizer update.</summary>
    public int AccumulationSteps { get; }

    /// <summary>Steps run so far.</summary>
    public long Steps => steps;

    /// <summary>The model trained.</summary>
    public IModule Model => model;

    /// <summary>The optimizer that updates the model.</summary>
    public Optimizer Optimizer => optimizer;

    /// <summary>
    /// Set by a <see cref="FitCallback"/> to end Fit after the current epoch, as Keras'
    /// <c>model.stop_training</c>; Fit clears it when it starts.
    /// </summary>
    public bool StopTraining { get; set; }

    /// <summary>One training step on a cross-entropy batch: class indices as targets.</summary>
    public float Step(ReadOnlySpan<float> batch, ReadOnlySpan<long> labels) =>
        StepWithTargets(batch, labels, nameof(labels), classTargets, "This trainer's loss takes float targets of the output's shape, not class indices.");

    /// <summary>One training step on an MSE batch.</summary>
    public float Step(ReadOnlySpan<float> batch, ReadOnlySpan<float> targets) =>
        StepWithTargets(batch, targets, nameof(targets), floatTargets, "This trainer minimises cross-entropy: pass class indices.");

    private float StepWithTargets<T>(ReadOnlySpan<float> batch, ReadOnlySpan<T> targets, string targetsName,
        ObjectPool<PinnedBatch<T>>? pool, string wrongKind) where T : unmanaged
    {
        if (pool is null) throw new InvalidOperationException(wrongKind);
        PinnedBatch<T> target = pool.Get();
        try
        {
            CopyInto(targets, target.Buffer, targetsName);
            return Step(batch, target.Tensor);
        }
        finally
        {
            pool.Return(target);
        }
    }

    private float Step(ReadOnlySpan<float> batch, Tensor target)
    {
        PinnedBatch<float> input = inputs.Get();
        try
        {
            CopyInto(batch, input.Buffer, nameof(batch));
            return Step(input.Tensor, target);
        }
        finally
        {
            inputs.Return(input);
        }
    }

    /// <summary>
    /// One training step on tensors of any batch size, such as a <see cref="DataLoader{TInput, TTarget}"/>'s
    /// batch, read in place: class indices (Int64) as targets for cross-entropy, floats of the
    /// output's shape for the other losses.
    /// </summary>
    /// <exception cref="TorchException">libtorch rejects the tensors: their shapes, dtypes or devices do not fit the model or the loss.</exception>
    public float Step(Tensor input, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        ModuleForward.EnsureMode(model, training: true);
        if (steps % AccumulationSteps == 0) optimizer.ZeroGrad();
        bool endsCycle = (steps + 1) % AccumulationSteps == 0;
        // As DDP's no_sync: only the last backward of an accumulation cycle averages.
        if (endsCycle) averaging?.BeginStep();
        ModuleForward.Into(model, input, output);
        ComputeLoss(output, target, loss);
        float value = loss.Item<float>();
        steps++;
        if (!float.IsFinite(value)) throw new NonFiniteLossException(steps, value);
        Tensor minimised = loss;
        if (AccumulationSteps > 1)
        {
            Torch.Div(loss, AccumulationSteps, result: scaledLoss);
            minimised = scaledLoss;
        }
        if (averaging is null) minimised.Backward();
        else averaging.Backward(minimised);
        if (endsCycle) optimizer.Step();
        return value;
    }

    private void ComputeLoss(Tensor modelOutput, Tensor target, Tensor result)
    {
        switch (lossKind)
        {
            case TrainingLoss.CrossEntropy: Torch.CrossEntropyLoss(modelOutput, target, result: result); break;
            case TrainingLoss.MeanSquaredError: Torch.MseLoss(modelOutput, target, result: result); break;
            default: Torch.BinaryCrossEntropyWithLogits(modelOutput, target, result: result); break;
        }
    }

    private static void CopyInto<T>(ReadOnlySpan<T> source, T[] destination, string name) where T : unmanaged
    {
        if (source.Length != destination.Length)
        {
            throw new ArgumentException($"The batch holds {source.Length} values but the trainer's shape needs {destination.Length}.", name);
        }
        source.CopyTo(destination);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        averaging?.Dispose();
        output.Dispose();
        loss.Dispose();
        scaledLoss.Dispose();
        evaluationOutput.Dispose();
        evaluationLoss.Dispose();
        DisposePool(inputs);
        if (floatTargets is not null) DisposePool(floatTargets);
        if (classTargets is not null) DisposePool(classTargets);
    }

    private static void DisposePool<T>(ObjectPool<T> pool) where T : class
    {
        if (pool is IDisposable disposable) disposable.Dispose();
    }
}
