// Reads Python's torch.save(model.state_dict()): a zip archive whose data.pkl pickles an
// OrderedDict from names to tensors, the tensors' storages being the records data/<key>.
// libtorch 1.13's own unpickler (torch::jit::pickle_load) cannot read it: it has no SETITEM
// and fails on the OrderedDict's _metadata. This unpickler knows only what a state dict
// contains: the opcodes of pickle protocol 2 that torch.save writes, and four kinds of global
// (OrderedDict, torch._utils._rebuild_tensor_v2, torch._utils._rebuild_parameter and the
// torch.*Storage types). Anything else is refused, so no other Python object can be built.
#include "state_pickle.hpp"

#include "archive_check.hpp"

#include <caffe2/serialize/inline_container.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace {

#define ITORCH_PICKLE_CHECK(condition, ...) \
  TORCH_CHECK(condition, "the file is not a state dict saved by torch.save: ", __VA_ARGS__)

struct Item;
using Pairs = std::vector<std::pair<Item, Item>>;

// Deeper nesting than a state dict has (its tensors' size tuples sit at depth 3) is refused, so
// that a hostile pickle cannot nest values until destroying them overflows the stack.
constexpr int kMaxDepth = 32;

// One value on the unpickler's stack. Tuples, lists and dicts are shared, as Python shares
// them, so a memoized value read many times costs nothing and SETITEMS fills the dict it names.
struct Item {
  enum class Kind { None, Bool, Int, String, Tuple, Dict, Global, Tensor, Mark };
  Kind kind = Kind::None;
  int depth = 0;
  int64_t integer = 0;
  std::string text;                           // a string, or a global's "module.name"
  std::shared_ptr<std::vector<Item>> items;   // a tuple's or list's elements
  std::shared_ptr<Pairs> dict;
  at::Tensor tensor;
};

Item make(Item::Kind kind) {
  Item item;
  item.kind = kind;
  if (kind == Item::Kind::Tuple) item.items = std::make_shared<std::vector<Item>>();
  if (kind == Item::Kind::Dict) item.dict = std::make_shared<Pairs>();
  return item;
}

// Records that `container` now holds `element`.
void nest(Item& container, const Item& element) {
  container.depth = std::max(container.depth, element.depth + 1);
  ITORCH_PICKLE_CHECK(container.depth <= kMaxDepth, "values nest deeper than ", kMaxDepth, " levels");
}

Item integer(int64_t value) {
  Item item = make(Item::Kind::Int);
  item.integer = value;
  return item;
}

const std::map<std::string, at::ScalarType>& storage_types() {
  static const std::map<std::string, at::ScalarType> types = {
      {"torch.FloatStorage", at::kFloat}, {"torch.DoubleStorage", at::kDouble}, {"torch.HalfStorage", at::kHalf},
      {"torch.BFloat16Storage", at::kBFloat16}, {"torch.LongStorage", at::kLong}, {"torch.IntStorage", at::kInt},
      {"torch.ShortStorage", at::kShort}, {"torch.CharStorage", at::kChar}, {"torch.ByteStorage", at::kByte},
      {"torch.BoolStorage", at::kBool}};
  return types;
}

std::vector<int64_t> int_list(const Item& tuple, const char* what) {
  ITORCH_PICKLE_CHECK(tuple.kind == Item::Kind::Tuple, what, " is not a tuple");
  std::vector<int64_t> values;
  for (const Item& element : *tuple.items) {
    ITORCH_PICKLE_CHECK(element.kind == Item::Kind::Int, what, " holds a value that is not an integer");
    values.push_back(element.integer);
  }
  return values;
}

class Unpickler {
 public:
  explicit Unpickler(caffe2::serialize::PyTorchStreamReader& reader) : reader_(reader) {
    auto [data, size] = reader_.getRecord("data.pkl");
    bytes_.assign(static_cast<const char*>(data.get()), static_cast<const char*>(data.get()) + size);
  }

  Item run() {
    for (;;) {
      const uint8_t opcode = byte();
      switch (opcode) {
        case 0x80: byte(); break;  // PROTO
        case '.':                  // STOP
          ITORCH_PICKLE_CHECK(stack_.size() == 1, "the pickle ends with ", stack_.size(), " values, not one");
          return pop();
        case 'c': {  // GLOBAL
          Item global = make(Item::Kind::Global);
          global.text = line();
          global.text += "." + line();
          push(std::move(global));
          break;
        }
        case 'q': memo_[byte()] = top(); break;     // BINPUT
        case 'r': memo_[u32()] = top(); break;      // LONG_BINPUT
        case 'h': push(memo(byte())); break;        // BINGET
        case 'j': push(memo(u32())); break;         // LONG_BINGET
        case '(': push(make(Item::Kind::Mark)); break;
        case ')': push(make(Item::Kind::Tuple)); break;  // EMPTY_TUPLE
        case ']': push(make(Item::Kind::Tuple)); break;  // EMPTY_LIST, kept as a tuple
        case 't': push(tuple(since_mark())); break;      // TUPLE
        case 0x85: push(tuple(last(1))); break;          // TUPLE1
        case 0x86: push(tuple(last(2))); break;          // TUPLE2
        case 0x87: push(tuple(last(3))); break;          // TUPLE3
        case 'a': {                                      // APPEND
          Item value = pop();
          append(list(), std::move(value));
          break;
        }
        case 'e': {  // APPENDS
          std::vector<Item> values = since_mark();
          for (Item& value : values) append(list(), std::move(value));
          break;
        }
        case 'X': {  // BINUNICODE
          Item text = make(Item::Kind::String);
          text.text = chars(u32());
          push(std::move(text));
          break;
        }
        case 0x8c: {  // SHORT_BINUNICODE
          Item text = make(Item::Kind::String);
          text.text = chars(byte());
          push(std::move(text));
          break;
        }
        case 'K': push(integer(byte())); break;                                   // BININT1
        case 'M': push(integer(u16())); break;                                    // BININT2
        case 'J': push(integer(static_cast<int32_t>(u32()))); break;              // BININT
        case 0x8a: push(integer(long1())); break;                                 // LONG1
        case 'N': push(make(Item::Kind::None)); break;
        case 0x88: push(boolean(true)); break;   // NEWTRUE
        case 0x89: push(boolean(false)); break;  // NEWFALSE
        case '}': push(make(Item::Kind::Dict)); break;  // EMPTY_DICT
        case 's': {                                    // SETITEM
          Item value = pop();
          Item key = pop();
          set(dict(), std::move(key), std::move(value));
          break;
        }
        case 'u': {  // SETITEMS
          std::vector<Item> values = since_mark();
          ITORCH_PICKLE_CHECK(values.size() % 2 == 0, "SETITEMS has an odd number of values");
          for (size_t i = 0; i < values.size(); i += 2) set(dict(), values[i], values[i + 1]);
          break;
        }
        case 'b':  // BUILD: an OrderedDict's state (its _metadata) is not needed
          pop();
          ITORCH_PICKLE_CHECK(top().kind == Item::Kind::Dict, "BUILD applies to something other than a dict");
          break;
        case 'Q': push(storage(pop())); break;  // BINPERSID
        case 'R': {                             // REDUCE
          Item arguments = pop();
          Item callable = pop();
          push(reduce(callable, arguments));
          break;
        }
        default:
          ITORCH_PICKLE_CHECK(false, "pickle opcode 0x", std::hex, static_cast<int>(opcode), " is not one a state dict uses");
      }
    }
  }

 private:
  uint8_t byte() {
    ITORCH_PICKLE_CHECK(at_ < bytes_.size(), "data.pkl ends early");
    return static_cast<uint8_t>(bytes_[at_++]);
  }
  uint16_t u16() { return static_cast<uint16_t>(byte() | (byte() << 8)); }
  uint32_t u32() { return u16() | (static_cast<uint32_t>(u16()) << 16); }
  int64_t long1() {
    const uint8_t size = byte();
    ITORCH_PICKLE_CHECK(size <= 8, "an integer of ", static_cast<int>(size), " bytes");
    uint64_t value = 0;
    for (uint8_t i = 0; i < size; ++i) value |= static_cast<uint64_t>(byte()) << (8 * i);
    // Two's complement of `size` bytes.
    if (size > 0 && size < 8 && (value >> (8 * size - 1)) != 0) value |= ~uint64_t{0} << (8 * size);
    return static_cast<int64_t>(value);
  }
  std::string chars(size_t count) {
    ITORCH_PICKLE_CHECK(count <= bytes_.size() - at_, "a string runs past the end of data.pkl");
    std::string text(bytes_.data() + at_, count);
    at_ += count;
    return text;
  }
  std::string line() {
    const size_t end = bytes_.find('\n', at_);
    ITORCH_PICKLE_CHECK(end != std::string::npos, "a global's name is not terminated");
    std::string text = bytes_.substr(at_, end - at_);
    at_ = end + 1;
    return text;
  }

  static Item boolean(bool value) {
    Item item = make(Item::Kind::Bool);
    item.integer = value ? 1 : 0;
    return item;
  }
  static Item tuple(std::vector<Item> items) {
    Item item = make(Item::Kind::Tuple);
    for (const Item& element : items) nest(item, element);
    *item.items = std::move(items);
    return item;
  }
  static void append(Item& list, Item value) {
    nest(list, value);
    list.items->push_back(std::move(value));
  }
  static void set(Item& dict, Item key, Item value) {
    nest(dict, key);
    nest(dict, value);
    dict.dict->emplace_back(std::move(key), std::move(value));
  }

  void push(Item item) { stack_.push_back(std::move(item)); }
  Item& top() {
    ITORCH_PICKLE_CHECK(!stack_.empty(), "the stack is empty");
    return stack_.back();
  }
  Item pop() {
    Item item = std::move(top());
    stack_.pop_back();
    return item;
  }
  Item& dict() {
    ITORCH_PICKLE_CHECK(top().kind == Item::Kind::Dict, "items are set on something other than a dict");
    return top();
  }
  Item& list() {
    ITORCH_PICKLE_CHECK(top().kind == Item::Kind::Tuple, "items are appended to something other than a list");
    return top();
  }
  Item memo(uint32_t key) {
    const auto found = memo_.find(key);
    ITORCH_PICKLE_CHECK(found != memo_.end(), "memo entry ", key, " is read before it is written");
    return found->second;
  }
  std::vector<Item> last(size_t count) {
    ITORCH_PICKLE_CHECK(stack_.size() >= count, "a tuple takes more values than the stack holds");
    std::vector<Item> items(std::make_move_iterator(stack_.end() - static_cast<std::ptrdiff_t>(count)),
                            std::make_move_iterator(stack_.end()));
    stack_.resize(stack_.size() - count);
    return items;
  }
  std::vector<Item> since_mark() {
    size_t mark = stack_.size();
    while (mark > 0 && stack_[mark - 1].kind != Item::Kind::Mark) --mark;
    ITORCH_PICKLE_CHECK(mark > 0, "no MARK before a value list");
    std::vector<Item> items = last(stack_.size() - mark);
    stack_.pop_back();  // the mark
    return items;
  }

  // ('storage', torch.FloatStorage, key, location, numel): the record data/<key>.
  Item storage(const Item& id) {
    ITORCH_PICKLE_CHECK(id.kind == Item::Kind::Tuple && id.items->size() == 5, "a persistent id that is not a tensor storage");
    const std::vector<Item>& parts = *id.items;
    ITORCH_PICKLE_CHECK(parts[0].text == "storage" && parts[1].kind == Item::Kind::Global &&
                            parts[2].kind == Item::Kind::String && parts[4].kind == Item::Kind::Int && parts[4].integer >= 0,
                        "a persistent id that is not a tensor storage");
    const auto type = storage_types().find(parts[1].text);
    ITORCH_PICKLE_CHECK(type != storage_types().end(), "storage type ", itorch::printable(parts[1].text), " is not supported");
    const int64_t numel = parts[4].integer;
    auto [data, size] = reader_.getRecord("data/" + parts[2].text);
    at::Tensor storage = at::empty({numel}, at::TensorOptions().dtype(type->second));
    ITORCH_PICKLE_CHECK(static_cast<int64_t>(size) == static_cast<int64_t>(storage.nbytes()), "storage ",
                        itorch::printable(parts[2].text), " holds ", size, " bytes, not the ", storage.nbytes(), " of ", numel,
                        " elements");
    if (size > 0) std::memcpy(storage.data_ptr(), data.get(), size);
    Item item = make(Item::Kind::Tensor);
    item.tensor = storage;
    return item;
  }

  Item reduce(const Item& callable, const Item& arguments) {
    ITORCH_PICKLE_CHECK(callable.kind == Item::Kind::Global && arguments.kind == Item::Kind::Tuple,
                        "REDUCE of something other than a known global");
    const std::string& name = callable.text;
    if (name == "collections.OrderedDict") return make(Item::Kind::Dict);
    if (name == "torch._utils._rebuild_tensor_v2") {
      // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
      const std::vector<Item>& a = *arguments.items;
      ITORCH_PICKLE_CHECK(a.size() >= 4 && a[0].kind == Item::Kind::Tensor && a[1].kind == Item::Kind::Int,
                          "_rebuild_tensor_v2 with unexpected arguments");
      const std::vector<int64_t> sizes = int_list(a[2], "a tensor's size");
      const std::vector<int64_t> strides = int_list(a[3], "a tensor's stride");
      ITORCH_PICKLE_CHECK(sizes.size() == strides.size(), "a tensor's size and stride differ in length");
      int64_t last = a[1].integer;
      for (size_t i = 0; i < sizes.size(); ++i) {
        ITORCH_PICKLE_CHECK(sizes[i] >= 0 && strides[i] >= 0, "a negative size or stride");
        if (sizes[i] > 0) last += (sizes[i] - 1) * strides[i];
      }
      ITORCH_PICKLE_CHECK(a[1].integer >= 0 && (a[0].tensor.numel() == 0 || last < a[0].tensor.numel()),
                          "a tensor reaches past its storage");
      Item item = make(Item::Kind::Tensor);
      item.tensor = a[0].tensor.as_strided(sizes, strides, a[1].integer);
      return item;
    }
    if (name == "torch._utils._rebuild_parameter") {
      // (tensor, requires_grad, backward_hooks): a state dict saved with keep_vars=True.
      ITORCH_PICKLE_CHECK(!arguments.items->empty() && (*arguments.items)[0].kind == Item::Kind::Tensor,
                          "_rebuild_parameter without a tensor");
      return (*arguments.items)[0];
    }
    ITORCH_PICKLE_CHECK(false, "the global ", itorch::printable(name), " is not part of a state dict");
  }

  caffe2::serialize::PyTorchStreamReader& reader_;
  std::string bytes_;
  size_t at_ = 0;
  std::vector<Item> stack_;
  std::unordered_map<uint32_t, Item> memo_;
};

}  // namespace

namespace itorch {

std::vector<std::pair<std::string, at::Tensor>> read_pickled_state_dict(const char* path) {
  caffe2::serialize::PyTorchStreamReader reader(path);
  if (reader.hasRecord("byteorder")) {
    auto [data, size] = reader.getRecord("byteorder");
    const std::string order(static_cast<const char*>(data.get()), size);
    ITORCH_PICKLE_CHECK(order == "little", "its tensors are stored ", order, "-endian");
  }
  const Item root = Unpickler(reader).run();
  ITORCH_PICKLE_CHECK(root.kind == Item::Kind::Dict, "data.pkl does not hold a dictionary");
  std::vector<std::pair<std::string, at::Tensor>> entries;
  for (const auto& [key, value] : *root.dict) {
    ITORCH_PICKLE_CHECK(key.kind == Item::Kind::String, "a key of the dictionary is not a string");
    ITORCH_PICKLE_CHECK(value.kind == Item::Kind::Tensor, "the value of '", itorch::printable(key.text), "' is not a tensor");
    entries.emplace_back(key.text, value.tensor);
  }
  return entries;
}

}  // namespace itorch
