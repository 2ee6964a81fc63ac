using System.Diagnostics;
using Interop.Bench;
using Interop.Torch;

namespace Interop.Cli.Bench;

/// <summary>
/// Inference: the C# <see cref="TorchPredictor"/> against the shim's C++ loop over the same model
/// in evaluation mode, and a second predictor over the model optimized for inference (made on
/// first use, so the other engines do not pay for it).
/// </summary>
internal sealed class InferSession : ITorchSession
{
    private readonly NativeModule model;
    private readonly TorchPredictor predictor;
    private readonly float[] images;
    private readonly float[] outputs;
    private readonly Tensor batch;
    private readonly Tensor output;
    private TorchPredictor? optimized;

    public InferSession(Workload workload)
    {
        model = TorchSession.CreateModel(workload);
        long[] shape = workload.InputShape;
        predictor = new TorchPredictor(model, shape);
        images = StudyData.Images(predictor.InputLength);
        outputs = new float[predictor.OutputLength];
        batch = Tensor.FromArray(images, shape);
        output = Tensor.Empty([.. predictor.OutputShape]);
    }

    public long ParameterCount => model.ParameterCount;

    public TimeSpan RunCSharp(int steps)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) predictor.Predict(images, outputs);
        return Stopwatch.GetElapsedTime(start);
    }

    public TimeSpan RunCSharpOptimized(int steps)
    {
        optimized ??= new TorchPredictor(model, batch.Shape, optimizeForInference: true);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) optimized.Predict(images, outputs);
        return Stopwatch.GetElapsedTime(start);
    }

    public TimeSpan RunCpp(int steps) => NativeBenchmarks.InferLoop(model, batch, output, steps);

    public void Dispose()
    {
        predictor.Dispose();
        optimized?.Dispose();
        batch.Dispose();
        output.Dispose();
        model.Dispose();
    }
}
