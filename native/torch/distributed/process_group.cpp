// Rendezvous stores and process groups: c10d's TCPStore, FileStore and ProcessGroupGloo.
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#ifdef ITORCH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#include <torch/version.h>

#include <chrono>
#include <cstdlib>
#include <string>

#include "group.hpp"
#include "handles.hpp"

struct itorch_store {
  c10::intrusive_ptr<c10d::Store> store;
};

namespace {

std::chrono::milliseconds timeout_of(int64_t timeout_ms) {
  itorch::require(timeout_ms > 0, "the timeout must be positive (milliseconds)");
  return std::chrono::milliseconds(timeout_ms);
}

// The checks every process group's constructor makes; returns the timeout.
std::chrono::milliseconds require_group(itorch_process_group** out, const itorch_store* store, int32_t rank,
                                        int32_t world_size, int64_t timeout_ms) {
  itorch::require(out != nullptr, "out is null");
  itorch::require(store != nullptr, "the store handle is null");
  itorch::require(world_size >= 1, "the world size must be at least 1");
  if (rank < 0 || rank >= world_size) {
    throw itorch::InvalidArgument("rank " + std::to_string(rank) + " is outside the world of " +
                                  std::to_string(world_size) + " ranks (0 to " + std::to_string(world_size - 1) + ")");
  }
  return timeout_of(timeout_ms);
}

// Debian's libtorch 2.x is built without libuv, yet since 2.4 TCPStoreOptions asks for the
// libuv server by default, and the store then refuses to start. The classic server, 1.13's
// only one, is used everywhere; where the option does not exist this overload does nothing.
template <class Options>
auto use_classic_server(Options& options, int) -> decltype(options.useLibUV = false, void()) {
  options.useLibUV = false;
}
template <class Options>
void use_classic_server(Options&, long) {}

void give(itorch_store** out, c10::intrusive_ptr<c10d::Store> store) {
  *out = new itorch_store{std::move(store)};
  itorch::handle_created();
}

#ifdef ITORCH_GLOO
// PyTorch's choice of network device: the interface GLOO_SOCKET_IFNAME names, else the address
// the host name resolves to (loopback when that is all there is).
std::shared_ptr<::gloo::transport::Device> gloo_device() {
  const char* interface = std::getenv("GLOO_SOCKET_IFNAME");
  if (interface != nullptr && *interface != '\0') return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}

c10::intrusive_ptr<c10d::ProcessGroup> gloo_group(const c10::intrusive_ptr<c10d::Store>& store, int rank, int size,
                                                  std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupGloo::Options::create(timeout);
  options->devices.push_back(gloo_device());
  auto gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, size, options);
#if TORCH_VERSION_MAJOR >= 2
  // Since 2.0 Gloo is one backend of a ProcessGroup that dispatches each collective to the
  // backend of the tensors' device, as torch.distributed.init_process_group sets it up.
  auto group = c10::make_intrusive<c10d::ProcessGroup>(store, rank, size);
  group->setDefaultBackend(c10d::ProcessGroup::BackendType::GLOO);
  group->setBackend(c10::DeviceType::CPU, c10d::ProcessGroup::BackendType::GLOO, gloo);
  return group;
#else
  return gloo;
#endif
}
#endif

void give(itorch_process_group** out, c10::intrusive_ptr<c10d::ProcessGroup> group) {
  *out = new itorch_process_group{std::move(group)};
  itorch::handle_created();
}

}  // namespace

extern "C" {

int32_t itorch_store_tcp(itorch_store** out, const char* host, int32_t port, int32_t is_server, int32_t world_size,
                         int64_t timeout_ms) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    itorch::require(host != nullptr && *host != '\0', "the store's host is empty");
    itorch::require(port > 0 && port < 65536, "the store's port must be in 1..65535");
    itorch::require(world_size >= 1, "the world size must be at least 1");
    c10d::TCPStoreOptions options;
    options.port = static_cast<std::uint16_t>(port);
    options.isServer = is_server != 0;
    options.numWorkers = static_cast<std::size_t>(world_size);
    options.waitWorkers = true;
    options.timeout = timeout_of(timeout_ms);
    use_classic_server(options, 0);
    give(out, c10::make_intrusive<c10d::TCPStore>(host, options));
  });
}

int32_t itorch_store_file(itorch_store** out, const char* path, int32_t world_size) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "out is null");
    itorch::require(path != nullptr && *path != '\0', "the store's path is empty");
    itorch::require(world_size >= 1, "the world size must be at least 1");
    give(out, c10::make_intrusive<c10d::FileStore>(path, world_size));
  });
}

void itorch_store_free(itorch_store* store) {
  if (store == nullptr) return;
  delete store;
  itorch::handle_freed();
}

int32_t itorch_process_group_gloo(itorch_process_group** out, itorch_store* store, int32_t rank, int32_t world_size,
                                  int64_t timeout_ms) {
  return itorch::guarded([&] {
#ifdef ITORCH_GLOO
    auto timeout = require_group(out, store, rank, world_size, timeout_ms);
    give(out, gloo_group(store->store, rank, world_size, timeout));
#else
    require_group(out, store, rank, world_size, timeout_ms);
    throw itorch::NotSupported("Gloo: this shim was built without Gloo's headers (install libgloo-dev and rebuild)");
#endif
  });
}

int32_t itorch_process_group_nccl(itorch_process_group** out, itorch_store* store, int32_t rank, int32_t world_size,
                                  int64_t timeout_ms) {
  return itorch::guarded([&] {
    require_group(out, store, rank, world_size, timeout_ms);
    itorch::require_cuda();
    throw itorch::NotSupported("NCCL: this shim does not drive ProcessGroupNCCL yet; use Gloo");
  });
}

int32_t itorch_process_group_rank(const itorch_process_group* group) {
  return group == nullptr ? -1 : group->group->getRank();
}

int32_t itorch_process_group_size(const itorch_process_group* group) {
  return group == nullptr ? -1 : group->group->getSize();
}

void itorch_process_group_free(itorch_process_group* group) {
  if (group == nullptr) return;
  delete group;
  itorch::handle_freed();
}

}  // extern "C"
