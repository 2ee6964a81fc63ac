namespace Interop.Bindings;

internal sealed record CommandLineOptions(
    string HeaderPath, string Library, string Namespace, string ClassName, string OutputPath, bool Check)
{
    internal const string Usage =
        "usage: Interop.Bindings --header <file.h> --library <name> --namespace <namespace> --class <name> " +
        "--output <file.g.cs> [--check]";

    private static readonly string[] ValueOptions = ["--header", "--library", "--namespace", "--class", "--output"];

    internal static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        var check = false;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--check")
            {
                check = true;
            }
            else if (ValueOptions.Contains(args[i]))
            {
                values[args[i]] = i + 1 < args.Count
                    ? args[++i]
                    : throw new CommandLineException($"{args[i]} needs a value");
            }
            else
            {
                throw new CommandLineException($"unexpected argument '{args[i]}'");
            }
        }

        string Required(string option) =>
            values.TryGetValue(option, out var value) ? value : throw new CommandLineException($"{option} is required");

        return new CommandLineOptions(
            Required("--header"), Required("--library"), Required("--namespace"), Required("--class"),
            Required("--output"), check);
    }
}

internal sealed class CommandLineException(string message) : Exception(message);
