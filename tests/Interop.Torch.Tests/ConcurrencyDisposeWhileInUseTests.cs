using System.Collections.Concurrent;

namespace Interop.Torch.Tests;

[Trait("Category", "Soak")]
public class ConcurrencyDisposeWhileInUseTests
{
    private sealed class Outcomes
    {
        public int CompletedOps;
        public int Disposed;
        public readonly ConcurrentQueue<Exception> Unexpected = new();
    }

    // Uses the tensor until it is disposed under it. Every op either completes on a live
    // slot (the borrow holds a reference, so Dispose waits for the release) or is refused
    // with ObjectDisposedException before reaching native code.
    private static void UseUntilDisposed(Tensor shared, Outcomes outcomes)
    {
        using var product = Tensor.Empty(64);
        using var total = Tensor.Empty();
        try
        {
            while (true)
            {
                using var sum = Torch.Add(shared, shared);
                Torch.Mul(shared, sum, result: product);
                Torch.Sum(product, result: total);
                if (shared.Numel != 64 || total.Item<float>() != 128f)
                {
                    throw new InvalidOperationException("An op read a freed or foreign slot.");
                }
                Interlocked.Increment(ref outcomes.CompletedOps);
            }
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref outcomes.Disposed);
        }
        catch (Exception other)
        {
            outcomes.Unexpected.Enqueue(other);
        }
    }

    [Fact]
    public void DisposingATensorInUseOnAnotherThread_IsRefusedOrCompletes()
    {
        int rounds = SoakScale.Of(20_000);
        long start = SoakMemory.SettledLiveHandles();
        var outcomes = new Outcomes();
        var random = new Random(31);

        for (int i = 0; i < rounds; i++)
        {
            var shared = Tensor.Ones(64);
            var user = new Thread(() => UseUntilDisposed(shared, outcomes));
            user.Start();
            // A random moment: before the first op, mid-op, or between ops.
            Thread.SpinWait(random.Next(0, 20_000));
            shared.Dispose();
            user.Join();
        }

        Assert.Empty(outcomes.Unexpected);
        Assert.Equal(rounds, outcomes.Disposed);
        Assert.True(outcomes.CompletedOps > 0, "no op completed before a dispose: the race was never run");
        Assert.Equal(start, SoakMemory.SettledLiveHandles());
    }
}
