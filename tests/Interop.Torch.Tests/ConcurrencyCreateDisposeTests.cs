namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class ConcurrencyCreateDisposeTests
{
    [Fact]
    public void EightThreadsCreatingAndDisposing_ReturnLiveHandlesToTheStart()
    {
        int cycles = SoakScale.Of(200_000);
        long start = SoakMemory.SettledLiveHandles();
        var wrongSums = new int[8];
        var workers = Enumerable.Range(0, 8).Select(k => new Thread(() =>
        {
            for (int i = 0; i < cycles; i++)
            {
                using var t = Tensor.Full([4], k);
                using var sum = Torch.Sum(t);
                // A slot crossed between threads would show another thread's value.
                if (sum.Item<long>() != 4L * k) wrongSums[k]++;
            }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        Assert.Equal(new int[8], wrongSums);
        Assert.Equal(start, LibTorch.LiveHandles);
    }
}
