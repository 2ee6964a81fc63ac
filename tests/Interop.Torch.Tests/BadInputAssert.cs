namespace Interop.Torch.Tests;

/// <summary>
/// Runs one bad-input case: the call must throw exactly <c>TException</c> whose message
/// carries the given fragments (the native text, or the name of the bad argument), leave the
/// live-handle count where it was, and leave the process able to run the next op.
/// </summary>
internal static class BadInputAssert
{
    public static TException Rejects<TException>(Func<object?> call, params string[] messageParts)
        where TException : Exception =>
        Check(() => Assert.Throws<TException>(call), messageParts);

    public static TException Rejects<TException>(Action call, params string[] messageParts)
        where TException : Exception =>
        Check(() => Assert.Throws<TException>(call), messageParts);

    /// <summary>The same, for an exception type that depends on the libtorch version (<see cref="LibTorchVersion"/>).</summary>
    public static Exception Rejects(Type exceptionType, Func<object?> call, params string[] messageParts) =>
        Check(() => Assert.Throws(exceptionType, call), messageParts);

    /// <summary>Runs <paramref name="body"/> (which disposes what it makes) and checks it leaves no handle behind.</summary>
    public static void LeavesNoHandles(Action body)
    {
        long before = SettledLiveHandles();
        body();
        Assert.Equal(before, LibTorch.LiveHandles);
        ProcessStillComputes();
    }

    private static TException Check<TException>(Func<TException> run, string[] messageParts) where TException : Exception
    {
        long before = SettledLiveHandles();
        TException error = run();
        Assert.Equal(before, LibTorch.LiveHandles);
        foreach (string part in messageParts) Assert.Contains(part, error.Message);
        // An error from the shim is reported with its native text unchanged.
        if (error is ITorchError native) Assert.Equal(native.NativeMessage, error.Message);
        ProcessStillComputes();
        return error;
    }

    private static void ProcessStillComputes()
    {
        using var one = Tensor.Ones(2);
        using var two = Torch.Add(one, one);
        Assert.Equal(new float[] { 2, 2 }, two.ToArray<float>());
    }

    /// <summary>Runs the finalizers of what earlier tests dropped, so they cannot move the count mid-case.</summary>
    public static long SettledLiveHandles()
    {
        for (int i = 0; i < 2; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        return LibTorch.LiveHandles;
    }
}
