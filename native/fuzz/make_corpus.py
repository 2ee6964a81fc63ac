#!/usr/bin/env python3
"""Writes the committed seeds and regression inputs of native/fuzz/corpus as the byte programs
that c_api_fuzzer.cpp reads: one opcode byte (Fuzzer::step), then the bytes that op reads.

Each input is spelled here as the calls it makes, so that it can be written again when the
fuzzer's layout changes (the opcodes, or the bytes an op reads). After a change, run this, then
check each input's calls with the fuzzer's trace:

    native/fuzz/make_corpus.py
    ITORCH_FUZZ_TRACE=1 build/native-asan/fuzz/itorch_fuzzer native/fuzz/corpus/regression-...

The fuzzer is built with clang, which evaluates a call's arguments left to right; where one
call reads several argument bytes (module constructors), they are listed in that order.
"""
import pathlib

# Fuzzer::step's opcodes (p_.below(21)).
SLOT_NEW, SLOT_FREE, CREATE, FROM_DATA, COPY_OUT, COPY_IN, DATA_ACCESS, BINARY, WITH_SCALAR, UNARY, \
    REDUCE, RESHAPE, NN, QUERY, AUTOGRAD, MODULE_NEW, MODULE_USE, OPTIMIZER, FROM_BLOB, GENERATED, MISC = range(21)

NULL_SLOT = 4  # slot(): 0-3 are the pool's slots, 4 a null handle
DTYPES = {'uint8': 0, 'int8': 1, 'int16': 2, 'int32': 3, 'int64': 4, 'float16': 5, 'float32': 6, 'float64': 7,
          'bool': 8, 'bfloat16': 9}
CPU = 0  # device(): a byte below 200 whose low 3 bits are not 7: the CPU, index -1


def slot_new(i):
    return [SLOT_NEW, i]


def shape(sizes):
    return [len(sizes), *sizes]


def create(out, sizes, dtype, kind):
    """kind: Fuzzer::create's case, 0 empty, 1 zeros, 2 ones, 4 rand, 5 randn."""
    assert kind in (0, 1, 2, 4, 5)
    program = [CREATE, out, *shape(sizes), DTYPES[dtype], CPU, 0, 0, kind]  # layout None, pin_memory None
    if kind == 0:
        program.append(0)  # memory format None
    return program + [0, 0]  # neither of the two bad-argument calls that follow


def set_requires_grad(slot):
    return [AUTOGRAD, slot, 0, 1]


def backward(slot):
    return [AUTOGRAD, slot, 1]


def grad(out, slot):
    return [AUTOGRAD, slot, 2, out]


def linear(out, input_, weight, bias=NULL_SLOT):
    return [NN, out, input_, 0, weight, bias]


def binary(case, out, a, b, *rest):
    """case: Fuzzer::binary_op's case; 0 add, 2 mul, 4 add_ (rest: 1 = no alpha), 13 bench_add_loop."""
    return [BINARY, out, a, b, case, *rest]


def sum_all(out, a):
    return [REDUCE, out, a, 0, 10]  # dtype None


def from_blob(out, sizes, dtype):
    return [FROM_BLOB, out, *shape(sizes), DTYPES[dtype], 1]  # 1: the buffer, not a null pointer


def data_access(slot, dtype):
    return [DATA_ACCESS, slot, DTYPES[dtype], 1]


def topk(values, indices, a, k):
    return [GENERATED, values, a, NULL_SLOT, 0, indices, k + 1, 4, 1, 1]  # dim -1, largest, sorted


def cat(out, parts, dim):
    return [RESHAPE, out, NULL_SLOT, 3, len(parts), *parts, dim + 5]


INPUTS = {
    # Slots, creation, arithmetic, a reduction, cat and a tuple result.
    'seed-tensor-basics':
        slot_new(0) + slot_new(1) + slot_new(2) + slot_new(3)
        + create(0, [2, 3], 'float32', 2) + create(1, [2, 3], 'float32', 5)
        + binary(0, 2, 0, 1, 1) + binary(2, 2, 2, 1)
        + sum_all(3, 2) + cat(3, [0, 1], 0) + topk(2, 3, 0, 2),
    # A leaf that records gradients, ops on it (binary ops whose second operand records
    # gradients run with recording off, so these are a scalar op and a unary one), sum,
    # backward, grad. [WITH_SCALAR, out, a, kind int, real byte, integer 2, case mul]; [UNARY, out, a, exp].
    'seed-autograd':
        slot_new(0) + slot_new(1) + slot_new(2)
        + create(0, [3], 'float32', 5) + set_requires_grad(0)
        + [WITH_SCALAR, 1, 0, 1, 0, 2, 2] + [UNARY, 2, 1, 1]
        + sum_all(1, 2) + backward(1) + grad(2, 0),
    # A linear module (3 -> 2) trained one SGD step:
    # [MODULE_NEW, module 0, out, case linear, in 3, out 2, bias];
    # [MODULE_USE, module 0, case parameters, count 2, slots 3 and 2, count positive];
    # [OPTIMIZER, case new, optimizer 0, count 2, slots 3 and 2, SGD, lr 0.1, momentum 0, decay 0, no Nesterov];
    # [MODULE_USE, module 0, case forward, out slot 1, input slot 0]; the loss's backward and a step.
    'seed-module-train':
        slot_new(0) + slot_new(1) + slot_new(2) + slot_new(3)
        + create(0, [4, 3], 'float32', 5) + [MODULE_NEW, 0, 1, 0, 4, 3, 1]
        + [MODULE_USE, 0, 5, 2, 3, 2, 1]
        + [OPTIMIZER, 0, 0, 2, 3, 2, 1, 1, 0, 0, 0]
        + [MODULE_USE, 0, 0, 1, 0]
        + sum_all(1, 1) + backward(1) + [OPTIMIZER, 3, 0],
    # Fuzzer finding 1: libtorch 1.13's Conv2dImpl computed in_channels % groups before any check
    # (SIGFPE with groups = 0). conv2d module: in 2, out 2, kernel 1x1, stride 1, padding 0, groups 0.
    'regression-conv2d-module-groups-zero':
        [MODULE_NEW, 0, 1, 1, 3, 3, 2, 2, 2, 2, 1, 1, 1, 0],
    # Fuzzer finding 2: x.add_(y) with y = linear(x, w) and w recording gradients makes x part of
    # its own autograd history, a cycle inside libtorch that leaks; the fuzzer runs such in-place
    # ops with recording off.
    'regression-inplace-autograd-cycle':
        slot_new(0) + slot_new(1) + slot_new(2)
        + create(0, [2, 2], 'float32', 5) + create(1, [2, 2], 'float32', 5) + set_requires_grad(1)
        + linear(2, 0, 1) + binary(4, 3, 0, 2, 1),
    # Fuzzer finding 3: itorch_bench_add_loop's add_out resized a 0-dim result over an 8-byte
    # caller buffer to [4]; reading its data then overflowed the buffer.
    'regression-bench-add-resizes-caller-memory':
        slot_new(0) + slot_new(1)
        + from_blob(0, [], 'int64') + create(1, [4], 'int64', 1)
        + binary(13, 0, 1, 1, 3, 3) + data_access(0, 'int64'),  # 2 iterations, elapsed_ns given
}

if __name__ == '__main__':
    corpus = pathlib.Path(__file__).resolve().parent / 'corpus'
    for name, program in INPUTS.items():
        assert all(0 <= b < 256 for b in program), name
        (corpus / name).write_bytes(bytes(program))
        print(f'{corpus / name}: {len(program)} bytes')
