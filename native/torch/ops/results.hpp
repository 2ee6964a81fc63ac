// Where a generated op's results go: result slots (with the out= form when the slots fit),
// a tensor list, a plain value, or nowhere (in-place ops, which change their self).
#pragma once

#include <array>
#include <tuple>

#include "../result_slot.hpp"
#include "fit.hpp"
#include "tensor_list.hpp"
#include "traits.hpp"

namespace itorch::ops {

template <class Op, class Arguments>
decltype(auto) call(Arguments& arguments) {
  return std::apply([](auto&... a) -> decltype(auto) { return Op::call(a...); }, arguments);
}

struct NoResult {
  template <class Op, class Out, class Picks, class Arguments>
  void store(Arguments& arguments) {
    call<Op>(arguments);
  }
};

template <size_t N>
struct Slots {
  std::array<itorch_tensor*, N> slots;

  template <class Op, class Out, class Picks, class Arguments>
  void store(Arguments& arguments) {
    store<Op, Out>(arguments, Picks(), std::make_index_sequence<N>());
  }

 private:
  template <class Op, class Out, class Arguments, size_t... P, size_t... I>
  void store(Arguments& arguments, std::index_sequence<P...>, std::index_sequence<I...>) {
    std::array<ResultSlot, N> results{ResultSlot(slots[I])...};
    if constexpr (writes_into<Out, Arguments, std::index_sequence<P...>, N>) {
      if (Prediction* prediction = fit<Op>(arguments, results)) {
        // Some out= forms check their arguments more strictly than the functional form (1.13's
        // adaptive_avg_pool2d.out refuses the 2-D input adaptive_avg_pool2d takes). Then the
        // functional form's result replaces anything written, and it decides from now on for
        // these arguments' key.
        try {
          Out::call(std::get<P>(arguments)..., results[I].current()...);
          return;
        } catch (const std::exception&) {
          prediction->usable = false;
        }
      }
    }
    if constexpr (N == 1) {
      results[0].assign(call<Op>(arguments));
    } else {
      auto values = call<Op>(arguments);
      (results[I].assign(std::get<I>(std::move(values))), ...);
    }
  }
};

struct ListResult {
  itorch_tensor_list* list;

  template <class Op, class Out, class Picks, class Arguments>
  void store(Arguments& arguments) {
    require(list != nullptr, "the result list is a null handle");
    set(*list, call<Op>(arguments));
  }
};

template <class T>
struct ValueResult {
  T* value;

  template <class Op, class Out, class Picks, class Arguments>
  void store(Arguments& arguments) {
    require(value != nullptr, "the result pointer is null");
    *value = to_c<T>(call<Op>(arguments));
  }
};

}  // namespace itorch::ops
