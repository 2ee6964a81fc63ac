// Compile-time questions about libtorch's op structs, which differ between libtorch versions:
// whether a struct exists, and whether its call takes the arguments the shim converted.
#pragma once

#include <tuple>
#include <type_traits>
#include <utility>

namespace at {
class Tensor;
}

namespace itorch::ops {

// The generated files declare every op struct; a libtorch without the op leaves it incomplete.
template <class T, class = void>
struct complete : std::false_type {};
template <class T>
struct complete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};

template <class Op, class Arguments, class = void>
struct takes : std::false_type {};
template <class Op, class... A>
struct takes<Op, std::tuple<A...>, std::void_t<decltype(Op::call(std::declval<A&>()...))>> : std::true_type {};

// True when libtorch declares Op and its call accepts these arguments: the same schema, or one
// whose C++ signature the converted arguments still fit.
template <class Op, class Arguments>
constexpr bool callable = std::conjunction_v<complete<Op>, takes<Op, Arguments>>;

// The indices of the op's arguments that its out= form takes (all but the tensor options).
template <size_t... I>
using Pick = std::index_sequence<I...>;

template <size_t>
using result_tensor = at::Tensor;

template <class Arguments, class Picks, class Results>
struct out_form_arguments;
template <class... A, size_t... P, size_t... R>
struct out_form_arguments<std::tuple<A...>, std::index_sequence<P...>, std::index_sequence<R...>> {
  using type = std::tuple<std::tuple_element_t<P, std::tuple<A...>>..., result_tensor<R>...>;
};

// True when Out is an out= form that takes the picked arguments and then N result tensors.
template <class Out, class Arguments, class Picks, size_t N>
constexpr bool writes_into =
    callable<Out, typename out_form_arguments<Arguments, Picks, std::make_index_sequence<N>>::type>;

// An op struct for ops without an out= form: complete, without a call.
struct NoOutForm {};

}  // namespace itorch::ops
