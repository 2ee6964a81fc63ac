// Internal to the shim: Python's torch.save(model.state_dict()) files (state_pickle.cpp).
#pragma once

#include <ATen/ATen.h>

#include <string>
#include <utility>
#include <vector>

namespace itorch {

// The names and tensors of the state dict pickled in the archive at `path`, in the file's
// order, on the CPU. Throws c10::Error for a pickle holding anything but a dictionary from names
// to tensors. The archive must have passed verify_archive (archive_check.hpp).
std::vector<std::pair<std::string, at::Tensor>> read_pickled_state_dict(const char* path);

}  // namespace itorch
