namespace Interop.Torch.Tests;

/// <summary>
/// Dispose takes effect at once while other threads use the tensor: every call that begins
/// after Dispose returned throws ObjectDisposedException, however busy the tensor is. The slot
/// itself is freed when the last call in flight ends.
/// </summary>
public class ConcurrencyDisposeTakesEffectTests
{
    private const int Workers = 4;

    private sealed class Outcomes
    {
        public volatile bool DisposeReturned;
        public long CallsBeforeDispose;
        public long CallsBegunAfterDisposeThatRan;
        public int Refused;
    }

    // Runs ops on `shared` until one is refused, or until 2 s after Dispose returned, so a
    // broken Dispose cannot keep the test running.
    private static void UseUntilRefused(Tensor shared, Outcomes outcomes, DateTime[] giveUpAt)
    {
        using var own = Tensor.Empty(64);
        try
        {
            while (!outcomes.DisposeReturned || DateTime.UtcNow < giveUpAt[0])
            {
                bool begunAfterDispose = outcomes.DisposeReturned;
                Torch.Add(shared, shared, result: own);
                Interlocked.Increment(ref begunAfterDispose ? ref outcomes.CallsBegunAfterDisposeThatRan : ref outcomes.CallsBeforeDispose);
            }
        }
        catch (ObjectDisposedException)
        {
            Interlocked.Increment(ref outcomes.Refused);
        }
    }

    [Fact]
    public void CallsBegunAfterDispose_AreRefused_WhileOtherThreadsAreMidCall()
    {
        long start = SoakMemory.SettledLiveHandles();
        var shared = Tensor.Ones(64);
        var outcomes = new Outcomes();
        var giveUpAt = new DateTime[1];
        Thread[] workers = Enumerable.Range(0, Workers).Select(_ => new Thread(() => UseUntilRefused(shared, outcomes, giveUpAt))).ToArray();
        foreach (Thread worker in workers) worker.Start();
        SpinWait.SpinUntil(() => Interlocked.Read(ref outcomes.CallsBeforeDispose) > 10_000, TimeSpan.FromSeconds(30));

        shared.Dispose();
        giveUpAt[0] = DateTime.UtcNow.AddSeconds(2);
        outcomes.DisposeReturned = true;
        foreach (Thread worker in workers) worker.Join();

        Assert.True(outcomes.CallsBeforeDispose > 10_000, "the workers never got going: the race was not run");
        Assert.Equal(0, outcomes.CallsBegunAfterDisposeThatRan);
        Assert.Equal(Workers, outcomes.Refused);
        Assert.Equal(start, SoakMemory.SettledLiveHandles());
    }
}
