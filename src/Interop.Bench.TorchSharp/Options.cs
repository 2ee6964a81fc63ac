using System.Globalization;

namespace Interop.Bench.TorchSharp;

/// <summary>
/// The workload, from the options `interop bench` gives every child engine (PythonEngine.Arguments,
/// the same as python/study_loop.py's), plus --in-place for the op row that adds in place.
/// </summary>
internal sealed record Options(string Model, string Phase, int Batch, int Channels, int Height, int Width,
    int Classes, string Loss, int Threads, bool InPlace)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool inPlace = false;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--in-place") { inPlace = true; continue; }
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                throw new ArgumentException($"expected --NAME VALUE, got '{args[i]}'");
            }
            values[args[i][2..]] = args[++i];
        }
        string Text(string name, string? fallback = null) =>
            (values.TryGetValue(name, out string? text) ? text : fallback) ?? throw new ArgumentException($"--{name} is required");
        int Number(string name, int fallback)
        {
            int value = values.TryGetValue(name, out string? text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return value >= 1 ? value : throw new ArgumentException($"--{name} must be at least 1");
        }
        var options = new Options(Text("model"), Text("phase"), Number("batch", 1), Number("channels", 3),
            Number("height", 224), Number("width", 224), Number("classes", 1000), Text("loss", "cross_entropy"),
            Number("threads", 1), inPlace);
        if ((options.Phase == "op") != (options.Model == "add"))
        {
            throw new ArgumentException("the model is 'add' exactly when the phase is 'op'");
        }
        if (options.Phase is not ("op" or "train" or "infer")) throw new ArgumentException($"unknown phase '{options.Phase}'");
        if (options.Loss is not ("bce" or "cross_entropy")) throw new ArgumentException($"unknown loss '{options.Loss}'");
        if (inPlace && options.Phase != "op") throw new ArgumentException("--in-place is for the op phase only");
        return options;
    }
}
