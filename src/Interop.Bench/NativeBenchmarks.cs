using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>
/// The shim's benchmark-only exports: loops written in C++ over the same tensors, the
/// ceiling any binding can reach. Compare them with the same loop in C#.
/// </summary>
public static unsafe class NativeBenchmarks
{
    /// <summary>Runs <paramref name="iterations"/> of at::add_out(result, a, b) in C++ and returns the time they took.</summary>
    public static TimeSpan AddLoop(Tensor a, Tensor b, Tensor result, long iterations)
    {
        using var x = a.Borrow();
        using var y = b.Borrow();
        using var r = result.Borrow();
        long elapsed;
        Status.Check(Itorch.itorch_bench_add_loop(r.Pointer, x.Pointer, y.Pointer, iterations, &elapsed));
        return TimeSpan.FromTicks(elapsed / 100);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> training steps in C++, the same step as <see cref="TorchTrainer"/>
    /// (copy the batch and targets in, clear gradients, forward, loss, read the loss, backward,
    /// optimizer step), over <paramref name="model"/> and <paramref name="optimizer"/> themselves.
    /// <paramref name="targets"/> holds class indices for cross-entropy, float targets of the
    /// output's shape for the other losses. The model's training mode is the caller's to set.
    /// </summary>
    public static TimeSpan TrainLoop(NativeModule model, Optimizer optimizer, TrainingLoss loss, Tensor batch,
        Tensor targets, long steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        using var x = batch.Borrow();
        using var y = targets.Borrow();
        itorch_module* module = model.AddRef();
        try
        {
            itorch_optimizer* optim = optimizer.AddRef();
            try
            {
                long elapsed;
                Status.Check(Itorch.itorch_bench_train_loop(module, optim, NativeLoss(loss), x.Pointer, y.Pointer, steps, &elapsed));
                return TimeSpan.FromTicks(elapsed / 100);
            }
            finally
            {
                optimizer.DangerousRelease();
            }
        }
        finally
        {
            model.DangerousRelease();
        }
    }

    /// <summary>
    /// Runs <paramref name="iterations"/> inference calls in C++ without autograd, the same call
    /// as <see cref="TorchPredictor"/> (copy the batch in, forward, copy the output into
    /// <paramref name="output"/>, which must be preallocated with the output's shape).
    /// </summary>
    public static TimeSpan InferLoop(NativeModule model, Tensor batch, Tensor output, long iterations)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var x = batch.Borrow();
        using var r = output.Borrow();
        itorch_module* module = model.AddRef();
        try
        {
            long elapsed;
            Status.Check(Itorch.itorch_bench_infer_loop(module, x.Pointer, r.Pointer, iterations, &elapsed));
            return TimeSpan.FromTicks(elapsed / 100);
        }
        finally
        {
            model.DangerousRelease();
        }
    }

    private static int NativeLoss(TrainingLoss loss) => loss switch
    {
        TrainingLoss.CrossEntropy => (int)itorch_loss.ITORCH_LOSS_CROSS_ENTROPY,
        TrainingLoss.MeanSquaredError => (int)itorch_loss.ITORCH_LOSS_MSE,
        TrainingLoss.BinaryCrossEntropyWithLogits => (int)itorch_loss.ITORCH_LOSS_BCE_WITH_LOGITS,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };
}
