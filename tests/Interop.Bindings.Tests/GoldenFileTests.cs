namespace Interop.Bindings.Tests;

// Golden/sample.h uses every feature of the generator; Golden/sample.g.cs is its reviewed
// output (and is compiled into this assembly). After an intended change to the output,
// regenerate it from the repository root and review the diff:
//   dotnet run --project bindings/Interop.Bindings -- --header tests/Interop.Bindings.Tests/Golden/sample.h \
//     --library sample --namespace Interop.Bindings.Tests.Golden --class Sample \
//     --output tests/Interop.Bindings.Tests/Golden/sample.g.cs
public class GoldenFileTests
{
    [Fact]
    public void Sample_header_generates_the_golden_file()
    {
        var header = HeaderParser.Parse(GoldenPath("sample.h"));
        var options = new EmitOptions(
            "tests/Interop.Bindings.Tests/Golden/sample.h", "sample", "Interop.Bindings.Tests.Golden", "Sample");

        var generated = CSharpEmitter.Emit(header, options);

        Assert.Equal(File.ReadAllText(GoldenPath("sample.g.cs")), generated);
    }

    private static string GoldenPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
}
