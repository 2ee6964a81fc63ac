using System.Diagnostics;
using System.Globalization;
using Interop.Bench.TorchSharp;
using TorchSharp;

// The torchsharp engine of `interop bench` (src/Interop.Cli/Bench/TorchSharpEngine.cs): builds
// one workload, prints "ready PARAMETERS RUNTIME", then answers the harness line by line
// (ChildEngine's protocol, the same as python/study_loop.py's).
try
{
    Options options = Options.Parse(args);
    NativeCheck.Run();
    torch.manual_seed(0);
    torch.set_num_threads(options.Threads);
    var (step, parameters) = Build(options);
    Console.WriteLine($"ready {parameters} TorchSharp {Version(typeof(torch))}, libtorch {torch.__version__}");
    Serve(step);
    return 0;
}
catch (Exception e)
{
    // On stderr, which the harness passes through: its stdout carries only the protocol.
    Console.Error.WriteLine($"torchsharp: {e.GetType().Name}: {e.Message}");
    return 1;
}

static (Action Step, long Parameters) Build(Options options)
{
    if (options.Phase == "op") return (options.InPlace ? Steps.AddInPlace() : Steps.Add(), 0);
    var model = Models.Build(options);
    long parameters = model.parameters().Sum(p => p.numel());
    var (images, targets) = Steps.Data(options);
    return (options.Phase == "train" ? Steps.Train(model, images, targets, options.Loss) : Steps.Infer(model, images), parameters);
}

static void Serve(Action step)
{
    string? line;
    while ((line = Console.ReadLine()) is not null)
    {
        string command = line.Trim();
        if (command == "quit") break;
        if (command == "memory")
        {
            Console.WriteLine(PeakRssMb().ToString(CultureInfo.InvariantCulture));
            continue;
        }
        int steps = int.Parse(command, CultureInfo.InvariantCulture);
        // Every thread's allocations, not only this one's: whatever TorchSharp allocates on the
        // finalizer or another thread during the steps is the steps' cost too.
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++) step();
        long elapsed = Stopwatch.GetTimestamp() - start;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        long nanoseconds = (long)(elapsed * (1e9 / Stopwatch.Frequency));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{nanoseconds} {allocated}"));
    }
}

// VmHWM: the peak resident set, in kB, which is what the Python child reads too.
static double PeakRssMb()
{
    string line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
}

static string Version(Type type) =>
    type.Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "unknown";
