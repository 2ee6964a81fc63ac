using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Interop;

/// <summary>
/// Finds a native library the way this project ships it, and when it cannot, says every
/// place it looked and why each failed: "unable to load DLL" with no detail is the most
/// common complaint of .NET users of native ML libraries.
/// </summary>
public static class NativeLibraryLoader
{
    /// <summary>
    /// Makes the imports of <paramref name="assembly"/> that name <paramref name="libraryName"/>
    /// load <paramref name="fileName"/> as <see cref="Load"/> finds it. Call it from the assembly's
    /// module initializer, the one place that runs before any of its imports is bound.
    /// </summary>
    public static void Register(Assembly assembly, string libraryName, string fileName, string pathVariable, string hint) =>
        NativeLibrary.SetDllImportResolver(assembly, (name, importing, _) =>
            name == libraryName ? Load(fileName, pathVariable, importing, hint) : 0);

    /// <summary>
    /// Loads <paramref name="fileName"/> from, in order: the path (file or folder) in the
    /// environment variable <paramref name="pathVariable"/>; runtimes/RID/native beside the
    /// application and beside <paramref name="assembly"/>; those folders themselves; then the
    /// system's search path (LD_LIBRARY_PATH, ldconfig).
    /// </summary>
    /// <exception cref="NativeLibraryLoadException">No candidate loaded.</exception>
    public static nint Load(string fileName, string pathVariable, Assembly assembly, string hint)
    {
        var failures = new StringBuilder();
        foreach (string candidate in Candidates(fileName, pathVariable, assembly))
        {
            bool isPath = Path.IsPathRooted(candidate);
            if (isPath && !File.Exists(candidate))
            {
                failures.Append("\n  - ").Append(candidate).Append(": not found");
                continue;
            }
            try
            {
                return NativeLibrary.Load(candidate);
            }
            catch (DllNotFoundException e)
            {
                string where = isPath ? candidate : candidate + " (system search path)";
                failures.Append("\n  - ").Append(where).Append(": ").Append(e.Message);
            }
        }
        throw new NativeLibraryLoadException(
            $"Could not load the native library {fileName}. Tried:{failures}\n{hint}");
    }

    private static IEnumerable<string> Candidates(string fileName, string pathVariable, Assembly assembly)
    {
        string? configured = Environment.GetEnvironmentVariable(pathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            yield return Directory.Exists(configured) ? Path.Combine(configured, fileName) : Path.GetFullPath(configured);
        }
        string native = Path.Combine("runtimes", RuntimeInformation.RuntimeIdentifier, "native");
        string portableNative = Path.Combine("runtimes", PortableRid(), "native");
        var folders = new List<string> { AppContext.BaseDirectory };
        string? assemblyFolder = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyFolder) && assemblyFolder != folders[0]) folders.Add(assemblyFolder);
        foreach (string folder in folders)
        {
            yield return Path.Combine(folder, native, fileName);
            if (portableNative != native) yield return Path.Combine(folder, portableNative, fileName);
            yield return Path.Combine(folder, fileName);
        }
        yield return fileName;
    }

    private static string PortableRid()
    {
        string os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }
}

/// <summary>A native library could not be loaded; the message lists every path tried.</summary>
public sealed class NativeLibraryLoadException(string message) : DllNotFoundException(message);
