// The zoo's export: a model by name, behind the common module handle.
#include "barrier.hpp"
#include "module.hpp"
#include "zoo/zoo.hpp"

extern "C" int32_t itorch_module_zoo(itorch_module** out, const char* name, int64_t classes, int64_t in_channels,
                                     int64_t height, int64_t width) {
  return itorch::guarded([&] {
    itorch::require(out != nullptr, "the out pointer is null");
    itorch::require(name != nullptr, "the model name is null");
    std::shared_ptr<itorch::zoo::Model> model = itorch::zoo::create(name, {classes, in_channels, height, width});
    auto* raw = model.get();
    itorch::give_module(out, std::move(model), [raw](const at::Tensor& x) { return raw->forward(x); });
  });
}
