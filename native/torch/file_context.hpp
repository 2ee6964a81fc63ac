// Names the file in libtorch's errors about reading or writing it: messages such as "failed
// finding central directory" do not say which file.
#pragma once

#include <c10/util/Exception.h>

#include <string>

namespace itorch {

// Runs `access` and adds `path` to the context of any c10::Error it throws, keeping the
// error's type (and so its status code).
template <class Access>
auto naming_file(const char* path, Access&& access) -> decltype(access()) {
  try {
    return access();
  } catch (c10::Error& error) {
    error.add_context(std::string("file: ") + path);
    throw;
  }
}

}  // namespace itorch
