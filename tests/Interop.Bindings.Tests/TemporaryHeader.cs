namespace Interop.Bindings.Tests;

/// <summary>A header written for one test into a directory of its own, deleted afterwards.</summary>
internal sealed class TemporaryHeader : IDisposable
{
    public TemporaryHeader(string text)
    {
        Folder = Directory.CreateTempSubdirectory("interop-bindings-").FullName;
        HeaderPath = Path.Combine(Folder, "test.h");
        File.WriteAllText(HeaderPath, text);
    }

    public string Folder { get; }

    public string HeaderPath { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
