using System.Diagnostics;
using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// A study model exported to ONNX by python/export_onnx.py, in the Python engine's interpreter:
/// the same architecture and seed as Python's model, with the torch output on the study's
/// input beside it, so ONNX Runtime's output can be checked against libtorch's. The files live
/// in a folder of their own, deleted on dispose.
/// </summary>
internal sealed class OnnxExport : IDisposable
{
    private readonly string folder;

    /// <summary>The path of the files without extension: .onnx, .input, .output and .result.</summary>
    public string Prefix { get; }

    public long ParameterCount { get; }

    /// <summary>The torch that exported the model, for example "torch 2.14.1".</summary>
    public string Exporter { get; }

    public OnnxExport(string python, Workload workload, int threads)
    {
        folder = Path.Combine(Path.GetTempPath(), "interop-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Prefix = Path.Combine(folder, workload.Model);
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "python", "export_onnx.py"));
        foreach (string argument in PythonEngine.Arguments(workload, threads)) start.ArgumentList.Add(argument);
        start.ArgumentList.Add("--out");
        start.ArgumentList.Add(Prefix);
        string line;
        try
        {
            using Process child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python}.");
            // The exporter's graph dumps are noise here; the script's result is in a file of its own.
            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            if (child.ExitCode != 0 && child.ExitCode != NotExportable)
                throw new InvalidOperationException($"{Remedy(python)} export_onnx.py failed (its error is above).");
            line = File.ReadAllText(Prefix + ".result").Trim();
            if (child.ExitCode == NotExportable) throw new ModelNotExportableException(line["unexportable ".Length..]);
        }
        catch (Exception e)
        {
            Dispose();
            if (e is System.ComponentModel.Win32Exception) throw new InvalidOperationException($"{Remedy(python)} {python} could not start ({e.Message}).", e);
            throw;
        }
        string[] fields = line.Split(' ', 3);
        ParameterCount = long.Parse(fields[1], CultureInfo.InvariantCulture);
        Exporter = fields[2];
    }

    // export_onnx.py's exit code when torch.onnx cannot express the model.
    private const int NotExportable = 3;

    private static string Remedy(string python) =>
        $"The onnxruntime engine exports its model with torch.onnx in {python} (python3-torch, and python3-onnx on torch 2.x):";

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

/// <summary>torch.onnx cannot express the model (for example VGG16's 7x7 adaptive pooling over a 4x4 map); the message is the exporter's reason.</summary>
internal sealed class ModelNotExportableException(string reason) : Exception(reason);
