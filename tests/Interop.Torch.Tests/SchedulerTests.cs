using System.Text.Json;

namespace Interop.Torch.Tests;

/// <summary>
/// The learning-rate schedulers against PyTorch's, step by step: the cases and their rates and
/// momenta come from Fixtures/scheduler_cases.json (written by Fixtures/make_scheduler_fixture.py).
/// </summary>
public class SchedulerTests
{
    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (JsonElement c in Cases().EnumerateArray()) names.Add(c.GetProperty("name").GetString()!);
        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void RatesAndMomentaMatchPyTorchStepByStep(string name)
    {
        JsonElement c = Cases().EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        double[] rates = Values(c, "learning_rates");
        double[] momenta = Values(c, "momenta");
        using var parameter = Tensor.Ones(2);
        parameter.RequiresGrad = true;
        using Optimizer optimizer = c.GetProperty("optimizer").GetString() == "sgd"
            ? Optimizer.Sgd([parameter], learningRate: 0.1, momentum: 0.9)
            : Optimizer.Adam([parameter], learningRate: 0.1);
        LearningRateScheduler scheduler = Create(c.GetProperty("scheduler").GetString()!, optimizer, c.GetProperty("args"));
        for (int step = 0; step < rates.Length; step++)
        {
            if (step > 0)
            {
                SetGradient(parameter);
                optimizer.Step();
                scheduler.Step();
            }
            Assert.Equal(step, scheduler.LastEpoch);
            AssertClose(rates[step], optimizer.LearningRate, $"{name}: rate after {step} steps");
            AssertClose(rates[step], scheduler.LearningRate, $"{name}: LearningRate after {step} steps");
            AssertClose(momenta[step], optimizer.Momentum, $"{name}: momentum after {step} steps");
        }
    }

    [Fact]
    public void OneCycleRefusesToStepPastItsTotal()
    {
        using var parameter = Tensor.Ones(1);
        using var optimizer = Optimizer.Sgd([parameter], learningRate: 0.1);
        var scheduler = new OneCycleLR(optimizer, maxLr: 1, totalSteps: 2);
        scheduler.Step();
        scheduler.Step();
        var error = Assert.Throws<InvalidOperationException>(scheduler.Step);
        Assert.Contains("Tried to step 3 times", error.Message);
    }

    [Fact]
    public void ARateSetByHandCarriesOn()
    {
        using var parameter = Tensor.Ones(1);
        using var optimizer = Optimizer.Sgd([parameter], learningRate: 1);
        var scheduler = new ExponentialLR(optimizer, gamma: 0.5);
        scheduler.Step();
        optimizer.LearningRate = 4;
        scheduler.Step();
        Assert.Equal(2, optimizer.LearningRate);
    }

    [Fact]
    public void BadSettingsAreRefused()
    {
        using var parameter = Tensor.Ones(1);
        using var optimizer = Optimizer.Sgd([parameter], learningRate: 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(optimizer, stepSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(optimizer, tMax: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OneCycleLR(optimizer, maxLr: 1, totalSteps: 10, pctStart: 1.5));
        Assert.Throws<TorchArgumentException>(() => optimizer.Momentum = -0.1);
        using var adam = Optimizer.Adam([parameter]);
        var error = Assert.Throws<TorchArgumentException>(() => adam.Momentum = 1);
        Assert.Contains("first beta", error.Message);
    }

    private static LearningRateScheduler Create(string kind, Optimizer optimizer, JsonElement args) => kind switch
    {
        "StepLR" => new StepLR(optimizer, args.GetProperty("step_size").GetInt32(), args.GetProperty("gamma").GetDouble()),
        "ExponentialLR" => new ExponentialLR(optimizer, args.GetProperty("gamma").GetDouble()),
        "CosineAnnealingLR" => new CosineAnnealingLR(optimizer, args.GetProperty("T_max").GetInt32(), args.GetProperty("eta_min").GetDouble()),
        "OneCycleLR" => new OneCycleLR(optimizer, args.GetProperty("max_lr").GetDouble(), args.GetProperty("total_steps").GetInt32(),
            pctStart: Optional(args, "pct_start", 0.3),
            annealStrategy: args.TryGetProperty("anneal_strategy", out JsonElement s) && s.GetString() == "linear" ? AnnealStrategy.Linear : AnnealStrategy.Cosine,
            cycleMomentum: !args.TryGetProperty("cycle_momentum", out JsonElement m) || m.GetBoolean(),
            divFactor: Optional(args, "div_factor", 25), finalDivFactor: Optional(args, "final_div_factor", 1e4),
            threePhase: args.TryGetProperty("three_phase", out JsonElement t) && t.GetBoolean()),
        _ => throw new ArgumentException($"unknown scheduler {kind}"),
    };

    private static double Optional(JsonElement args, string name, double fallback) =>
        args.TryGetProperty(name, out JsonElement value) ? value.GetDouble() : fallback;

    private static void SetGradient(Tensor parameter)
    {
        using var loss = Torch.Sum(parameter);
        loss.Backward();
    }

    // The recurrences compound rounding over the steps; PyTorch's doubles and ours differ only there.
    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static double[] Values(JsonElement c, string name) =>
        c.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement Cases() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "scheduler_cases.json")))
            .RootElement.GetProperty("cases");
}
