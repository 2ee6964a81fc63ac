namespace Interop.Torch;

/// <summary>
/// A model written in C#, as a PyTorch class with its own forward: register native layers,
/// other C# modules and parameter tensors in the constructor, and compose them in
/// <see cref="Forward"/>. Keeping intermediate results in fields and passing them as
/// <c>result</c> keeps the forward allocation-free. Disposing the module disposes everything
/// registered.
/// </summary>
public abstract partial class Module : IModule, IDisposable
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
        RequireNewName(name);
        children.Add((name, module));
        owned.Add(module);
        return module;
    }

    /// <summary>Registers <paramref name="tensor"/> as a trainable parameter (it gets RequiresGrad); this module now owns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor tensor)
    {
        RequireNewName(name);
        tensor.RequiresGrad = true;
        parameters.Add((name, tensor));
        owned.Add(tensor);
        return tensor;
    }

    /// <summary>
    /// Disposes <paramref name="resource"/> with this module: for the scratch tensors a forward
    /// keeps in fields, as <c>result</c> slots of its intermediate ops, to stay allocation-free.
    /// </summary>
    protected T Own<T>(T resource) where T : IDisposable
    {
        owned.Add(resource);
        return resource;
    }

    private void RequireNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        // State-dict names are dotted paths, so "a.b" must mean child a's b; PyTorch refuses the same.
        if (name.Contains('.')) throw new ArgumentException($"'{name}' contains a '.', which separates the parts of state-dict names.", nameof(name));
        if (children.Exists(c => c.Name == name) || parameters.Exists(p => p.Name == name))
        {
            throw new ArgumentException($"'{name}' is already registered.", nameof(name));
        }
    }

    /// <summary>
    /// Every parameter once, with its dotted PyTorch name: this module's own by their registered
    /// names, a child's as "child.name" ("fc1.weight", "features.0.bias"). A tensor reached twice
    /// (a layer registered under two names, or shared with a container) is listed once, under its
    /// first name, as PyTorch's <c>named_parameters()</c> lists it. The tensors share storage with
    /// the module; the caller disposes them.
    /// </summary>
    public IReadOnlyList<(string Name, Tensor Parameter)> NamedParameters()
    {
        var unique = new List<(string Name, Tensor Parameter)>();
        foreach (StateEntry entry in StateDict())
        {
            if (entry.IsBuffer || unique.Exists(kept => kept.Parameter.IsSame(entry.Tensor))) entry.Tensor.Dispose();
            else unique.Add((entry.Name, entry.Tensor));
        }
        return unique;
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
