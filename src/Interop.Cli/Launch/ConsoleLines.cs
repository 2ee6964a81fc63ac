namespace Interop.Cli.Launch;

/// <summary>
/// The launcher's stdout and stderr, a whole line at a time: the ranks' output arrives
/// concurrently, and no line may be cut by another, even when both streams go to one file.
/// </summary>
internal static class ConsoleLines
{
    private static readonly Lock Gate = new();

    public static void Out(string line)
    {
        lock (Gate) Console.Out.WriteLine(line);
    }

    public static void Error(string line)
    {
        lock (Gate) Console.Error.WriteLine(line);
    }
}
