namespace Interop.Torch.Tests;

public class PredictorTests
{
    [Fact]
    public void PredictMatchesForwardAndAllocatesNothing()
    {
        LibTorch.ManualSeed(7);
        using var model = Layers.Sequential(Layers.Linear(32, 64), Layers.ReLU(), Layers.Dropout(0.5), Layers.Linear(64, 10));
        using var predictor = new TorchPredictor(model, [4, 32]);
        Assert.False(model.IsTraining);
        float[] input = Enumerable.Range(0, 128).Select(i => i / 128f).ToArray();
        var output = new float[40];

        for (int i = 0; i < 20; i++) predictor.Predict(input, output);
        long live = LibTorch.LiveHandles;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) predictor.Predict(input, output);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(live, LibTorch.LiveHandles);

        using var x = Tensor.FromData<float>(input, 4, 32);
        using var expected = model.Forward(x);
        Assert.Equal(expected.ToArray<float>(), output);
        Assert.Equal([4L, 10L], predictor.OutputShape);
    }

    [Fact]
    public void WrongInputSizeNamesTheExpectedShape()
    {
        using var model = Layers.Linear(32, 10);
        using var predictor = new TorchPredictor(model, [1, 32]);
        var error = Assert.Throws<ArgumentException>(() => predictor.Predict(new float[31], new float[10]));
        Assert.Contains("[1, 32]", error.Message);
        Assert.Contains("31", error.Message);
        Assert.Throws<ArgumentException>(() => predictor.Predict(new float[32], new float[9]));
    }

    [Fact]
    public void ThreadsSharingAModelGetTheSingleThreadedResult()
    {
        LibTorch.ManualSeed(8);
        using var model = Layers.Sequential(Layers.Conv2d(1, 4, (3, 3), padding: (1, 1)), Layers.ReLU(),
            Layers.Flatten(), Layers.Linear(4 * 8 * 8, 10));
        float[] input = Enumerable.Range(0, 64).Select(i => MathF.Sin(i)).ToArray();
        var reference = new float[10];
        using (var single = new TorchPredictor(model, [1, 1, 8, 8])) single.Predict(input, reference);

        var mismatches = 0;
        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            using var predictor = new TorchPredictor(model, [1, 1, 8, 8]);
            var output = new float[10];
            for (int i = 0; i < 500; i++)
            {
                predictor.Predict(input, output);
                if (!output.AsSpan().SequenceEqual(reference)) Interlocked.Increment(ref mismatches);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, mismatches);
    }
}
