using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;

namespace Interop.Cli.Bench;

/// <summary>
/// The onnxruntime engine: an exported study model served by ONNX Runtime from C#, the peer the
/// study recommends for CPU inference. Input and output are OrtValues over arrays allocated
/// once and bound to the session, so a step copies nothing and allocates no managed memory; the
/// thread count is the study's. Before timing, its output on the exporter's input is checked
/// against the exporter's torch output.
/// </summary>
internal sealed class OnnxRuntimeSession : IDisposable
{
    // As the C# engine's own check: float32 logits after some fifty layers, computed by two libraries.
    private const float Tolerance = 1e-4f;

    private readonly InferenceSession session;
    private readonly RunOptions runOptions = new();
    private readonly OrtValue input;
    private readonly OrtValue output;
    private readonly OrtIoBinding binding;

    public static string Runtime => $"ONNX Runtime {OrtEnv.Instance().GetVersionString()}";

    public OnnxRuntimeSession(string prefix, Workload workload, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        session = new InferenceSession(prefix + ".onnx", options);
        float[] images = ReadFloats(prefix + ".input");
        float[] expected = ReadFloats(prefix + ".output");
        var outputs = new float[expected.Length];
        input = OrtValue.CreateTensorValueFromMemory(images, workload.InputShape);
        output = OrtValue.CreateTensorValueFromMemory(outputs, [workload.Batch, expected.Length / workload.Batch]);
        binding = session.CreateIoBinding();
        binding.BindInput("input", input);
        binding.BindOutput("output", output);
        Run(1);
        CheckAgainst(expected, outputs, workload);
        StudyData.Images(images.Length).CopyTo(images, 0);
    }

    public TimeSpan Run(int steps)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) session.RunWithBinding(runOptions, binding);
        return Stopwatch.GetElapsedTime(start);
    }

    private static void CheckAgainst(float[] expected, float[] actual, Workload workload)
    {
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Max(1f, Math.Abs(expected[i])));
        if (!(worst <= Tolerance))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{workload.Label}: ONNX Runtime's output differs from torch's by {worst:G3} (relative, over 1 in magnitude), more than {Tolerance:G3}."));
        }
    }

    /// <summary>A file of raw little-endian float32 values, as export_onnx.py writes them.</summary>
    internal static float[] ReadFloats(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var values = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, values, 0, values.Length * sizeof(float));
        return values;
    }

    public void Dispose()
    {
        binding.Dispose();
        input.Dispose();
        output.Dispose();
        runOptions.Dispose();
        session.Dispose();
    }
}
