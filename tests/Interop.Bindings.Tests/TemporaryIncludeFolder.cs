namespace Interop.Bindings.Tests;

/// <summary>An include folder of headers written for one test, deleted afterwards.</summary>
internal sealed class TemporaryIncludeFolder : IDisposable
{
    public TemporaryIncludeFolder(IReadOnlyDictionary<string, string> headers)
    {
        Folder = Directory.CreateTempSubdirectory("interop-bindings-").FullName;
        foreach (var (relativePath, text) in headers)
        {
            var path = Path.Combine(Folder, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
    }

    public string Folder { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
