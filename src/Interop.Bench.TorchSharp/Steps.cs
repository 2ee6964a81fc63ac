using TorchSharp;
using static TorchSharp.torch;

namespace Interop.Bench.TorchSharp;

/// <summary>
/// One step of each phase, as python/study_loop.py runs it, written the way a TorchSharp user
/// writes it: each step in its own dispose scope, so the tensors it makes are freed when it
/// ends rather than when the GC finalizes them.
/// </summary>
internal static class Steps
{
    /// <summary>The per-op overhead row: <c>a + b</c>, a new tensor each step.</summary>
    public static Action Add()
    {
        Tensor a = ones(1), b = ones(1);
        return () =>
        {
            using (NewDisposeScope())
            {
                Tensor sum = a + b;
            }
        };
    }

    /// <summary>
    /// The in-place row: <c>a.add_(b)</c>, which makes no tensor (it returns <c>a</c>). In a
    /// scope too, as every step: the implicit alpha of 1 becomes a native Scalar each call.
    /// </summary>
    public static Action AddInPlace()
    {
        Tensor a = ones(1), b = ones(1);
        return () =>
        {
            using (NewDisposeScope())
            {
                a.add_(b);
            }
        };
    }

    /// <summary>The study's data: uint8 random images scaled to [0, 1], and random targets for the loss.</summary>
    public static (Tensor Images, Tensor Targets) Data(Options options)
    {
        long[] shape = options.Model == "simple_nn"
            ? [options.Batch, Models.SimpleNNFeatures]
            : [options.Batch, options.Channels, options.Height, options.Width];
        Tensor images = randint(0, 256, shape, dtype: ScalarType.Byte).to_type(ScalarType.Float32) / 255;
        Tensor targets = options.Loss == "bce"
            ? randint(0, 2, [options.Batch, options.Classes]).to_type(ScalarType.Float32)
            : randint(0, options.Classes, [options.Batch]);
        return (images, targets);
    }

    /// <summary>SGD with momentum: zero the gradients, the loss, its value checked, backward, step.</summary>
    public static Action Train(nn.Module<Tensor, Tensor> model, Tensor images, Tensor targets, string loss)
    {
        model.train();
        var optimizer = optim.SGD(model.parameters(), learningRate: 0.01, momentum: 0.9);
        nn.Module<Tensor, Tensor, Tensor> criterion = loss == "bce" ? nn.BCEWithLogitsLoss() : nn.CrossEntropyLoss();
        Tensor input = empty_like(images), target = empty_like(targets);
        return () =>
        {
            using (NewDisposeScope())
            {
                input.copy_(images);
                target.copy_(targets);
                optimizer.zero_grad();
                Tensor output = criterion.forward(model.forward(input), target);
                float value = output.item<float>();
                if (!float.IsFinite(value)) throw new InvalidOperationException($"the loss is {value}, not finite");
                output.backward();
                optimizer.step();
            }
        };
    }

    /// <summary>Inference into an output allocated once: eval mode, no gradients.</summary>
    public static Action Infer(nn.Module<Tensor, Tensor> model, Tensor images)
    {
        model.eval();
        Tensor input = empty_like(images);
        Tensor dest;
        using (no_grad())
        using (NewDisposeScope())
        {
            dest = model.forward(images).MoveToOuterDisposeScope();
        }
        dest = empty_like(dest);
        return () =>
        {
            using (no_grad())
            using (NewDisposeScope())
            {
                input.copy_(images);
                dest.copy_(model.forward(input));
            }
        };
    }
}
