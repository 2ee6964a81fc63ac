namespace Interop.Cli.Tests;

/// <summary>The onnxruntime engine's own checks: its output against torch's, and an exporter that cannot run.</summary>
public class OnnxRuntimeEngineTests
{
    private static readonly Workload SimpleCnn = Workload.ForModel("simple_cnn", Workload.Infer, batch: 2, size: 8, Workload.BinaryCrossEntropy,
        warmup: 1, stepsPerRound: 1, rounds: 1);

    [Fact]
    public void ExportedModelMatchesTorchAndRunsWithoutManagedAllocation()
    {
        using var export = new OnnxExport("/usr/bin/python3", SimpleCnn, threads: 1);
        using var session = new OnnxRuntimeSession(export.Prefix, SimpleCnn, threads: 1);
        session.Run(3);

        long before = GC.GetAllocatedBytesForCurrentThread();
        session.Run(20);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.StartsWith("torch ", export.Exporter);
    }

    [Fact]
    public void OutputThatDiffersFromTorchsIsRefused()
    {
        using var export = new OnnxExport("/usr/bin/python3", SimpleCnn, threads: 1);
        string reference = export.Prefix + ".output";
        float[] outputs = OnnxRuntimeSession.ReadFloats(reference);
        outputs[3] += 0.01f;
        File.WriteAllBytes(reference, outputs.SelectMany(BitConverter.GetBytes).ToArray());

        var error = Assert.Throws<InvalidOperationException>(() => new OnnxRuntimeSession(export.Prefix, SimpleCnn, threads: 1));
        Assert.Contains("ONNX Runtime's output differs from torch's", error.Message);
    }

    [Fact]
    public void ModelTheExporterCannotExpressIsReportedWithTheExportersReason()
    {
        // VGG16's features leave a 1x1 map of a 32x32 input, which ONNX cannot pool adaptively to 7x7.
        var vgg16 = Workload.ForModel("vgg16", Workload.Infer, batch: 1, size: 32, Workload.BinaryCrossEntropy, warmup: 1, stepsPerRound: 1, rounds: 1);

        var error = Assert.Throws<ModelNotExportableException>(() => new OnnxExport("/usr/bin/python3", vgg16, threads: 1));
        Assert.StartsWith("torch ", error.Message);
        Assert.Contains("adaptive_avg_pool2d", error.Message);
    }

    [Fact]
    public void MissingExporterSaysWhatTheEngineNeeds()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new OnnxExport("/nonexistent/python3", SimpleCnn, threads: 1));
        Assert.Contains("exports its model with torch.onnx", error.Message);
        Assert.Contains("python3-onnx", error.Message);
    }
}
