// State dicts by name: a module's state as a list of dotted PyTorch names, and saving and
// loading any list of named tensors, which is how a C# module composed of native children and
// tensors of its own persists in the same files as a native module.
#include <cstring>
#include <string>
#include <vector>

#include "module.hpp"
#include "persistence.hpp"
#include "result_slot.hpp"
#include "shim.hpp"

using itorch::guarded;
using itorch::require;

namespace {

std::vector<itorch::NamedTensor> named_list(const char* const* names, const itorch_tensor* const* tensors,
                                            const int32_t* is_buffer, int32_t count) {
  require(count >= 0, "the entry count must not be negative");
  require(count == 0 || (names != nullptr && tensors != nullptr && is_buffer != nullptr),
          "the name, tensor or buffer-flag list pointer is null");
  std::vector<itorch::NamedTensor> entries;
  for (int32_t i = 0; i < count; ++i) {
    require(names[i] != nullptr, "a name is null");
    entries.push_back({names[i], itorch::input(tensors[i], "tensors[i]"), is_buffer[i] != 0});
  }
  return entries;
}

}  // namespace

extern "C" {

int32_t itorch_module_state_count(itorch_module* module, int32_t* count) {
  return guarded([&] {
    require(count != nullptr, "the out pointer is null");
    *count = static_cast<int32_t>(itorch::flatten(itorch::module_of(module).state()).size());
  });
}

int32_t itorch_module_state_entry(itorch_module* module, int32_t index, itorch_tensor* slot, uint8_t* name,
                                  int32_t capacity, int32_t* name_length, int32_t* is_buffer) {
  return guarded([&] {
    require(name_length != nullptr && is_buffer != nullptr, "the out pointers must not be null");
    require(capacity >= 0 && (name != nullptr || capacity == 0), "the name buffer is null or its capacity negative");
    const auto entries = itorch::flatten(itorch::module_of(module).state());
    if (index < 0 || static_cast<size_t>(index) >= entries.size()) {
      throw itorch::InvalidArgument("state entry " + std::to_string(index) + " does not exist; the module has " +
                                    std::to_string(entries.size()));
    }
    const itorch::NamedTensor& entry = entries[static_cast<size_t>(index)];
    itorch::ResultSlot(slot).assign(entry.tensor);
    *name_length = static_cast<int32_t>(entry.name.size());
    *is_buffer = entry.is_buffer ? 1 : 0;
    if (entry.name.size() <= static_cast<size_t>(capacity)) std::memcpy(name, entry.name.data(), entry.name.size());
  });
}

int32_t itorch_state_save(const char* path, const char* const* names, const itorch_tensor* const* tensors,
                          const int32_t* is_buffer, int32_t count) {
  return guarded([&] {
    require(path != nullptr, "the path is null");
    itorch::save_state(itorch::unflatten(named_list(names, tensors, is_buffer, count)), path);
  });
}

int32_t itorch_state_load(const char* path, const char* const* names, const itorch_tensor* const* tensors,
                          const int32_t* is_buffer, int32_t count) {
  return guarded([&] {
    require(path != nullptr, "the path is null");
    itorch::load_state(itorch::unflatten(named_list(names, tensors, is_buffer, count)), path);
  });
}

}  // extern "C"
