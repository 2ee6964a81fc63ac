using Interop.Torch;

namespace Interop.Cli.Bench;

/// <summary>
/// A workload set up once in this process: model, optimizer and data. The C# engine and the
/// C++ engine run it over these very objects, so their difference is what the binding costs.
/// </summary>
internal interface ITorchSession : IDisposable
{
    /// <summary>Parameters of the model (0 for the per-op workload), compared with Python's.</summary>
    long ParameterCount { get; }

    /// <summary>Runs <paramref name="steps"/> steps of the hand-written C# loop.</summary>
    TimeSpan RunCSharp(int steps);

    /// <summary>Runs <paramref name="steps"/> steps of the same loop written in C++ inside the shim.</summary>
    TimeSpan RunCpp(int steps);
}

internal static class TorchSession
{
    public static ITorchSession Create(Workload workload) => workload.Phase switch
    {
        Workload.Op => new OpSession(),
        Workload.Train => new TrainSession(workload),
        Workload.Infer => new InferSession(workload),
        _ => throw new ArgumentException($"Unknown phase '{workload.Phase}'.", nameof(workload)),
    };

    public static NativeModule CreateModel(Workload workload) =>
        Zoo.Create(workload.Model, workload.Classes, workload.Channels, workload.Height, workload.Width);
}
