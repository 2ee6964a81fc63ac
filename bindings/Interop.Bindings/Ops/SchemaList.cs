namespace Interop.Bindings.Ops;

// One libtorch version's committed schema list, bindings/schemas/libtorch-MAJOR.MINOR.txt.
internal sealed record SchemaList(Version Version, IReadOnlyList<Schema> Schemas)
{
    internal string VersionText => $"{Version.Major}.{Version.Minor}";

    internal static IReadOnlyList<SchemaList> LoadAll(string directory)
    {
        var lists = Directory.GetFiles(directory, "libtorch-*.txt").Select(Load).ToList();
        if (lists.Count == 0)
        {
            throw new BindingException($"{directory}: no libtorch-*.txt schema lists");
        }

        return lists;
    }

    internal static SchemaList Load(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        var version = Version.Parse(name["libtorch-".Length..]);
        var schemas = File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(SchemaParser.Parse)
            .ToList();
        return new SchemaList(version, schemas);
    }
}
