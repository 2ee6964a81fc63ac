namespace Interop.Torch.Distributed;

/// <summary>The c10d backend that carries a process group's collectives.</summary>
public enum DistributedBackend
{
    /// <summary>Gloo, for CPU tensors.</summary>
    Gloo,
    /// <summary>NCCL, for CUDA tensors; needs a CUDA build of libtorch and of the shim.</summary>
    Nccl,
}
