using System.Diagnostics;

namespace Interop.Cli;

/// <summary>This program started again with other arguments: `dotnet interop.dll` runs as dotnet, a published build as its own executable.</summary>
internal static class SelfCommand
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") start.ArgumentList.Add(typeof(SelfCommand).Assembly.Location);
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        return start;
    }
}
