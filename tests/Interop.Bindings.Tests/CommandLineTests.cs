namespace Interop.Bindings.Tests;

public class CommandLineTests
{
    private const string ValidHeader = "#include <stdint.h>\nint32_t sample_version(void);\n";

    [Fact]
    public void Generates_the_output_file()
    {
        using var header = new TemporaryHeader(ValidHeader);
        var output = Path.Combine(header.Folder, "generated", "Sample.g.cs");

        var (exitCode, _) = Run(Arguments(header, output));

        Assert.Equal(0, exitCode);
        Assert.Contains("internal static partial int sample_version();", File.ReadAllText(output));
    }

    [Fact]
    public void Check_accepts_an_up_to_date_file()
    {
        using var header = new TemporaryHeader(ValidHeader);
        var output = Path.Combine(header.Folder, "Sample.g.cs");
        Run(Arguments(header, output));

        var (exitCode, _) = Run([.. Arguments(header, output), "--check"]);

        Assert.Equal(0, exitCode);
    }

    [Fact]
    public void Check_names_an_out_of_date_file_and_leaves_it_alone()
    {
        using var header = new TemporaryHeader(ValidHeader);
        var output = Path.Combine(header.Folder, "Sample.g.cs");
        File.WriteAllText(output, "stale");

        var (exitCode, errors) = Run([.. Arguments(header, output), "--check"]);

        Assert.Equal(1, exitCode);
        Assert.Contains($"{output} is out of date", errors);
        Assert.Equal("stale", File.ReadAllText(output));
    }

    [Fact]
    public void Unbindable_header_exits_with_2_and_writes_nothing()
    {
        using var header = new TemporaryHeader("long sample_size(void);\n");
        var output = Path.Combine(header.Folder, "Sample.g.cs");

        var (exitCode, errors) = Run(Arguments(header, output));

        Assert.Equal(2, exitCode);
        Assert.Contains("function 'sample_size': the return value has type 'long'", errors);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Missing_option_exits_with_2_and_shows_the_usage()
    {
        var (exitCode, errors) = Run(["--header", "sample.h"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("--library is required", errors);
        Assert.Contains("usage:", errors);
    }

    private static string[] Arguments(TemporaryHeader header, string output) =>
    [
        "--header", header.HeaderPath, "--library", "sample", "--namespace", "Sample", "--class", "Sample",
        "--output", output,
    ];

    private static (int ExitCode, string Errors) Run(string[] args)
    {
        var errors = new StringWriter();
        var exitCode = Program.Run(args, TextWriter.Null, errors);
        return (exitCode, errors.ToString());
    }
}
