// Leak and allocation tests read process-wide counters (LibTorch.LiveHandles) and the
// calling thread's allocation count; tests running beside them would disturb both.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
