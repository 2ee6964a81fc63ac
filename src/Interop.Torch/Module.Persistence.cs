namespace Interop.Torch;

public abstract partial class Module
{
    /// <summary>
    /// The parameters and buffers under their PyTorch names, in the order of PyTorch's
    /// <c>state_dict()</c>: this module's own parameters, then each child's entries as
    /// "child.name" ("fc1.weight", not "fc1.0"). A tensor shared by two children appears under
    /// both names, as in PyTorch. The tensors share storage with the module; the caller disposes them.
    /// </summary>
    /// <exception cref="NotSupportedException">A child is an <see cref="IModule"/> of another kind, whose state is unknown.</exception>
    public IReadOnlyList<StateEntry> StateDict()
    {
        var entries = new List<StateEntry>();
        try
        {
            foreach (var (name, parameter) in parameters)
            {
                var alias = new Tensor();
                entries.Add(new StateEntry(name, alias, IsBuffer: false));
                alias.Assign(parameter);
            }
            foreach (var (name, child) in children)
            {
                IReadOnlyList<StateEntry> inner = child switch
                {
                    Module managed => managed.StateDict(),
                    NativeModule native => native.StateDict(),
                    _ => throw new NotSupportedException(
                        $"The child '{name}' is a {child.GetType().Name}; only Module and NativeModule children have a state dict."),
                };
                foreach (StateEntry entry in inner) entries.Add(entry with { Name = $"{name}.{entry.Name}" });
            }
            return entries;
        }
        catch
        {
            foreach (StateEntry entry in entries) entry.Tensor.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes <see cref="StateDict"/> to <paramref name="path"/>, replacing the file, in the format
    /// of <see cref="NativeModule.Save"/> (libtorch's C++ <c>torch::save(module)</c>): a native
    /// module with the same names loads it, and so does this architecture's <see cref="Load"/>.
    /// </summary>
    /// <exception cref="TorchException">The file cannot be written.</exception>
    public void Save(string path)
    {
        IReadOnlyList<StateEntry> entries = StateDict();
        try
        {
            StateFile.Save(path, entries);
        }
        finally
        {
            foreach (StateEntry entry in entries) entry.Tensor.Dispose();
        }
    }

    /// <summary>
    /// Copies the state saved at <paramref name="path"/> into this module, which must have the same
    /// names and shapes: a file from <see cref="Save"/>, from <see cref="NativeModule.Save"/> of a
    /// module with those names, or Python's <c>torch.save(model.state_dict())</c> of the same
    /// architecture. The file is checked first (its zip structure and every record's CRC-32);
    /// on any failure the module is unchanged.
    /// </summary>
    /// <returns>This module.</returns>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    /// <exception cref="TorchException">The file is damaged, or its names or shapes differ from this module's.</exception>
    public Module Load(string path)
    {
        IReadOnlyList<StateEntry> entries = StateDict();
        try
        {
            StateFile.Load(path, entries);
        }
        finally
        {
            foreach (StateEntry entry in entries) entry.Tensor.Dispose();
        }
        return this;
    }
}
