// The archive check of archive_check.hpp: the zip structure read from the central directory,
// every record's local header compared with it, and every record's CRC-32 recomputed (over the
// inflated bytes for a deflated record, as TorchScript stores its code).
#include "archive_check.hpp"

#include <c10/util/Exception.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <string>
#include <vector>

namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr uint32_t kZip64EndOfCentralDirectory = 0x06064b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kDataDescriptor = 0x08074b50;
constexpr uint16_t kZip64ExtraField = 0x0001;
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;
constexpr uint16_t kEncryptedFlag = 0x0001;
constexpr uint16_t kDataDescriptorFlag = 0x0008;
constexpr int64_t kEndRecordSize = 22;
constexpr int64_t kLocatorSize = 20;
constexpr int64_t kChunk = 1 << 20;

// Every failure says the same first words, so that a caller can tell corruption from a file
// libtorch rejects for another reason.
#define ITORCH_ARCHIVE_CHECK(condition, ...) \
  TORCH_CHECK(condition, "the file is not an intact PyTorch archive (truncated or corrupted): ", __VA_ARGS__)

uint16_t u16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t u32(const unsigned char* p) { return u16(p) | (static_cast<uint32_t>(u16(p + 2)) << 16); }
uint64_t u64(const unsigned char* p) { return u32(p) | (static_cast<uint64_t>(u32(p + 4)) << 32); }

class File {
 public:
  explicit File(const char* path) : stream_(path, std::ios::binary) {
    TORCH_CHECK(stream_.is_open(), "cannot open the file");
    stream_.seekg(0, std::ios::end);
    size_ = static_cast<int64_t>(stream_.tellg());
  }

  int64_t size() const { return size_; }

  std::vector<unsigned char> read(int64_t offset, int64_t count, const char* what) {
    ITORCH_ARCHIVE_CHECK(offset >= 0 && count >= 0 && offset <= size_ && count <= size_ - offset, what,
                         " lies beyond the end of the file (", size_, " bytes)");
    std::vector<unsigned char> bytes(static_cast<size_t>(count));
    stream_.clear();
    stream_.seekg(offset);
    stream_.read(reinterpret_cast<char*>(bytes.data()), count);
    TORCH_CHECK(stream_.gcount() == count, "reading ", what, " failed");
    return bytes;
  }

 private:
  std::ifstream stream_;
  int64_t size_ = 0;
};

// What the central directory says of one record.
struct Entry {
  std::string name;
  std::string shown;  // the name as messages show it
  uint16_t version_needed = 0;
  uint16_t flags = 0;
  uint16_t method = 0;
  uint16_t time = 0;
  uint16_t date = 0;
  uint32_t crc = 0;
  uint64_t compressed = 0;
  uint64_t uncompressed = 0;
  uint64_t offset = 0;
};

// Replaces the 32-bit fields that say 0xFFFFFFFF by the zip64 extra field's 64-bit values, in
// the order the zip specification gives them.
void apply_zip64(const unsigned char* extra, size_t length, bool with_offset, Entry& entry) {
  size_t at = 0;
  while (at + 4 <= length) {
    const uint16_t id = u16(extra + at);
    const size_t size = u16(extra + at + 2);
    ITORCH_ARCHIVE_CHECK(at + 4 + size <= length, "the extra field of record '", entry.shown, "' overruns it");
    if (id == kZip64ExtraField) {
      const unsigned char* field = extra + at + 4;
      size_t used = 0;
      auto take = [&](uint64_t& value) {
        if (value != 0xFFFFFFFFu) return;
        ITORCH_ARCHIVE_CHECK(used + 8 <= size, "the zip64 field of record '", entry.shown, "' is too short");
        value = u64(field + used);
        used += 8;
      };
      take(entry.uncompressed);
      take(entry.compressed);
      if (with_offset) take(entry.offset);
    }
    at += 4 + size;
  }
}

// The central directory's offset, size and entry count, from the end records.
struct Directory {
  int64_t offset = 0;
  int64_t size = 0;
  uint64_t entries = 0;
  int64_t end = 0;  // where the records after the central directory begin
};

Directory find_directory(File& file) {
  const int64_t size = file.size();
  ITORCH_ARCHIVE_CHECK(size >= kEndRecordSize, "it is ", size, " bytes long, too short for a zip archive");
  // The end record sits at the very end, followed only by its comment (at most 65535 bytes).
  const int64_t tail_size = std::min<int64_t>(size, kEndRecordSize + 0xFFFF);
  const std::vector<unsigned char> tail = file.read(size - tail_size, tail_size, "the end of the archive");
  int64_t found = -1;
  for (int64_t at = tail_size - kEndRecordSize; at >= 0; --at) {
    const unsigned char* p = tail.data() + at;
    if (u32(p) == kEndOfCentralDirectory && at + kEndRecordSize + u16(p + 20) == tail_size) {
      found = at;
      break;
    }
  }
  ITORCH_ARCHIVE_CHECK(found >= 0, "no end-of-central-directory record at its end");
  const unsigned char* end = tail.data() + found;
  const int64_t end_offset = size - tail_size + found;
  ITORCH_ARCHIVE_CHECK(u16(end + 4) == 0 && u16(end + 6) == 0 && u16(end + 8) == u16(end + 10),
                       "the end record describes a multi-disk archive");
  Directory directory{u32(end + 16), u32(end + 12), u16(end + 10), end_offset};

  if (end_offset >= kLocatorSize) {
    const std::vector<unsigned char> locator = file.read(end_offset - kLocatorSize, kLocatorSize, "the zip64 locator");
    if (u32(locator.data()) == kZip64Locator) {
      ITORCH_ARCHIVE_CHECK(u32(locator.data() + 4) == 0 && u32(locator.data() + 16) == 1,
                           "the zip64 locator describes a multi-disk archive");
      const int64_t record_offset = static_cast<int64_t>(u64(locator.data() + 8));
      const std::vector<unsigned char> record = file.read(record_offset, 56, "the zip64 end record");
      ITORCH_ARCHIVE_CHECK(u32(record.data()) == kZip64EndOfCentralDirectory,
                           "no zip64 end record where the locator points");
      ITORCH_ARCHIVE_CHECK(record_offset + 12 + static_cast<int64_t>(u64(record.data() + 4)) == end_offset - kLocatorSize,
                           "the zip64 end record's size does not reach the locator");
      ITORCH_ARCHIVE_CHECK(u32(record.data() + 16) == 0 && u32(record.data() + 20) == 0 &&
                               u64(record.data() + 24) == u64(record.data() + 32),
                           "the zip64 end record describes a multi-disk archive");
      const Directory zip64{static_cast<int64_t>(u64(record.data() + 48)), static_cast<int64_t>(u64(record.data() + 40)),
                            u64(record.data() + 32), record_offset};
      // The 32-bit copies either agree or say "see zip64".
      ITORCH_ARCHIVE_CHECK((directory.entries == 0xFFFF || directory.entries == zip64.entries) &&
                               (directory.size == 0xFFFFFFFF || directory.size == zip64.size) &&
                               (directory.offset == 0xFFFFFFFF || directory.offset == zip64.offset),
                           "the end record and the zip64 end record disagree");
      directory = zip64;
    }
  }
  ITORCH_ARCHIVE_CHECK(directory.offset >= 0 && directory.size >= 0 && directory.offset + directory.size == directory.end,
                       "the central directory does not end where the end records begin");
  return directory;
}

std::vector<Entry> read_directory(File& file, const Directory& directory) {
  const std::vector<unsigned char> bytes = file.read(directory.offset, directory.size, "the central directory");
  // No more entries than the directory has room for, whatever the count says.
  ITORCH_ARCHIVE_CHECK(directory.entries <= bytes.size() / 46, "the entry count exceeds the central directory");
  std::vector<Entry> entries;
  std::set<std::string> names;
  size_t at = 0;
  for (uint64_t i = 0; i < directory.entries; ++i) {
    ITORCH_ARCHIVE_CHECK(at + 46 <= bytes.size() && u32(bytes.data() + at) == kCentralHeader, "central directory entry ", i,
                         " is damaged");
    const unsigned char* p = bytes.data() + at;
    const size_t name_length = u16(p + 28);
    const size_t extra_length = u16(p + 30);
    const size_t comment_length = u16(p + 32);
    ITORCH_ARCHIVE_CHECK(at + 46 + name_length + extra_length + comment_length <= bytes.size(),
                         "central directory entry ", i, " overruns the directory");
    Entry entry;
    entry.name.assign(reinterpret_cast<const char*>(p + 46), name_length);
    entry.shown = itorch::printable(entry.name);
    entry.version_needed = u16(p + 6);
    entry.flags = u16(p + 8);
    entry.method = u16(p + 10);
    entry.time = u16(p + 12);
    entry.date = u16(p + 14);
    entry.crc = u32(p + 16);
    entry.compressed = u32(p + 20);
    entry.uncompressed = u32(p + 24);
    entry.offset = u32(p + 42);
    ITORCH_ARCHIVE_CHECK(u16(p + 34) == 0 || u16(p + 34) == 0xFFFF, "record '", entry.shown, "' is on another disk");
    apply_zip64(p + 46 + name_length, extra_length, /*with_offset=*/true, entry);
    ITORCH_ARCHIVE_CHECK((entry.flags & kEncryptedFlag) == 0, "record '", entry.shown, "' is encrypted");
    ITORCH_ARCHIVE_CHECK(entry.method == kStored || entry.method == kDeflated, "record '", entry.shown,
                         "' uses compression method ", entry.method, " (PyTorch writes stored or deflated records)");
    ITORCH_ARCHIVE_CHECK(entry.method != kStored || entry.compressed == entry.uncompressed, "stored record '",
                         entry.shown, "' has two different sizes");
    ITORCH_ARCHIVE_CHECK(names.insert(entry.name).second, "record '", entry.shown, "' appears twice");
    entries.push_back(std::move(entry));
    at += 46 + name_length + extra_length + comment_length;
  }
  ITORCH_ARCHIVE_CHECK(at == bytes.size(), "the central directory holds more than its ", directory.entries, " entries");
  return entries;
}

// The CRC-32 of the record's data, read chunk by chunk (and inflated first when deflated).
uint32_t data_crc(File& file, const Entry& entry, int64_t data_offset) {
  uLong crc = crc32(0L, Z_NULL, 0);
  const int64_t total = static_cast<int64_t>(entry.compressed);
  if (entry.method == kStored) {
    for (int64_t done = 0; done < total;) {
      const int64_t count = std::min(kChunk, total - done);
      const std::vector<unsigned char> chunk = file.read(data_offset + done, count, "a record's data");
      crc = crc32(crc, chunk.data(), static_cast<uInt>(chunk.size()));
      done += count;
    }
    return static_cast<uint32_t>(crc);
  }
  z_stream stream{};
  ITORCH_ARCHIVE_CHECK(inflateInit2(&stream, -MAX_WBITS) == Z_OK, "cannot start inflating record '", entry.shown, "'");
  std::vector<unsigned char> out(static_cast<size_t>(kChunk));
  uint64_t produced = 0;
  int status = Z_OK;
  for (int64_t done = 0; done < total && status != Z_STREAM_END;) {
    const int64_t count = std::min(kChunk, total - done);
    std::vector<unsigned char> chunk = file.read(data_offset + done, count, "a record's data");
    done += count;
    stream.next_in = chunk.data();
    stream.avail_in = static_cast<uInt>(chunk.size());
    do {
      stream.next_out = out.data();
      stream.avail_out = static_cast<uInt>(out.size());
      status = inflate(&stream, Z_NO_FLUSH);
      // No progress without more input: the output buffer filled just as this chunk ran out.
      if (status == Z_BUF_ERROR && stream.avail_in == 0) {
        status = Z_OK;
        break;
      }
      if (status != Z_OK && status != Z_STREAM_END) break;
      const size_t made = out.size() - stream.avail_out;
      crc = crc32(crc, out.data(), static_cast<uInt>(made));
      produced += made;
    } while (stream.avail_out == 0 && status == Z_OK);
    if (status != Z_OK && status != Z_STREAM_END) break;
  }
  const bool ended = status == Z_STREAM_END && stream.avail_in == 0 && stream.total_in == entry.compressed;
  inflateEnd(&stream);
  ITORCH_ARCHIVE_CHECK(ended, "the compressed data of record '", entry.shown, "' is damaged");
  ITORCH_ARCHIVE_CHECK(produced == entry.uncompressed, "record '", entry.shown, "' inflates to ", produced,
                       " bytes, not the ", entry.uncompressed, " the archive says");
  return static_cast<uint32_t>(crc);
}

// The data descriptor that follows a record written with the flag: an optional signature, the
// CRC-32, then both sizes in 4 bytes each, or 8 in a zip64 archive.
void check_descriptor(File& file, const Entry& entry, int64_t at, int64_t limit) {
  const std::vector<unsigned char> bytes = file.read(at, std::min<int64_t>(24, limit - at), "a data descriptor");
  size_t skip = bytes.size() >= 4 && u32(bytes.data()) == kDataDescriptor ? 4 : 0;
  const unsigned char* p = bytes.data() + skip;
  const size_t left = bytes.size() - skip;
  ITORCH_ARCHIVE_CHECK(left >= 12 && u32(p) == entry.crc, "the data descriptor of record '", entry.shown,
                       "' disagrees with the central directory");
  if (u32(p + 4) == entry.compressed && u32(p + 8) == entry.uncompressed) return;
  ITORCH_ARCHIVE_CHECK(left >= 20 && u64(p + 4) == entry.compressed && u64(p + 12) == entry.uncompressed,
                       "the data descriptor of record '", entry.shown, "' gives other sizes than the central directory");
}

// Checks one record, which must end by `limit` (the next record or the central directory).
void check_record(File& file, const Entry& entry, int64_t limit) {
  const int64_t offset = static_cast<int64_t>(entry.offset);
  ITORCH_ARCHIVE_CHECK(offset + 30 <= limit, "record '", entry.shown, "' starts past the records' area");
  const std::vector<unsigned char> header = file.read(offset, 30, "a local header");
  const unsigned char* p = header.data();
  ITORCH_ARCHIVE_CHECK(u32(p) == kLocalHeader, "no local header where record '", entry.shown, "' should start");
  const int64_t name_length = u16(p + 26);
  const int64_t extra_length = u16(p + 28);
  const std::vector<unsigned char> name_and_extra =
      file.read(offset + 30, name_length + extra_length, "a local header's name");
  const std::string name(reinterpret_cast<const char*>(name_and_extra.data()), static_cast<size_t>(name_length));
  ITORCH_ARCHIVE_CHECK(name == entry.name, "the local header of record '", entry.shown, "' names it '", itorch::printable(name), "'");
  ITORCH_ARCHIVE_CHECK(u16(p + 4) == entry.version_needed && u16(p + 6) == entry.flags && u16(p + 8) == entry.method &&
                           u16(p + 10) == entry.time && u16(p + 12) == entry.date,
                       "the local header of record '", entry.shown, "' disagrees with the central directory");
  Entry local = entry;
  local.crc = u32(p + 14);
  local.compressed = u32(p + 18);
  local.uncompressed = u32(p + 22);
  apply_zip64(name_and_extra.data() + name_length, static_cast<size_t>(extra_length), /*with_offset=*/false, local);
  const bool deferred = (entry.flags & kDataDescriptorFlag) != 0;
  // With a data descriptor the local header may leave CRC and sizes at zero.
  const bool left_blank = deferred && local.crc == 0 && local.compressed == 0 && local.uncompressed == 0;
  ITORCH_ARCHIVE_CHECK(left_blank || (local.crc == entry.crc && local.compressed == entry.compressed &&
                                      local.uncompressed == entry.uncompressed),
                       "the local header of record '", entry.shown, "' gives another CRC or size");

  const int64_t data_offset = offset + 30 + name_length + extra_length;
  ITORCH_ARCHIVE_CHECK(static_cast<int64_t>(entry.compressed) <= limit - data_offset, "record '", entry.shown,
                       "' runs past the records' area");
  const uint32_t crc = data_crc(file, entry, data_offset);
  ITORCH_ARCHIVE_CHECK(crc == entry.crc, "the CRC-32 of record '", entry.shown, "' is ", crc, " but the archive says ",
                       entry.crc);
  if (deferred) check_descriptor(file, entry, data_offset + static_cast<int64_t>(entry.compressed), limit);
}

}  // namespace

namespace itorch {

std::string printable(const std::string& text) {
  static const char* const digits = "0123456789abcdef";
  std::string shown;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      shown += c;
    } else {
      shown += "\\x";
      shown += digits[byte >> 4];
      shown += digits[byte & 0xf];
    }
  }
  return shown;
}

std::vector<std::string> verify_archive(const char* path) {
  File file(path);
  const Directory directory = find_directory(file);
  std::vector<Entry> entries = read_directory(file, directory);
  std::vector<std::string> names;
  for (const Entry& entry : entries) names.push_back(entry.name);
  // Records lie one after another before the central directory, none overlapping the next.
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.offset < b.offset; });
  for (size_t i = 0; i < entries.size(); ++i) {
    const int64_t limit =
        i + 1 < entries.size() ? static_cast<int64_t>(entries[i + 1].offset) : directory.offset;
    check_record(file, entries[i], limit);
  }
  return names;
}

}  // namespace itorch
