namespace Interop.Data;

/// <summary>Finds a dataset's files, failing with a message that says how to get them.</summary>
internal static class DatasetFiles
{
    /// <summary>
    /// The first of <paramref name="fileNames"/> that exists in <paramref name="folder"/>:
    /// datasets are distributed under more than one name (compressed or not), and all are fine.
    /// </summary>
    /// <exception cref="FileNotFoundException">None exists; the message lists every path tried
    /// and ends with <paramref name="howToGet"/>.</exception>
    public static string Find(string folder, string description, string howToGet, params ReadOnlySpan<string> fileNames)
    {
        var tried = new string[fileNames.Length];
        for (int i = 0; i < fileNames.Length; i++)
        {
            tried[i] = Path.Combine(folder, fileNames[i]);
            if (File.Exists(tried[i])) return tried[i];
        }
        string folderNote = Directory.Exists(folder) ? "" : $" (the folder {folder} does not exist)";
        throw new FileNotFoundException(
            $"{description} not found{folderNote}; tried {string.Join(", ", tried)}. {howToGet}",
            tried[0]);
    }
}
