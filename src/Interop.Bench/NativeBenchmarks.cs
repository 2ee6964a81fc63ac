using System.Runtime.InteropServices;
using Interop.Torch;
using Interop.Torch.Native;

namespace Interop.Bench;

/// <summary>
/// The benchmark-only loops of libitorch_bench.so: loops written in C++ over the same tensors,
/// modules and optimizers, the ceiling any binding can reach. Compare them with the same loop in C#.
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
        Check(ItorchBench.itorch_bench_add_loop(r.Pointer, x.Pointer, y.Pointer, iterations, &elapsed));
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
        using var module = model.Borrow();
        using var optim = optimizer.Borrow();
        long elapsed;
        Check(ItorchBench.itorch_bench_train_loop(module.Pointer, optim.Pointer, NativeLoss(loss), x.Pointer, y.Pointer, steps, &elapsed));
        return TimeSpan.FromTicks(elapsed / 100);
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
        using var module = model.Borrow();
        long elapsed;
        Check(ItorchBench.itorch_bench_infer_loop(module.Pointer, x.Pointer, r.Pointer, iterations, &elapsed));
        return TimeSpan.FromTicks(elapsed / 100);
    }

    // The library's own last error, thrown as the shim's error of that status would be.
    private static void Check(int status)
    {
        if (status == 0) return;
        string message = Marshal.PtrToStringUTF8((nint)ItorchBench.itorch_bench_last_error_message()) ?? "";
        throw Status.Error(status, message);
    }

    private static int NativeLoss(TrainingLoss loss) => loss switch
    {
        TrainingLoss.CrossEntropy => (int)itorch_loss.ITORCH_LOSS_CROSS_ENTROPY,
        TrainingLoss.MeanSquaredError => (int)itorch_loss.ITORCH_LOSS_MSE,
        TrainingLoss.BinaryCrossEntropyWithLogits => (int)itorch_loss.ITORCH_LOSS_BCE_WITH_LOGITS,
        _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Unknown loss."),
    };
}
