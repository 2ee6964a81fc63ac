using System.Diagnostics;
using Interop.Bench;
using Interop.Torch;
using Interop.Torch.Distributed;

namespace Interop.Cli.Bench;

/// <summary>
/// Training: the C# <see cref="TorchTrainer"/> against the shim's C++ loop, both stepping the
/// same model with the same SGD optimizer (lr 0.01, momentum 0.9, as the Python engine). The
/// csharp-loader engine steps the same trainer on batches a <see cref="DataLoader{TInput, TTarget}"/>
/// prepares, to show whether the loop waits on the loader's copies; the csharp-bf16 engine steps
/// it under CPU bfloat16 autocast, to compare mixed precision with float32 on the same model and data.
/// With <c>dataParallel</c> the trainer is one rank of a data-parallel group (the ddp phase's
/// C# ranks, <see cref="DataParallelRank"/>).
/// </summary>
internal sealed class TrainSession : ITorchSession
{
    private readonly NativeModule model;
    private readonly Tensor[] parameters;
    private readonly Optimizer optimizer;
    private readonly TorchTrainer trainer;
    private readonly TrainingLoss loss;
    private readonly float[] images;
    private readonly float[]? binaryTargets;
    private readonly long[]? classTargets;
    private readonly Tensor batch;
    private readonly Tensor targets;
    private readonly Workload workload;
    private LoaderFeed<long>? classFeed;
    private LoaderFeed<float>? binaryFeed;

    public TrainSession(Workload workload, DataParallelOptions? dataParallel = null)
    {
        this.workload = workload;
        model = TorchSession.CreateModel(workload);
        parameters = model.Parameters();
        optimizer = Optimizer.Sgd(parameters, learningRate: 0.01, momentum: 0.9);
        long[] inputShape = workload.InputShape;
        images = StudyData.Images(inputShape.Aggregate(1L, (a, b) => a * b));
        batch = Tensor.FromArray(images, inputShape);
        if (workload.Loss == Workload.CrossEntropy)
        {
            loss = TrainingLoss.CrossEntropy;
            classTargets = StudyData.ClassTargets(workload.Batch, workload.Classes);
            targets = Tensor.FromArray(classTargets, workload.Batch);
            trainer = new TorchTrainer(model, optimizer, loss, inputShape, [workload.Batch], dataParallel: dataParallel);
        }
        else
        {
            loss = TrainingLoss.BinaryCrossEntropyWithLogits;
            binaryTargets = StudyData.BinaryTargets((long)workload.Batch * workload.Classes);
            targets = Tensor.FromArray(binaryTargets, workload.Batch, workload.Classes);
            trainer = new TorchTrainer(model, optimizer, loss, inputShape, [workload.Batch, workload.Classes], dataParallel: dataParallel);
        }
    }

    public long ParameterCount => model.ParameterCount;

    public TimeSpan RunCSharp(int steps)
    {
        long start = Stopwatch.GetTimestamp();
        if (classTargets is not null)
        {
            for (int i = 0; i < steps; i++) trainer.Step(images, classTargets);
        }
        else
        {
            for (int i = 0; i < steps; i++) trainer.Step(images, binaryTargets!);
        }
        return Stopwatch.GetElapsedTime(start);
    }

    // PyTorch's CPU mixed-precision step: one autocast scope per step, so the bfloat16 copies of
    // the weights it caches are dropped before the optimizer's update is read again.
    public TimeSpan RunCSharpUnderAutocast(int steps)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            using (LibTorch.Autocast())
            {
                if (classTargets is not null) trainer.Step(images, classTargets);
                else trainer.Step(images, binaryTargets!);
            }
        }
        return Stopwatch.GetElapsedTime(start);
    }

    public TimeSpan RunCSharpFedByLoader(int steps)
    {
        long start;
        if (classTargets is not null)
        {
            classFeed ??= new(new TensorDataset<float, long>(LoaderImages(), LoaderShape(), StudyData.ClassTargets(LoaderSamples, workload.Classes), [LoaderSamples]), workload.Batch);
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++)
            {
                var batch = classFeed.Next();
                trainer.Step(batch.InputValues, batch.TargetValues);
            }
        }
        else
        {
            binaryFeed ??= new(new TensorDataset<float, float>(LoaderImages(), LoaderShape(),
                StudyData.BinaryTargets((long)LoaderSamples * workload.Classes), [LoaderSamples, workload.Classes]), workload.Batch);
            start = Stopwatch.GetTimestamp();
            for (int i = 0; i < steps; i++)
            {
                var batch = binaryFeed.Next();
                trainer.Step(batch.InputValues, batch.TargetValues);
            }
        }
        return Stopwatch.GetElapsedTime(start);
    }

    private int LoaderSamples => LoaderFeed<float>.Batches(images.LongLength) * workload.Batch;

    private long[] LoaderShape() => [LoaderSamples, .. workload.InputShape[1..]];

    private float[] LoaderImages() => StudyData.Images(LoaderShape().Aggregate(1L, (a, b) => a * b));

    public TimeSpan RunCpp(int steps) => NativeBenchmarks.TrainLoop(model, optimizer, loss, batch, targets, steps);

    public void Dispose()
    {
        classFeed?.Dispose();
        binaryFeed?.Dispose();
        trainer.Dispose();
        optimizer.Dispose();
        foreach (Tensor parameter in parameters) parameter.Dispose();
        batch.Dispose();
        targets.Dispose();
        model.Dispose();
    }
}
