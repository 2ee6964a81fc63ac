namespace Interop.DistributedCheck;

/// <summary>What one rank does wrong at one step: dies (SIGKILL, as a crash) or hangs forever.</summary>
internal sealed record Fault(bool Hangs, int Rank, int Step)
{
    public static Fault Parse(string text)
    {
        string[] parts = text.Split(':');
        return new Fault(parts[0] == "hang", int.Parse(parts[1]), int.Parse(parts[2]));
    }

    public void StrikeIfDue(int rank, int step)
    {
        if (rank != Rank || step != Step) return;
        Console.WriteLine(Hangs ? $"rank {rank} hangs at step {step}" : $"rank {rank} dies at step {step}");
        if (Hangs) Thread.Sleep(Timeout.Infinite);
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
