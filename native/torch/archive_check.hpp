// Internal to the shim: checks that a model file is an intact PyTorch archive before libtorch
// parses it. PyTorch's files (torch.save, torch.jit.save, C++ torch::save) are zip archives
// whose records carry CRC-32s, but libtorch reads them with miniz built without its CRC checks
// (MINIZ_DISABLE_ZIP_READER_CRC32_CHECKS), so a flipped bit in a tensor or in TorchScript code
// loaded and ran: of 1,000 files with one random bit flip, about 390 loaded and 4 of those gave
// different outputs. The check reads every record once and compares its CRC-32.
#pragma once

#include <string>
#include <vector>

namespace itorch {

// Throws c10::Error, saying what is wrong, unless the file at `path` is a whole zip archive
// (zip64 included) whose every record is stored or deflated, is where the central directory
// says, agrees with its local header, and has the CRC-32 the archive gives for it. Guards
// against corruption, not against a file crafted to pass. Returns the records' names.
std::vector<std::string> verify_archive(const char* path);

// `text` read from a file, fit for an error message: bytes outside printable ASCII become \xNN.
// A damaged record name can hold any byte, and a null would cut the message short at the ABI.
std::string printable(const std::string& text);

}  // namespace itorch
