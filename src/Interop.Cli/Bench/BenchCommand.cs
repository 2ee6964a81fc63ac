using System.CommandLine;
using System.CommandLine.Parsing;
using Interop.Torch;
using Spectre.Console;

namespace Interop.Cli.Bench;

/// <summary>
/// `interop bench`: the TensorFlow-vs-PyTorch study from C#, with the same loops in C++ inside
/// the shim and in Python PyTorch, interleaved in one run.
/// </summary>
internal static class BenchCommand
{
    // Debian's python3-torch lives under the system Python, not under a pyenv or venv Python
    // that may come first on PATH; Windows has no /usr/bin.
    private static readonly string DefaultPython = OperatingSystem.IsWindows() ? "python" : "/usr/bin/python3";

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "The quick profile (per-op, SimpleNN and SimpleCNN train, SimpleCNN and ResNet18 infer; a few minutes); other workload options are ignored." };
        var models = new Option<string>("--models") { Description = $"Comma-separated zoo models: {string.Join(", ", Zoo.Names)}.", DefaultValueFactory = _ => "resnet18,mobilenet_v2,efficientnet_b0" };
        var phases = new Option<string>("--phases") { Description = "Comma-separated phases: op, train, infer, ddp (data-parallel training: 1 rank, 2 ranks, and one process of twice the threads on both ranks' batches; engines csharp, csharp-no-overlap, python).", DefaultValueFactory = _ => "train,infer" };
        var engines = new Option<string>("--engines") { Description = "Comma-separated engines, in the order they take turns: csharp, csharp-loader (the C# trainer fed by a DataLoader; train only), csharp-bf16 (the C# trainer under CPU bfloat16 autocast; train only), csharp-optimized (the C# predictor over the model optimized for inference; infer only), csharp-no-overlap (C# data-parallel ranks that all-reduce after backward; ddp only), cpp, python, onnxruntime (ONNX Runtime serving Python's model exported to ONNX; infer only), torchsharp (TorchSharp 0.107 in a child process; needs GLIBCXX_3.4.32, e.g. the sid root of bench-torch2), torchsharp-inplace (TorchSharp's add_; op only).", DefaultValueFactory = _ => "csharp,cpp,python,csharp-optimized,onnxruntime" };
        var device = new Option<string>("--device") { Description = "cpu or cuda.", DefaultValueFactory = _ => "cpu" };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default: 16 for train, 1 for infer)." };
        var size = new Option<int>("--size") { Description = "Image height and width for the image models.", DefaultValueFactory = _ => 128 };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads, the same for every engine.", DefaultValueFactory = _ => 1 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up steps per engine before timing.", DefaultValueFactory = _ => 3 };
        var steps = new Option<int>("--steps") { Description = "Steps per timed round (per-op: adds per round).", DefaultValueFactory = _ => 5 };
        var rounds = new Option<int>("--rounds") { Description = "Timed rounds per engine.", DefaultValueFactory = _ => 7 };
        var loss = new Option<string>("--loss") { Description = "bce (the study's: binary cross-entropy with logits over random 0/1 targets) or cross_entropy.", DefaultValueFactory = _ => Workload.BinaryCrossEntropy };
        var output = new Option<string>("--out") { Description = "Folder for report.md, results.csv, results.json and the SVG charts.", DefaultValueFactory = _ => Path.Combine("build", "bench") };
        var json = new Option<string?>("--json") { Description = "Also write the records as JSON to this path." };
        var python = new Option<string>("--python") { Description = "The Python with torch and torchvision for the python engine.", DefaultValueFactory = _ => DefaultPython };
        var torchSharp = new Option<string>("--torchsharp") { Description = "The built Interop.Bench.TorchSharp.dll for the torchsharp engines.", DefaultValueFactory = _ => TorchSharpEngine.DefaultPath };

        var command = new Command("bench", "The study: training step, inference and per-op overhead, C# against the same loop in C++ and in Python PyTorch.")
        {
            quick, models, phases, engines, device, batch, size, threads, warmup, steps, rounds, loss, output, json, python, torchSharp,
        };
        command.Subcommands.Add(CreateProbe());
        command.Subcommands.Add(CreateRank());
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"bench: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is InvalidOperationException or TorchException)
            {
                // A failed engine or probe: the message names it and what to do.
                Console.Error.WriteLine($"bench failed: {e.Message}");
                return 1;
            }
        });
        return command;

        int Run(ParseResult parse)
        {
            Require(parse.GetValue(device) == "cpu" || parse.GetValue(device) == "cuda", "--device is cpu or cuda.");
            if (parse.GetValue(device) == "cuda") return RefuseCuda();
            string lossName = parse.GetValue(loss)!;
            Require(lossName is Workload.BinaryCrossEntropy or Workload.CrossEntropy, "--loss is bce or cross_entropy.");
            IReadOnlyList<Workload> workloads = parse.GetValue(quick)
                ? Workload.QuickProfile(lossName)
                : Workloads(List(parse.GetValue(models)!, Zoo.Names, "model"), List(parse.GetValue(phases)!, Workload.Phases, "phase"),
                    parse.GetValue(batch), parse.GetValue(size), lossName, parse.GetValue(threads), parse.GetValue(warmup), parse.GetValue(steps), parse.GetValue(rounds));
            var plan = new StudyPlan(workloads, List(parse.GetValue(engines)!, StudyRunner.KnownEngines, "engine"),
                parse.GetValue(threads), parse.GetValue(python)!, parse.GetValue(output)!, parse.GetValue(json),
                "interop " + string.Join(' ', parse.Tokens.Select(t => t.Value)), parse.GetValue(torchSharp));
            TorchSharpEngine.RequireRunnable(plan.Engines, plan.Workloads, plan.TorchSharp!);
            new StudyRunner(plan, AnsiConsole.Console).Run();
            return 0;
        }
    }

    private static List<Workload> Workloads(IReadOnlyList<string> models, IReadOnlyList<string> phases, int? batch, int size,
        string loss, int threads, int warmup, int steps, int rounds)
    {
        Require(size >= 4 && warmup >= 0 && steps >= 1 && rounds >= 1 && batch is null or >= 1,
            "--size must be at least 4, --warmup at least 0, and --batch, --steps and --rounds at least 1.");
        var workloads = new List<Workload>();
        if (phases.Contains(Workload.Op)) workloads.Add(Workload.AddOp(steps, rounds));
        foreach (string phase in phases.Where(p => p != Workload.Op))
        {
            int phaseBatch = batch ?? (phase == Workload.Infer ? 1 : 16);
            foreach (string model in models)
            {
                if (phase == Workload.DataParallel) workloads.AddRange(Workload.DataParallelStudy(model, phaseBatch, size, loss, threads, warmup, steps, rounds));
                else workloads.Add(Workload.ForModel(model, phase, phaseBatch, size, loss, warmup, steps, rounds));
            }
        }
        return workloads;
    }

    // The CUDA loops (device-resident batches, mixed precision, CUDA graphs) belong to the CUDA
    // work; until they exist a CUDA run is refused rather than timed on the wrong device.
    private static int RefuseCuda()
    {
        Console.Error.WriteLine(LibTorch.CudaIsAvailable
            ? "bench --device cuda: the CUDA train and infer loops are not built yet; only --device cpu runs."
            : "bench --device cuda: CUDA is not available (this libtorch has no CUDA, or no GPU is present); use --device cpu.");
        return 2;
    }

    private static List<string> List(string text, IReadOnlyList<string> known, string what)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Require(items.Count > 0, $"Name at least one {what}.");
        foreach (string item in items) Require(known.Contains(item), $"Unknown {what} '{item}'; known: {string.Join(", ", known)}.");
        return items;
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new ArgumentException(message);
    }

    private static Command CreateProbe()
    {
        var engine = new Argument<string>("engine");
        var workload = new Argument<string>("workload");
        var threads = new Argument<int>("threads");
        var onnxModel = new Argument<string?>("onnx") { Arity = ArgumentArity.ZeroOrOne };
        var probe = new Command(MemoryProbe.CommandName, "Internal: one engine's peak RSS on one workload, in a process of its own.")
        {
            engine, workload, threads, onnxModel,
        };
        probe.Hidden = true;
        probe.SetAction(parse => MemoryProbe.Run(parse.GetValue(engine)!, Workload.Parse(parse.GetValue(workload)!), parse.GetValue(threads), parse.GetValue(onnxModel)));
        return probe;
    }

    private static Command CreateRank()
    {
        var engine = new Argument<string>("engine");
        var workload = new Argument<string>("workload");
        var rank = new Command(DataParallelRank.CommandName, "Internal: one C# rank of the ddp phase, in the environment of `interop launch`.") { engine, workload };
        rank.Hidden = true;
        rank.SetAction(parse => DataParallelRank.Run(parse.GetValue(engine)!, Workload.Parse(parse.GetValue(workload)!)));
        return rank;
    }
}
