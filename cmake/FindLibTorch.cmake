# Finds libtorch and defines the imported target LibTorch::LibTorch.
#
# Where it looks, in order:
#   LIBTORCH_DIR (CMake or environment variable): a libtorch root, e.g. an unpacked official
#     zip, or a pip torch's package folder (python3 -c "import torch, os; print(os.path.dirname(torch.__file__))");
#   Torch_DIR: the folder holding TorchConfig.cmake (find_package's own convention);
#   the system install (Debian: apt-get install libtorch-dev).
# A CUDA libtorch works the same way; its TorchConfig.cmake then also needs the CUDA toolkit.

if(NOT LIBTORCH_DIR AND DEFINED ENV{LIBTORCH_DIR})
  set(LIBTORCH_DIR "$ENV{LIBTORCH_DIR}")
endif()

if(LIBTORCH_DIR)
  find_package(Torch CONFIG QUIET PATHS "${LIBTORCH_DIR}" "${LIBTORCH_DIR}/share/cmake/Torch" NO_DEFAULT_PATH)
else()
  find_package(Torch CONFIG QUIET)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(LibTorch
  REQUIRED_VARS TORCH_LIBRARIES TORCH_INCLUDE_DIRS
  VERSION_VAR Torch_VERSION
  REASON_FAILURE_MESSAGE
    "Install Debian's libtorch-dev, or set LIBTORCH_DIR to a libtorch root (an official zip or a pip torch's package folder), or Torch_DIR to the folder holding TorchConfig.cmake.")

if(LibTorch_FOUND AND NOT TARGET LibTorch::LibTorch)
  add_library(LibTorch::LibTorch INTERFACE IMPORTED)
  target_link_libraries(LibTorch::LibTorch INTERFACE ${TORCH_LIBRARIES})
  target_include_directories(LibTorch::LibTorch INTERFACE ${TORCH_INCLUDE_DIRS})
  # Carries the C++ ABI flag (-D_GLIBCXX_USE_CXX11_ABI=...) that the libtorch was built with.
  separate_arguments(_libtorch_flags UNIX_COMMAND "${TORCH_CXX_FLAGS}")
  target_compile_options(LibTorch::LibTorch INTERFACE ${_libtorch_flags})
  get_filename_component(LIBTORCH_LIBRARY_DIR "${TORCH_LIBRARY}" DIRECTORY)
endif()
