namespace Interop.Bindings.Tests;

public class AbiRuleTests
{
    [Theory]
    [InlineData("#include <stddef.h>", "size_t", "size_t")]
    [InlineData("", "long", "long")]
    [InlineData("#include <stdbool.h>", "bool", "_Bool")]
    public void Parameter_of_a_type_without_a_fixed_width_is_rejected(string include, string declared, string reported)
    {
        using var header = new TemporaryHeader(
            $"{include}\n#include <stdint.h>\nint32_t sample_resize({declared} count);\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains(
            $"{header.HeaderPath}:3: error: function 'sample_resize': parameter 'count' has type '{reported}'",
            error.Message);
    }

    [Fact]
    public void Return_type_is_checked()
    {
        using var header = new TemporaryHeader("long sample_size(void);\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains("function 'sample_size': the return value has type 'long'", error.Message);
    }

    [Fact]
    public void Struct_field_is_checked()
    {
        using var header = new TemporaryHeader(
            "#include <stdint.h>\ntypedef struct sample_pair { int64_t first; long second; } sample_pair;\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains("struct 'sample_pair': field 'second' has type 'long'", error.Message);
    }

    [Fact]
    public void Char_is_allowed_only_behind_a_pointer()
    {
        using var header = new TemporaryHeader("#include <stdint.h>\nint32_t sample_put(char letter);\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains("parameter 'letter' has type 'char': 'char' is allowed only behind a pointer", error.Message);
    }

    [Fact]
    public void Every_offending_declaration_is_reported_at_once()
    {
        using var header = new TemporaryHeader(
            "#include <stdint.h>\n" +
            "int32_t sample_first(int value);\n" +
            "int32_t sample_fine(void);\n" +
            "int32_t sample_second(unsigned value);\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains("function 'sample_first'", error.Message);
        Assert.Contains("function 'sample_second'", error.Message);
        Assert.DoesNotContain("sample_fine", error.Message);
    }

    [Fact]
    public void Static_assertion_is_allowed_beside_the_declarations()
    {
        using var header = new TemporaryHeader(
            "#include <stdint.h>\n_Static_assert(sizeof(int64_t) == 8, \"LP64\");\nint32_t sample_version(void);\n");

        var model = HeaderParser.Parse(header.HeaderPath);

        Assert.Equal("sample_version", Assert.Single(model.Functions).Name);
    }

    [Fact]
    public void Syntax_error_reports_the_clang_diagnostic()
    {
        using var header = new TemporaryHeader(
            "#include <stdint.h>\nint32_t sample_first(void)\nint32_t sample_second(void);\n");

        var error = Assert.Throws<BindingException>(() => HeaderParser.Parse(header.HeaderPath));

        Assert.Contains($"{header.HeaderPath}:2:27: error: expected ';' after top level declarator", error.Message);
    }
}
