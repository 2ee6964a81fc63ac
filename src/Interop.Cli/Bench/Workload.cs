using System.Globalization;

namespace Interop.Cli.Bench;

/// <summary>
/// One thing to time: a model in a phase at one shape, and how long to time it. Every engine
/// runs the same workload; <see cref="StepsPerRound"/> steps make one timed round, and the
/// engines take turns round by round. A data-parallel workload (phase ddp) runs on
/// <see cref="Ranks"/> processes of <see cref="RankThreads"/> threads each, every rank training
/// on a batch of <see cref="Batch"/>.
/// </summary>
internal sealed record Workload(
    string Model,
    string Phase,
    int Batch,
    int Channels,
    int Height,
    int Width,
    int Classes,
    string Loss,
    int WarmupSteps,
    int StepsPerRound,
    int Rounds,
    int Ranks = 1,
    int? RankThreads = null)
{
    public const string Op = "op";
    public const string Train = "train";
    public const string Infer = "infer";
    public const string DataParallel = "ddp";

    /// <summary>The phases in the order every output lists them.</summary>
    public static readonly IReadOnlyList<string> Phases = [Op, Train, Infer, DataParallel];
    public const string AddModel = "add";
    public const string BinaryCrossEntropy = "bce";
    public const string CrossEntropy = "cross_entropy";

    /// <summary>The MLP's input is a flat vector of this many features, not an image.</summary>
    public const int SimpleNNFeatures = 32;

    public bool HasImage => Phase != Op && Model != "simple_nn";

    /// <summary>The shape of one input batch, batch dimension first.</summary>
    public long[] InputShape => Model == "simple_nn" ? [Batch, SimpleNNFeatures] : [Batch, Channels, Height, Width];

    public string Label => Phase == Op ? "op add" : (HasImage
        ? string.Create(CultureInfo.InvariantCulture, $"{Phase} {Model} batch {Batch} {Channels}x{Height}x{Width}")
        : string.Create(CultureInfo.InvariantCulture, $"{Phase} {Model} batch {Batch}")) + RanksLabel;

    private string RanksLabel => Phase != DataParallel ? ""
        : string.Create(CultureInfo.InvariantCulture, $" per rank, {Ranks} rank(s) of {RankThreads} thread(s)");

    /// <summary>
    /// The data-parallel study of a model at <paramref name="threads"/> per rank: one rank and two
    /// ranks on a batch of <paramref name="batch"/> each (the scaling), and one process of twice
    /// the threads on both ranks' batches together (what the two ranks replace).
    /// </summary>
    public static IEnumerable<Workload> DataParallelStudy(string model, int batch, int size, string loss, int threads,
        int warmup, int stepsPerRound, int rounds)
    {
        Workload rank = ForModel(model, DataParallel, batch, size, loss, warmup, stepsPerRound, rounds);
        yield return rank with { Ranks = 1, RankThreads = threads };
        yield return rank with { Ranks = 2, RankThreads = threads };
        yield return rank with { Batch = 2 * batch, Ranks = 1, RankThreads = 2 * threads };
    }

    /// <summary>The per-op overhead workload: Add on 1-element tensors.</summary>
    public static Workload AddOp(int stepsPerRound, int rounds) =>
        new(AddModel, Op, 1, 1, 1, 1, 1, BinaryCrossEntropy, stepsPerRound, stepsPerRound, rounds);

    /// <summary>A model workload: the two small study models keep their own class counts, the zoo's image models have the study's 1000 outputs.</summary>
    public static Workload ForModel(string model, string phase, int batch, int size, string loss, int warmup, int stepsPerRound, int rounds) =>
        model switch
        {
            "simple_nn" => new(model, phase, batch, SimpleNNFeatures, 1, 1, 10, loss, warmup, stepsPerRound, rounds),
            "simple_cnn" => new(model, phase, batch, 3, size, size, 10, loss, warmup, stepsPerRound, rounds),
            _ => new(model, phase, batch, 3, size, size, 1000, loss, warmup, stepsPerRound, rounds),
        };

    /// <summary>
    /// `--quick`: per-op overhead, the MLP and the small CNN training at the study's batch
    /// sizes, the small CNN's inference and a batch-1 ResNet18 on a small image. Sized to finish
    /// within three minutes on a 2-core machine with all three engines and the memory probes.
    /// </summary>
    public static IReadOnlyList<Workload> QuickProfile(string loss) =>
    [
        AddOp(stepsPerRound: 20_000, rounds: 21),
        ForModel("simple_nn", Train, batch: 1000, size: 1, loss, warmup: 50, stepsPerRound: 50, rounds: 21),
        ForModel("simple_cnn", Train, batch: 64, size: 32, loss, warmup: 5, stepsPerRound: 4, rounds: 15),
        ForModel("simple_cnn", Infer, batch: 64, size: 32, loss, warmup: 10, stepsPerRound: 10, rounds: 15),
        ForModel("resnet18", Infer, batch: 1, size: 64, loss, warmup: 10, stepsPerRound: 10, rounds: 15),
    ];

    /// <summary>The workload as one command-line argument, for the child processes of the memory probe and the data-parallel ranks.</summary>
    public string ToArgument() => string.Join(',',
        [Model, Phase, .. new[] { Batch, Channels, Height, Width, Classes }.Select(v => v.ToString(CultureInfo.InvariantCulture)),
         Loss, .. new[] { WarmupSteps, StepsPerRound, Rounds, Ranks, RankThreads ?? 0 }.Select(v => v.ToString(CultureInfo.InvariantCulture))]);

    public static Workload Parse(string argument)
    {
        string[] f = argument.Split(',');
        if (f.Length != 13) throw new FormatException($"'{argument}' is not a workload.");
        int At(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
        return new(f[0], f[1], At(2), At(3), At(4), At(5), At(6), f[7], At(8), At(9), At(10), At(11), At(12) == 0 ? null : At(12));
    }
}
