namespace Interop.Bindings.Tests;

// Golden/ops is a small repository tree: two excerpts of real schema lists (libtorch 1.13 and
// 2.14) whose schemas use every kind of argument and result the generator handles, an op only
// 2.14 has, an unsupported one and a private one, and the reviewed output of `ops` for them.
// After an intended change to the output, regenerate it from the repository root and review:
//   dotnet run --project bindings/Interop.Bindings -- ops --root tests/Interop.Bindings.Tests/Golden/ops
public class OpsGoldenTests
{
    private static readonly string GoldenRoot = Path.Combine(AppContext.BaseDirectory, "Golden", "ops");

    [Fact]
    public void The_excerpts_generate_the_golden_tree()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var status = Program.Run(["ops", "--root", GoldenRoot, "--check"], output, error);

        Assert.True(status == ExitCodes.Success, error.ToString());
    }

    [Fact]
    public void A_changed_schema_list_fails_the_check_naming_what_would_change()
    {
        var root = CopyOfGoldenRoot();
        try
        {
            var list = Path.Combine(root, "bindings", "schemas", "libtorch-2.14.txt");
            File.AppendAllText(list, "erfinv(Tensor self) -> Tensor\n");
            var error = new StringWriter();

            var status = Program.Run(["ops", "--root", root, "--check"], new StringWriter(), error);

            Assert.Equal(ExitCodes.OutOfDate, status);
            Assert.Contains("native/include/itorch_ops.h is out of date", error.ToString());
            Assert.Contains("src/Interop.Torch/Generated/Torch.Ops.d-f.g.cs is out of date", error.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_schema_is_reported_with_its_text()
    {
        var root = CopyOfGoldenRoot();
        try
        {
            File.AppendAllText(Path.Combine(root, "bindings", "schemas", "libtorch-1.13.txt"), "broken(Tensor self\n");
            var error = new StringWriter();

            var status = Program.Run(["ops", "--root", root], new StringWriter(), error);

            Assert.Equal(ExitCodes.Failure, status);
            Assert.Contains("schema 'broken(Tensor self'", error.ToString());
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string CopyOfGoldenRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "ops-golden-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(GoldenRoot, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(GoldenRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return root;
    }
}
