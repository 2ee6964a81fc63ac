using System.Diagnostics;
using Interop.Bench;
using Interop.Torch;

namespace Interop.Cli.Bench;

/// <summary>
/// Training: the C# <see cref="TorchTrainer"/> against the shim's C++ loop, both stepping the
/// same model with the same SGD optimizer (lr 0.01, momentum 0.9, as the Python engine).
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

    public TrainSession(Workload workload)
    {
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
            trainer = new TorchTrainer(model, optimizer, loss, inputShape, [workload.Batch]);
        }
        else
        {
            loss = TrainingLoss.BinaryCrossEntropyWithLogits;
            binaryTargets = StudyData.BinaryTargets((long)workload.Batch * workload.Classes);
            targets = Tensor.FromArray(binaryTargets, workload.Batch, workload.Classes);
            trainer = new TorchTrainer(model, optimizer, loss, inputShape, [workload.Batch, workload.Classes]);
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

    public TimeSpan RunCpp(int steps) => NativeBenchmarks.TrainLoop(model, optimizer, loss, batch, targets, steps);

    public void Dispose()
    {
        trainer.Dispose();
        optimizer.Dispose();
        foreach (Tensor parameter in parameters) parameter.Dispose();
        batch.Dispose();
        targets.Dispose();
        model.Dispose();
    }
}
