using Interop.Torch;
using Interop.Torch.Distributed;
using Interop.DistributedCheck;

// One rank of a data-parallel test, in the environment `interop launch` sets:
//   collectives                  checks every collective's values across the ranks;
//   train OUT_DIR STEPS [FAULT]  trains data-parallel and writes this rank's weights;
//   reference OUT_DIR STEPS      the same training in one process on the ranks' batches together.
// FAULT is die:RANK:STEP or hang:RANK:STEP. WORLD_SIZE_OVERRIDE makes this rank claim another
// world size; TIMEOUT_SECONDS sets the group's timeout (default 60).
// Exit codes: 0 done, 1 a wrong value, 2 a DistributedException (printed).
LibTorch.Threads = 1;
try
{
    return args[0] switch
    {
        "collectives" => CollectiveChecks.Run(Join()),
        "train" => DataParallelRun.Train(Join(), args[1], int.Parse(args[2]), args.Length > 3 ? Fault.Parse(args[3]) : null),
        "reference" => DataParallelRun.Reference(args[1], int.Parse(args[2]), int.Parse(Environment.GetEnvironmentVariable("WORLD_SIZE")!)),
        _ => throw new ArgumentException($"unknown mode {args[0]}"),
    };
}
catch (DistributedException e)
{
    Console.WriteLine($"DistributedException: {e.Message}");
    return 2;
}
catch (WrongValueException e)
{
    Console.WriteLine($"wrong value: {e.Message}");
    return 1;
}

static ProcessGroup Join()
{
    DistributedOptions options = DistributedOptions.FromEnvironment(
        TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("TIMEOUT_SECONDS") ?? "60")));
    if (Environment.GetEnvironmentVariable("WORLD_SIZE_OVERRIDE") is { } size) options = options with { WorldSize = int.Parse(size) };
    return ProcessGroup.Initialize(options);
}
