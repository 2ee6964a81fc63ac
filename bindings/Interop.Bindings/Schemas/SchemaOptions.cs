namespace Interop.Bindings.Schemas;

internal sealed record SchemaOptions(IReadOnlyList<string> IncludeDirectories, string OutputPath, bool Check)
{
    internal const string Usage =
        "usage: Interop.Bindings schemas --include <dir> [--include <dir>...] " +
        "--output <dir>/libtorch-<MAJOR>.<MINOR>.txt [--check]";

    internal static SchemaOptions Parse(IReadOnlyList<string> args)
    {
        var includes = new List<string>();
        string? output = null;
        var check = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--check":
                    check = true;
                    break;
                case "--include":
                    includes.Add(Value(args, ref i));
                    break;
                case "--output":
                    output = Value(args, ref i);
                    break;
                default:
                    throw new CommandLineException($"unexpected argument '{args[i]}'");
            }
        }

        if (includes.Count == 0)
        {
            throw new CommandLineException("--include is required");
        }

        // clang skips a missing include folder without a word, and then reports only a missing header.
        if (includes.FirstOrDefault(folder => !Directory.Exists(folder)) is { } missing)
        {
            throw new CommandLineException($"--include {missing}: no such directory");
        }

        return new SchemaOptions(includes, output ?? throw new CommandLineException("--output is required"), check);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new CommandLineException($"{args[i]} needs a value");
}
