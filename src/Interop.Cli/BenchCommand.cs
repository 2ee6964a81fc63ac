using System.CommandLine;

namespace Interop.Cli;

/// <summary>`interop bench ...`: benchmarks that compare the C# engine with C++ and Python.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Benchmarks: the C# engine against the same loop in C++ and in Python PyTorch.");
        command.Subcommands.Add(OpOverheadBenchmark.CreateCommand());
        return command;
    }
}
