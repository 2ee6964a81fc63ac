# Finds libtorch and defines the imported target LibTorch::LibTorch.
#
# Where it looks, in order:
#   LIBTORCH_DIR (CMake or environment variable): a libtorch root, e.g. an unpacked official
#     zip, or a pip torch's package folder (python3 -c "import torch, os; print(os.path.dirname(torch.__file__))");
#   Torch_DIR: the folder holding TorchConfig.cmake (find_package's own convention);
#   the system install (Debian: apt-get install libtorch-dev).
# A CUDA libtorch works the same way; its TorchConfig.cmake then also needs the CUDA toolkit.
#
# Sets LIBTORCH_HAS_CUDA (ON or OFF): whether the libtorch found was built with CUDA. Its
# TorchConfig.cmake then lists the CUDA libraries, c10_cuda among them, in TORCH_CUDA_LIBRARIES
# (and Caffe2's config sets CAFFE2_USE_CUDA). A libtorch without CUDA sets neither and has no
# libc10_cuda beside libtorch.

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

set(LIBTORCH_HAS_CUDA OFF)
if(LibTorch_FOUND AND (TORCH_CUDA_LIBRARIES OR CAFFE2_USE_CUDA))
  set(LIBTORCH_HAS_CUDA ON)
  # libtorch_cuda registers libtorch's CUDA backend when it loads, but the shim calls none of its
  # symbols, so a linker running with --as-needed would drop it (the PyTorch config links it
  # --no-as-needed too; repeating that is harmless). Without it at::hasCUDA() is false on a GPU.
  find_library(LIBTORCH_TORCH_CUDA_LIBRARY torch_cuda PATHS "${LIBTORCH_LIBRARY_DIR}" NO_DEFAULT_PATH)
  if(LIBTORCH_TORCH_CUDA_LIBRARY)
    target_link_libraries(LibTorch::LibTorch INTERFACE
      "-Wl,--push-state,--no-as-needed,${LIBTORCH_TORCH_CUDA_LIBRARY},--pop-state")
  endif()
  if(NOT TORCH_CUDA_LIBRARIES MATCHES "c10_cuda")
    # The shim's CUDA code calls c10_cuda directly; make sure it is linked.
    find_library(LIBTORCH_C10_CUDA_LIBRARY c10_cuda PATHS "${LIBTORCH_LIBRARY_DIR}" NO_DEFAULT_PATH)
    if(LIBTORCH_C10_CUDA_LIBRARY)
      target_link_libraries(LibTorch::LibTorch INTERFACE "${LIBTORCH_C10_CUDA_LIBRARY}")
    endif()
  endif()
elseif(LibTorch_FOUND AND EXISTS "${LIBTORCH_LIBRARY_DIR}/libc10_cuda.so")
  message(WARNING "libc10_cuda.so is beside libtorch in ${LIBTORCH_LIBRARY_DIR}, but its TorchConfig.cmake "
                  "lists no CUDA libraries: building the shim without CUDA.")
endif()
