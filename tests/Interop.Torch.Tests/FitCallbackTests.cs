namespace Interop.Torch.Tests;

public sealed class FitCallbackTests : NativeFileTest
{
    [Fact]
    public void EarlyStopping_EndsFitAfterPatienceEpochsWithoutImprovement()
    {
        // A learning rate of 0 leaves the loss where it is: only epoch 1 improves on nothing.
        using var setup = new TrainerSetup(learningRate: 0);
        var stopping = new EarlyStopping("loss", patience: 2);
        FitHistory history = setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 10, callbacks: [stopping], shuffle: false);

        Assert.Equal(3, history.Count);
        Assert.Equal(3, stopping.StoppedEpoch);
        Assert.Equal((1, history[0]["loss"]), stopping.Best);
        // Fit clears the flag, so the trainer can fit again.
        Assert.Equal(3, setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 10, callbacks: [stopping], shuffle: false).Count);
    }

    [Fact]
    public void EarlyStopping_WithPatience0_StopsAtTheFirstEpochWithoutImprovement_AsKeras()
    {
        using var setup = new TrainerSetup(learningRate: 0);
        var stopping = new EarlyStopping("loss", patience: 0);
        Assert.Equal(2, setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 10, callbacks: [stopping], shuffle: false).Count);
    }

    [Fact]
    public void AMonitoredValueThatIsNotLogged_FailsWithWhatIsLogged()
    {
        using var setup = new TrainerSetup(learningRate: 0.01);
        var error = Assert.Throws<InvalidOperationException>(() =>
            setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 2, callbacks: [new EarlyStopping("val_loss")]));
        Assert.Contains("EarlyStopping monitors 'val_loss'", error.Message);
        Assert.Contains("it logs loss, learning_rate", error.Message);
        Assert.Contains("validationData", error.Message);
    }

    [Fact]
    public void ModelCheckpoint_SavesOnlyEpochsThatImprove_AndEachFitStartsFromNoBest()
    {
        // With a learning rate of 0 only epoch 1 improves: the file deleted after it stays away.
        using var setup = new TrainerSetup(learningRate: 0);
        string path = ScratchFile("best.pt");
        var checkpoint = new ModelCheckpoint(path, monitor: "loss");
        setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 3, callbacks: [checkpoint, new DeleteAfterEpoch(path, 1)], shuffle: false);
        Assert.False(File.Exists(path));
        Assert.Equal(1, checkpoint.Best.Epoch);

        setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 1, callbacks: [checkpoint], shuffle: false);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void LearningRateSchedulerCallback_StepsAfterEachEpoch_OrEachBatch()
    {
        using var setup = new TrainerSetup(learningRate: 0.1);
        var schedule = new LearningRateSchedulerCallback(new StepLR(setup.Optimizer, stepSize: 1, gamma: 0.5));
        FitHistory history = setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 3, callbacks: [schedule]);
        // Each epoch logs the rate it trained with.
        Assert.Equal([0.1, 0.05, 0.025], history["learning_rate"].Select(r => Math.Round(r, 12)));
        Assert.Equal(0.0125, setup.Optimizer.LearningRate, 12);

        // OneCycleLR steps once a batch: 32 samples in batches of 16, 3 epochs.
        var oneCycle = new OneCycleLR(setup.Optimizer, maxLr: 0.1, totalSteps: 6);
        setup.Trainer.Fit(FitTests.Points(32, seed: 1), epochs: 3, callbacks: [new LearningRateSchedulerCallback(oneCycle, everyBatch: true)]);
        Assert.Equal(6, oneCycle.LastEpoch);
        Assert.Equal(oneCycle.LearningRate, setup.Optimizer.LearningRate, 15);
    }

    // Removes the checkpoint after the given epoch, so a later save would bring it back.
    private sealed class DeleteAfterEpoch(string path, int epoch) : FitCallback
    {
        public override void OnEpochEnd(TorchTrainer trainer, EpochLog log)
        {
            if (log.Epoch == epoch) File.Delete(path);
        }
    }

    private sealed class TrainerSetup : IDisposable
    {
        private readonly NativeModule model = Sequential(Layers.Linear(2, 8), Layers.ReLU(), Layers.Linear(8, 2));
        private readonly Tensor[] parameters;

        public TrainerSetup(double learningRate)
        {
            parameters = model.Parameters();
            Optimizer = Optimizer.Sgd(parameters, learningRate);
            Trainer = new TorchTrainer(model, Optimizer, TrainingLoss.CrossEntropy, [16, 2], [16]);
        }

        public Optimizer Optimizer { get; }

        public TorchTrainer Trainer { get; }

        public void Dispose()
        {
            Trainer.Dispose();
            Optimizer.Dispose();
            foreach (Tensor p in parameters) p.Dispose();
            model.Dispose();
        }
    }
}
