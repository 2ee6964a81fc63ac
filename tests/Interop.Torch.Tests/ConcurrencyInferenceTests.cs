namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class ConcurrencyInferenceTests
{
    private const int Threads = 8;

    [Fact]
    public void ThreadsSharingASimpleCNN_GetBitwiseTheSingleThreadedOutputs()
    {
        int iterations = SoakScale.Of(10_000);
        int previousThreads = LibTorch.Threads;
        // One intra-op thread: split reductions could otherwise sum in another order.
        LibTorch.Threads = 1;
        try
        {
            LibTorch.ManualSeed(21);
            using var model = Zoo.SimpleCNN();
            long[] shape = [1, 3, 32, 32];
            var random = new Random(21);
            float[][] inputs = Enumerable.Range(0, Threads)
                .Select(_ => Enumerable.Range(0, 3 * 32 * 32).Select(_ => (float)random.NextDouble()).ToArray())
                .ToArray();
            float[][] expected;
            using (var single = new TorchPredictor(model, shape))
            {
                expected = inputs.Select(input =>
                {
                    var output = new float[single.OutputLength];
                    single.Predict(input, output);
                    return output;
                }).ToArray();
            }

            var mismatches = new int[Threads];
            var workers = Enumerable.Range(0, Threads).Select(k => new Thread(() =>
            {
                using var predictor = new TorchPredictor(model, shape);
                var output = new float[predictor.OutputLength];
                for (int i = 0; i < iterations; i++)
                {
                    predictor.Predict(inputs[k], output);
                    if (!output.AsSpan().SequenceEqual(expected[k])) mismatches[k]++;
                }
            })).ToList();
            workers.ForEach(t => t.Start());
            workers.ForEach(t => t.Join());

            Assert.Equal(new int[Threads], mismatches);
        }
        finally
        {
            LibTorch.Threads = previousThreads;
        }
    }
}
