namespace Interop.Cli.Bench;

/// <summary>
/// One row of the study: one engine on one workload. Figures that do not apply are null
/// (Python has no managed bytes; a CPU run has no device peak; a run without a C++ engine has
/// no ratio to it). Threads are per process; only the data-parallel phase runs more than one
/// rank. Later engines (tf) and devices (cuda) are new values of the same fields.
/// </summary>
internal sealed record BenchRecord(
    string Engine,
    string Model,
    string Phase,
    string Device,
    int Batch,
    int? Height,
    int? Width,
    int Threads,
    int Ranks,
    double MedianMs,
    double P10Ms,
    double P90Ms,
    double? ManagedBytesPerStep,
    double? PeakRssMb,
    double? PeakDeviceMb,
    double? RatioVsCpp,
    double? RatioVsPython);

/// <summary>
/// What a report says about the run as a whole; <paramref name="EngineRuntimes"/> names what each
/// engine ran on, and <paramref name="NotRun"/> each engine left out of a workload, and why.
/// </summary>
internal sealed record BenchContext(
    string Command,
    string LibTorchVersion,
    IReadOnlyDictionary<string, string> EngineRuntimes,
    IReadOnlyList<string> NotRun,
    string DotnetVersion,
    int Threads,
    string Machine,
    DateTimeOffset Started);
