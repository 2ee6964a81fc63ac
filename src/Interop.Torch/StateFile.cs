using Interop.Torch.Native;

namespace Interop.Torch;

/// <summary>Saves and loads a list of named tensors in the files native modules use.</summary>
internal static unsafe class StateFile
{
    /// <summary>Writes <paramref name="entries"/> to <paramref name="path"/>, replacing the file.</summary>
    public static void Save(string path, IReadOnlyList<StateEntry> entries) =>
        Call(NativePath.ToUtf8(path), entries, &Itorch.itorch_state_save);

    /// <summary>Copies the tensors saved at <paramref name="path"/> into <paramref name="entries"/>' tensors, all or none.</summary>
    public static void Load(string path, IReadOnlyList<StateEntry> entries)
    {
        NativePath.RequireFile(path);
        Call(NativePath.ToUtf8(path), entries, &Itorch.itorch_state_load);
    }

    private static void Call(byte[] path, IReadOnlyList<StateEntry> entries,
        delegate*<byte*, byte**, itorch_tensor**, int*, int, int> operation)
    {
        // The names, each null-terminated, one after another in one buffer.
        var names = new List<byte>();
        var starts = new int[entries.Count];
        var buffers = new int[entries.Count];
        for (int i = 0; i < entries.Count; i++)
        {
            starts[i] = names.Count;
            names.AddRange(NativeText.ToUtf8(entries[i].Name, nameof(entries)));
            buffers[i] = entries[i].IsBuffer ? 1 : 0;
        }
        byte[] text = names.ToArray();
        var namePointers = new byte*[entries.Count];
        var handles = new Tensor[entries.Count];
        for (int i = 0; i < entries.Count; i++) handles[i] = entries[i].Tensor;
        using BorrowedList<itorch_tensor> tensors = new(handles);
        fixed (byte* nativePath = path)
        fixed (byte* all = text)
        fixed (byte** nameList = namePointers)
        fixed (int* bufferFlags = buffers)
        {
            for (int i = 0; i < entries.Count; i++) namePointers[i] = all + starts[i];
            Status.Check(operation(nativePath, nameList, tensors.Pointers, bufferFlags, entries.Count));
        }
    }
}
