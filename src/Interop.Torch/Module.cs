namespace Interop.Torch;

/// <summary>
/// A model written in C#, as a PyTorch class with its own forward: register native layers,
/// other C# modules and parameter tensors in the constructor, and compose them in
/// <see cref="Forward"/>. Keeping intermediate results in fields and passing them as
/// <c>result</c> keeps the forward allocation-free. Disposing the module disposes everything
/// registered.
/// </summary>
public abstract class Module : IModule, IDisposable
{
    private readonly List<(string Name, IModule Module)> children = [];
    private readonly List<(string Name, Tensor Parameter)> parameters = [];
    private readonly List<IDisposable> owned = [];

    /// <inheritdoc/>
    public abstract Tensor Forward(Tensor input, Tensor? result = null);

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <summary>Registers a child module under <paramref name="name"/>; this module now owns it.</summary>
    protected T Register<T>(string name, T module) where T : IModule, IDisposable
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (children.Exists(c => c.Name == name) || parameters.Exists(p => p.Name == name))
        {
            throw new ArgumentException($"'{name}' is already registered.", nameof(name));
        }
        children.Add((name, module));
        owned.Add(module);
        return module;
    }

    /// <summary>Registers <paramref name="tensor"/> as a trainable parameter (it gets RequiresGrad); this module now owns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (children.Exists(c => c.Name == name) || parameters.Exists(p => p.Name == name))
        {
            throw new ArgumentException($"'{name}' is already registered.", nameof(name));
        }
        tensor.RequiresGrad = true;
        parameters.Add((name, tensor));
        owned.Add(tensor);
        return tensor;
    }

    /// <summary>
    /// Every parameter once, with a dotted name: this module's own by their registered names, a C#
    /// child's as "child.name", a native child's as "child.N" in registration order. A tensor
    /// reached twice (a layer registered under two names, or shared with a container) is listed
    /// once, under its first name, as PyTorch's <c>named_parameters()</c> lists it. The tensors
    /// share storage with the module; the caller disposes them.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> NamedParameters()
    {
        List<(string Name, Tensor Parameter)> all = EveryNamedParameter();
        var unique = new List<(string Name, Tensor Parameter)>(all.Count);
        foreach ((string Name, Tensor Parameter) entry in all)
        {
            if (unique.Exists(kept => kept.Parameter.IsSame(entry.Parameter))) entry.Parameter.Dispose();
            else unique.Add(entry);
        }
        return unique;
    }

    // Every path to a parameter, duplicates included.
    private List<(string Name, Tensor Parameter)> EveryNamedParameter()
    {
        var named = new List<(string Name, Tensor Parameter)>();
        foreach (var (name, parameter) in parameters)
        {
            var alias = new Tensor();
            alias.Assign(parameter);
            named.Add((name, alias));
        }
        foreach (var (name, child) in children)
        {
            switch (child)
            {
                case Module managed:
                    foreach (var (inner, parameter) in managed.NamedParameters()) named.Add(($"{name}.{inner}", parameter));
                    break;
                case NativeModule native:
                    Tensor[] tensors = native.Parameters();
                    for (int i = 0; i < tensors.Length; i++) named.Add(($"{name}.{i}", tensors[i]));
                    break;
            }
        }
        return named;
    }

    /// <summary>The parameter tensors, each once, for an optimizer; the caller disposes them.</summary>
    public Tensor[] Parameters() => NamedParameters().Select(p => p.Parameter).ToArray();

    /// <summary>Number of scalar parameters, a shared tensor counted once.</summary>
    public long ParameterCount
    {
        get
        {
            long count = 0;
            foreach (var (_, parameter) in NamedParameters())
            {
                count += parameter.Numel;
                parameter.Dispose();
            }
            return count;
        }
    }

    /// <inheritdoc/>
    public void SetTraining(bool training)
    {
        foreach (var (_, child) in children) child.SetTraining(training);
        IsTraining = training;
    }

    /// <summary>Moves every child and parameter to <paramref name="device"/>.</summary>
    public void To(Device device)
    {
        foreach (var (_, child) in children)
        {
            if (child is Module managed) managed.To(device);
            else if (child is NativeModule native) native.To(device);
        }
        foreach (var (_, parameter) in parameters)
        {
            using Tensor moved = parameter.To(device);
            using (LibTorch.NoGrad()) parameter.Assign(moved);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (IDisposable item in owned) item.Dispose();
        owned.Clear();
        GC.SuppressFinalize(this);
    }
}
