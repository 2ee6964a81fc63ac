using System.Globalization;
using System.Text;
using Interop.Torch;
using Spectre.Console;

namespace Interop.Cli;

/// <summary>
/// Keras' display for Fit. On a terminal, one bar per epoch with the running loss and metrics,
/// which at the epoch's end shows every logged value, validation included; elsewhere (a log, CI)
/// Keras' <c>verbose=2</c>: one line per epoch.
/// </summary>
internal sealed class KerasProgress : FitCallback, IProgress<TrainingProgress>
{
    // The running values are rewritten every this many steps, so the display costs nothing measurable.
    private const int BatchesPerRefresh = 20;
    private readonly ProgressContext? bars;
    private ProgressTask? bar;
    private int epochs;

    private KerasProgress(ProgressContext? bars) => this.bars = bars;

    /// <summary>Runs <paramref name="fit"/> with the display that suits the console.</summary>
    public static void Show(Action<KerasProgress> fit)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            fit(new KerasProgress(null));
            return;
        }
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context => fit(new KerasProgress(context)));
    }

    public void Report(TrainingProgress value)
    {
        epochs = value.Epochs;
        if (bars is null) return;
        bar ??= bars.AddTask($"Epoch {value.Epoch}/{value.Epochs}", maxValue: value.BatchesPerEpoch);
        bar.Value = value.Batch;
        if (value.Batch % BatchesPerRefresh != 0 && value.Batch != value.BatchesPerEpoch) return;
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Epoch {value.Epoch}/{value.Epochs} - loss: {value.Loss:F4}");
        foreach (Metric metric in value.Metrics) text.Append(CultureInfo.InvariantCulture, $" - {metric.Name}: {metric.Result:F4}");
        bar.Description = Markup.Escape(text.ToString());
    }

    public override void OnEpochEnd(TorchTrainer trainer, EpochLog log)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Epoch {log.Epoch}/{epochs} - {log.Duration.TotalSeconds:F0}s");
        foreach (var (name, value) in log.Values) text.Append(CultureInfo.InvariantCulture, $" - {name}: {value:G4}");
        if (bar is not null) bar.Description = Markup.Escape(text.ToString());
        else Console.WriteLine(text);
        bar = null;
    }
}
