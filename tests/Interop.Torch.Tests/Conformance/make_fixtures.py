#!/usr/bin/python3
"""Conformance fixtures for Interop's generated ATen op layer (issue 13).

For every public ATen operator schema of the running PyTorch (torch._C._jit_get_all_schemas(),
namespace aten, names not starting with '_', registered with the dispatcher, no out= arguments, no
Generator argument, not random or uninitialised), this script builds deterministic calls from
fixed rules (small float32/float64/int64/bool tensors of fixed shapes with fixed values chosen for
the op's domain, dims, keepdim, dtypes, lists, scalars, optional arguments None or given), calls
them through torch.ops.aten.NAME.OVERLOAD, and keeps a case when the call succeeds, gives the same
result twice, and returns only tensors (strided, CPU, float32/float64/int64/int32/int16/int8/uint8/
bool), ints, floats, bools, Scalars, dtypes, tuples of those, or lists of tensors. For cases whose
floating inputs can require grad it also records the gradient of the sum of all floating outputs
with respect to every floating input tensor. The C# conformance tests (ConformanceTests.cs) replay
the cases through the generated OpInvoker and compare.

Run it with the lane's system Python (Debian's python3-torch, the same libtorch the shim uses):

  host, libtorch 1.13:
    /usr/bin/python3 tests/Interop.Torch.Tests/Conformance/make_fixtures.py \\
        --output tests/Interop.Torch.Tests/Conformance/fixtures/libtorch-1.13.json
  2.x lanes, inside the debootstrap roots (notes/libtorch2-root.md), e.g. trixie (2.6):
    cp tests/Interop.Torch.Tests/Conformance/make_fixtures.py /var/cache/interop/roots/trixie/tmp/
    chroot /var/cache/interop/roots/trixie env -i PATH=/usr/bin:/bin HOME=/root \\
        /usr/bin/python3 /tmp/make_fixtures.py --output /tmp/libtorch-2.6.json
    cp /var/cache/interop/roots/trixie/tmp/libtorch-2.6.json tests/Interop.Torch.Tests/Conformance/fixtures/
  (sid, 2.14, likewise with libtorch-2.14.json.)

The output is deterministic: rerunning on the same torch gives an identical file. It takes a few
minutes on one core. The calls run in a child process so that an op that crashes or hangs costs
only that op (it is reported and skipped). Every kept case is then replayed in two fresh
processes and dropped if either gives another result. `--only NAME` limits the run to one op name (debugging).

File format (JSON, one case per line):
  {"libtorch":"1.13.1","python_torch":"1.13.0a0","cases":[
   {"schema":"add.Tensor","args":[ARG...],"outputs":VALUE,"grads":[GRAD per arg] or null}, ...]}
  "schema" is "name.overload", or "name" when the overload is empty. "args" has one entry per
  schema argument in schema order (this script skips schemas with out= or Generator arguments).
  ARG / VALUE:
    {"tensor":TENSOR}  TENSOR = {"dtype":"float32","shape":[2,3],"data":[...row-major...]}
    {"tensors":[TENSOR...]}  {"optional_tensors":[TENSOR or null...]}  {"none":true}
    {"int":1} {"ints":[1,2]} {"float":0.5} {"floats":[...]} {"bool":true} {"bools":[...]}
    {"scalar":{"int":2}} {"scalar":{"float":2.5}} {"scalar":{"bool":true}} {"dtype":"float64"}
    {"str":"mean"} {"tuple":[VALUE...]} {"memory_format":"contiguous"|"preserve"|"channels_last"|
    "channels_last_3d"} {"layout":"strided"} {"device":"cpu"}
  Float data that is NaN or infinite is written as "nan", "inf", "-inf". Input values are dyadic
  (exact in float32 and float64); float32 outputs are written with the fewest digits that read
  back to the same float32, float64 outputs as Python's repr.
  "outputs" is the one return's VALUE, {"tuple":[...]} for several returns; an in-place op
  ("add_.Tensor") returns its self.
  "grads" (or null): the gradient run sets requires_grad on every float32/float64 tensor of a
  "tensor" or "tensors" argument (not in "optional_tensors"), calls the op, sums every float32/
  float64 tensor of the result (tuple and list elements in order: total = s0 + s1 + ...) and runs
  backward. Per argument: {"tensor":TENSOR} the gradient, {"tensors":[TENSOR...]} for a list,
  {"none":true} for a leaf that got no gradient, null for an argument not compared.

The libtorch field is the version of Debian's python3-torch package (python3-torch and libtorch
come from one source package); Debian's 1.13.1 build reports torch.__version__ 1.13.0a0.
"""

import argparse
import json
import math
import os
import re
import select
import struct
import subprocess
import sys

# ----------------------------------------------------------------------------------------------
# Schemas

# Ops that are random, read uninitialised memory, change storage, or need something these
# fixtures cannot give (other backends, quantized or sparse tensors, named tensors).
DENY_PREFIXES = (
    'rand', 'empty', 'new_empty', 'bernoulli', 'normal', 'multinomial', 'uniform', 'poisson',
    'rrelu', 'exponential', 'geometric', 'cauchy', 'log_normal', 'random', 'binomial', 'resize',
    'from_file', 'record_stream', 'cudnn', 'miopen', 'mkldnn', 'mps', 'fbgemm', 'quantize',
    'quantized', 'q_', 'fake_quantize', 'choose_qparams', 'sparse', 'to_sparse', 'to_mkldnn',
    'nested', 'to_padded_tensor', 'is_vulkan', 'vulkan', 'set_', 'retain_grad', 'int_repr',
    'dequantize', 'qscheme', 'fused_moving_avg', 'align_', 'refine_names', 'rename', 'pin_memory',
    'segment_reduce', 'copy_sparse', 'lift',
)
DENY_CONTAINS = ('dropout', 'sparse', 'quantize', 'cudnn', 'mkldnn', 'miopen', 'nnpack', 'xnnpack',
                 'cuda', 'vulkan', 'metal', 'mps_', '_mps', 'qint', 'fbgemm')
# linalg_lstsq (gelsy) and lstm gave results that another process did not reproduce.
DENY_NAMES = {'set', 'set_data', 'data_ptr', 'storage_offset', 'is_pinned', 'requires_grad_', 'linalg_lstsq',
              'lstsq', 'lstm'}

ALLOWED_DTYPES = ('float32', 'float64', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool')
FLOAT_DTYPES = ('float32', 'float64')

MAX_CASES_PER_SCHEMA = 2
MAX_ATTEMPTS_PER_PASS = 160
MAX_OUTPUT_ELEMENTS = 96
MAX_CASE_CHARS = 6000

SCALAR_TYPE_CODES = {0: 'uint8', 1: 'int8', 2: 'int16', 3: 'int32', 4: 'int64', 5: 'float16',
                     6: 'float32', 7: 'float64', 11: 'bool'}
SCALAR_TYPE_NAMES = {'Byte': 'uint8', 'Char': 'int8', 'Short': 'int16', 'Int': 'int32', 'Long': 'int64',
                     'Float': 'float32', 'Double': 'float64', 'Bool': 'bool', 'long': 'int64',
                     'float': 'float32', 'double': 'float64', 'int': 'int32', 'bool': 'bool'}
MEMORY_FORMAT_CODES = {0: 'contiguous', 1: 'preserve', 2: 'channels_last', 3: 'channels_last_3d'}
MEMORY_FORMAT_NAMES = {'contiguous_format': 'contiguous', 'preserve_format': 'preserve',
                       'channels_last': 'channels_last', 'channels_last_3d': 'channels_last_3d'}
REDUCTION_NAMES = {'None': 0, 'Mean': 1, 'Sum': 2}


def split_top(text, sep=','):
    """Splits at top-level separators, outside brackets and quotes."""
    parts, depth, cur, quote = [], 0, [], None
    for ch in text:
        if quote:
            cur.append(ch)
            if ch == quote:
                quote = None
            continue
        if ch in '"\'':
            quote = ch
        elif ch in '([{':
            depth += 1
        elif ch in ')]}':
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    tail = ''.join(cur).strip()
    if tail:
        parts.append(tail)
    return parts


def find_top(text, ch):
    depth, quote = 0, None
    for i, c in enumerate(text):
        if quote:
            if c == quote:
                quote = None
            continue
        if c in '"\'':
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == ch and depth == 0:
            return i
    return -1


ALIAS = re.compile(r'(?<=Tensor)\([^()]*\)')


class Arg:
    def __init__(self, text, kwarg_only):
        eq = find_top(text, '=')
        self.default = text[eq + 1:].strip() if eq >= 0 else None
        head = text[:eq].strip() if eq >= 0 else text.strip()
        self.mutable = '!' in head
        head = ALIAS.sub('', head)
        self.type, self.name = head.rsplit(None, 1)
        self.kwarg_only = kwarg_only
        self.kind = classify(self.type)

    @property
    def optional(self):
        return self.kind is not None and self.kind[3]


def classify(t):
    """(base, is_list, N, optional, element_optional) for a supported type, else None."""
    optional = t.endswith('?')
    if optional:
        t = t[:-1]
    m = re.fullmatch(r'(\w+)(\?)?(?:\[(\d*)\])?', t)
    if not m:
        return None
    base, elem_opt, n = m.group(1), m.group(2) is not None, m.group(3)
    is_list = n is not None
    n = int(n) if n else None
    if base == 'SymInt':
        base = 'int'
    if elem_opt and not (base == 'Tensor' and is_list and not optional):
        return None
    if base in ('Tensor', 'bool'):
        if is_list and optional:
            return None
    elif base in ('int', 'float'):
        pass
    elif base in ('Scalar', 'ScalarType', 'str', 'MemoryFormat', 'Layout', 'Device'):
        if is_list:
            return None
    else:
        return None
    return (base, is_list, n, optional, elem_opt)


class Schema:
    def __init__(self, text):
        self.text = text
        i = text.index('(')
        qual = text[:i]
        self.name, _, self.overload = qual[len('aten::'):].partition('.')
        # the matching parenthesis of the argument list
        depth, quote, end = 0, None, -1
        for k in range(i, len(text)):
            c = text[k]
            if quote:
                if c == quote:
                    quote = None
                continue
            if c in '"\'':
                quote = c
            elif c == '(':
                depth += 1
            elif c == ')':
                depth -= 1
                if depth == 0:
                    end = k
                    break
        argtext = text[i + 1:end]
        rest = text[end + 1:].strip()
        assert rest.startswith('->'), text
        self.args = []
        kw = False
        for part in split_top(argtext):
            if part == '*':
                kw = True
                continue
            self.args.append(Arg(part, kw))
        rettext = ALIAS.sub('', rest[2:].strip())
        if rettext == '()':
            rets = []
        elif rettext.startswith('(') and rettext.endswith(')'):
            rets = split_top(rettext[1:-1])
        else:
            rets = [rettext]
        self.returns = [r.split()[0] for r in rets]

    @property
    def key(self):
        return self.name + ('.' + self.overload if self.overload else '')

    def unsupported_reason(self):
        if any(a.type.rstrip('?') == 'Generator' for a in self.args):
            return 'generator'
        if any(a.kwarg_only and a.mutable for a in self.args):
            return 'out'
        for a in self.args:
            if a.kind is None:
                return 'arg type ' + a.type
        if not self.returns:
            return 'no return'
        for r in self.returns:
            if r not in ('Tensor', 'Tensor[]', 'int', 'SymInt', 'float', 'bool', 'Scalar', 'ScalarType'):
                return 'return type ' + r
        return None


def denied(name):
    if name in DENY_NAMES:
        return True
    if name.startswith(DENY_PREFIXES):
        return True
    return any(s in name for s in DENY_CONTAINS)


def all_schemas(torch):
    has_kernel = getattr(torch._C, '_dispatch_has_kernel', None)
    out = {}
    for s in torch._C._jit_get_all_schemas():
        if not s.name.startswith('aten::'):
            continue
        short = s.name[len('aten::'):]
        if short.startswith('_'):
            continue
        key = short + ('.' + s.overload_name if s.overload_name else '')
        if has_kernel is not None:
            try:
                if not has_kernel('aten::' + key):
                    continue
            except Exception:
                continue
        if any(getattr(a, 'is_out', False) for a in s.arguments):
            continue
        try:
            sch = Schema(str(s))
        except Exception:
            continue
        if sch.key != key:
            continue
        if has_kernel is None and not any(a.type.startswith('Tensor') for a in sch.args) \
                and not any(r.startswith('Tensor') for r in sch.returns):
            continue
        out[key] = sch
    return [out[k] for k in sorted(out)]


# ----------------------------------------------------------------------------------------------
# Values

def float_values(n, seed, domain):
    vals = []
    for i in range(n):
        m = (i * 37 + seed * 11) % 51 + 7            # 7..57, distinct for 51 consecutive i
        if domain == 'signed':
            vals.append((2 * m - 65) / 64.0)         # odd/64 in (-0.9, 0.8): never zero
        elif domain == 'gt1':
            vals.append(1.0 + m / 64.0)
        else:
            vals.append(m / 64.0)                    # in (0.1, 0.9)
    return vals


def int_values(n, seed, domain):
    if domain == 'signed':
        return [((i * 3 + seed * 2) % 5) - 2 for i in range(n)]
    return [((i * 3 + seed * 2) % 5) + 1 for i in range(n)]


def numel(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def spd_values(shape, seed, domain):
    """Symmetric, diagonally dominant (so positive definite) matrices over the last two dims."""
    n = shape[-1]
    batch = numel(shape[:-2])
    data = []
    for b in range(batch):
        v = float_values(n * n, seed + b, domain if domain != 'gt1' else 'pos')
        for i in range(n):
            for j in range(n):
                lo, hi = min(i, j), max(i, j)
                x = v[lo * n + hi] / 4.0
                data.append(x + 2.0 if i == j else x)
    return data


def tensor(dtype, shape, data):
    return {'dtype': dtype, 'shape': list(shape), 'data': data}


class Recipe:
    def __init__(self, shape, dtype, domain, v, opt, spd=False):
        self.shape, self.dtype, self.domain, self.v, self.opt, self.spd = shape, dtype, domain, v, opt, spd

    @property
    def rank(self):
        return len(self.shape)

    def pick(self, options):
        return options[self.v % len(options)]

    def data(self, shape, seed, dtype=None, domain=None, sort=False):
        dtype = dtype or self.dtype
        domain = domain or self.domain
        n = numel(shape)
        if dtype in FLOAT_DTYPES:
            if self.spd and len(shape) >= 2 and shape[-1] == shape[-2] and not sort:
                return tensor(dtype, shape, spd_values(shape, seed, domain))
            vals = float_values(n, seed, domain)
        elif dtype == 'bool':
            return tensor(dtype, shape, [((i + seed) % 3) != 0 for i in range(n)])
        else:
            vals = int_values(n, seed, domain if domain in ('signed',) else 'pos')
        if sort:
            last = shape[-1] if shape else 1
            rows = [sorted(vals[k:k + last]) for k in range(0, n, last)]
            vals = [x for r in rows for x in r]
        return tensor(dtype, shape, vals)


INDEX_NAMES = ('index', 'indices', 'idx')
VEC_NAMES = ('vec', 'vec1', 'vec2')


def index_tensor(r, seed):
    lim = min(r.shape) if r.shape else 1
    lim = max(lim, 1)
    if r.v % 2 == 0 or not r.shape:
        return tensor('int64', [2], [1 % lim, 0])
    n = numel(r.shape)
    return tensor('int64', r.shape, [(i + seed) % lim for i in range(n)])


def tensor_for(name, r, seed):
    n = name.lower()
    shape = r.shape
    if n in INDEX_NAMES:
        return index_tensor(r, seed)
    if n in ('mask', 'condition'):
        return r.data(shape, seed, dtype='bool')
    if n == 'target':
        if r.v % 4 < 2 and len(shape) >= 2 and r.dtype in FLOAT_DTYPES:
            c = shape[1]
            return tensor('int64', [shape[0]] + list(shape[2:]),
                          [(i * 2 + 1) % c for i in range(numel([shape[0]] + list(shape[2:])))])
        return r.data(shape, seed)
    if n in VEC_NAMES and shape:
        return r.data([shape[-1]], seed)
    vec_weights = r.v % 4 >= 2
    if n in ('running_mean', 'running_var') or (vec_weights and n in ('weight', 'bias')):
        c = shape[1] if len(shape) >= 2 else (shape[0] if shape else 1)
        return r.data([c], seed, domain='pos' if r.dtype in FLOAT_DTYPES else None)
    if n == 'bias' and shape:
        return r.data([shape[0]], seed)
    if n in ('boundaries', 'sorted_sequence'):
        return r.data(shape if n == 'sorted_sequence' else [shape[-1] if shape else 3], seed, sort=True)
    return r.data(shape, seed)


def dim_options(r):
    if r.rank >= 2:
        return [1, 0, -1]
    return [0, -1]


INT_OPTIONS = {
    'k': [1, 2], 'n': [2, 1, 3], 'diagonal': [0, 1, -1], 'offset': [0, 1], 'groups': [1, 2],
    'chunks': [2, 1, 3], 'sections': [2, 3], 'split_size': [1, 2], 'repeats': [2, 1], 'index': [1, 0],
    'start': [0, 1], 'end': [2, 3], 'length': [1, 2], 'step': [1, 2], 'steps': [3, 4], 'size': [2, 3],
    'bins': [3, 4], 'minlength': [0, 3], 'reduction': [1, 2, 0], 'ignore_index': [-100],
    'padding_idx': [-1], 'num_groups': [1, 2], 'N': [3, 2], 'window_length': [4, 3], 'row': [3],
    'col': [3], 'm': [3], 'p': [2, 1], 'correction': [1, 0], 'num_classes': [-1, 3], 'output_size': [2],
    'upscale_factor': [2, 1], 'downscale_factor': [2, 1], 'blank': [0], 'storage_offset': [0, 1],
    'shifts': [1, -1], 'dilation': [1], 'padding': [0, 1], 'stride': [1, 2], 'kernel_size': [2],
    'group': [1, 2], 'batch_size': [1], 'indices_or_sections': [2], 'C': [2], 'HxW': [9], 'dimension': [0],
    'hop_length': [1], 'n_fft': [2], 'win_length': [2],
}
DIM_INTS = ('dim', 'axis', 'dim0', 'dim1', 'dim2', 'start_dim', 'end_dim', 'source', 'destination',
            'dimension', 'src_dim', 'dst_dim', 'axis0', 'axis1')


def int_for(name, r):
    if name in DIM_INTS:
        opts = dim_options(r)
        if name in ('dim1', 'axis1', 'destination', 'end_dim'):
            opts = [-1, 0] if r.rank >= 2 else [-1, 0]
        if name in ('dim0', 'axis0', 'source', 'start_dim'):
            opts = [0, 1] if r.rank >= 2 else [0]
        if name == 'dim2':
            opts = [-1]
        return r.pick(opts)
    return r.pick(INT_OPTIONS.get(name, [1, 2, 0]))


def spatial(a, r):
    if a.kind[2]:
        return a.kind[2]
    return max(r.rank - 2, 1)


def ints_for(a, r):
    name = a.name
    shape = list(r.shape)
    rank = r.rank
    k = spatial(a, r)
    if name in ('dim', 'dims', 'axis', 'axes') and not a.kind[2]:
        if name == 'dims':
            opts = [list(reversed(range(rank)))] if rank else [[]]
        else:
            opts = [[1], [0, 1], [-1]] if rank >= 2 else [[0], [-1]]
        return r.pick(opts)
    if name in ('size', 'shape', 'sizes') and not a.kind[2]:
        opts = [list(reversed(shape)), shape, [-1], [2] + shape]
        return r.pick(opts)
    if name in ('normalized_shape',):
        return r.pick([shape[-1:], shape[1:]])
    if name in ('repeats',) and not a.kind[2]:
        return r.pick([[2] * max(rank, 1), [1, 2] + [1] * max(rank - 2, 0)])
    if name in ('split_sizes', 'split_size'):
        return r.pick([[1, 1], [1, 2], [2, 1]])
    if name in ('indices',):
        return [1]
    if name in ('shifts',):
        return r.pick([[1], [-1]])
    if name in ('dims_self',):
        return [1]
    if name in ('dims_other',):
        return [0]
    if name == 'pad':
        return r.pick([[1, 1], [0, 1]])
    if name in ('stride', 'strides') and not a.kind[2] and 'conv' not in name:
        opts = [[1] * k]
    elif name == 'kernel_size':
        opts = [[2] * k, [1] * k]
    elif name == 'stride':
        opts = [[1] * k, [2] * k]
    elif name == 'padding':
        opts = [[0] * k, [1] * k]
    elif name == 'dilation':
        opts = [[1] * k]
    elif name == 'output_padding':
        opts = [[0] * k]
    elif name == 'output_size':
        opts = [[2] * k, [1] * k]
    elif name == 'input_size':
        opts = [shape]
    else:
        opts = [[1] * (a.kind[2] or 1), [2] * (a.kind[2] or 1), [0] * (a.kind[2] or 1)]
    return r.pick(opts)


FLOAT_OPTIONS = {
    'p': [2.0, 1.0], 'eps': [1e-05], 'momentum': [0.125], 'alpha': [1.0, 0.5], 'beta': [1.0, 0.5],
    'lambd': [0.5], 'negative_slope': [0.125], 'min': [0.25], 'max': [0.75], 'min_val': [0.25],
    'max_val': [0.75], 'threshold': [0.5], 'value': [0.5], 'margin': [1.0, 0.5], 'delta': [1.0],
    'weight': [0.5], 'rtol': [1e-05], 'atol': [1e-08], 'q': [0.5, 0.25], 'exponent': [2.0],
    'scale': [2.0], 'scale_factor': [2.0], 'nan': [0.0], 'posinf': [1.0], 'neginf': [-1.0],
    'ord': [2.0, 1.0], 'correction': [1.0], 'beta1': [0.5], 'scales': [2.0], 'scales_h': [2.0],
    'scales_w': [2.0], 'scales_d': [2.0], 'tol': [1e-05], 'rcond': [1e-05],
}


def float_for(name, r):
    return r.pick(FLOAT_OPTIONS.get(name, [0.5, 2.0, 1.0]))


SCALAR_OPTIONS = {
    'other': [2, 0.5], 'alpha': [1, 0.5], 'value': [0.5, 2], 'exponent': [2, 0.5], 'min': [0.25],
    'max': [0.75], 'beta': [1, 0.5], 'threshold': [0.5], 'start': [0, 1], 'end': [5, 2.5],
    'step': [1, 0.5], 'fill_value': [1.5, 3], 'p': [2, 1], 'ord': [2, 1], 'self': [2, 0.5],
    'negative_slope': [0.125], 'lambd': [0.5], 'min_val': [-0.5], 'max_val': [0.5],
}


def scalar_spec(x):
    if isinstance(x, bool):
        return {'scalar': {'bool': x}}
    if isinstance(x, int):
        return {'scalar': {'int': x}}
    return {'scalar': {'float': x}}


def scalar_for(name, r):
    # Never a bool: torch.ops hands a Python bool to a Scalar argument as the int 0 or 1, so the
    # fixture could not say truthfully which Scalar the op received.
    return r.pick(SCALAR_OPTIONS.get(name, [2, 0.5]))


BOOL_OPTIONS = {
    'train': [False], 'training': [False], 'cudnn_enabled': [False], 'half_to_float': [False],
    'non_blocking': [False], 'copy': [False], 'transposed': [False], 'benchmark': [False],
    'deterministic': [False], 'allow_tf32': [False], 'sorted': [True], 'count_include_pad': [True],
    'requires_grad': [False], 'pin_memory': [False], 'batch_first': [False], 'check_errors': [False],
    'check_errors_': [False], 'inplace': [False], 'is_causal': [False], 'need_weights': [False],
    'sparse': [False],
}

STR_OPTIONS = {
    'reduction': ['mean', 'sum'], 'reduce': ['sum', 'add', 'mean', 'amax', 'multiply', 'amin', 'prod'],
    'rounding_mode': ['trunc', 'floor'], 'approximate': ['tanh', 'none'], 'side': ['left', 'right'],
    'UPLO': ['L', 'U'], 'uplo': ['L', 'U'], 'mode': ['reduced', 'constant', 'reflect', 'complete'],
    'padding': ['same', 'valid'], 'indexing': ['ij', 'xy'],
    'interpolation': ['linear', 'lower', 'higher', 'midpoint', 'nearest'],
    'norm': ['ortho', 'forward', 'backward'], 'ord': ['fro', 'nuc'], 'pad_mode': ['reflect', 'constant'],
    'compute_mode': ['use_mm_for_euclid_dist_if_necessary'], 'driver': ['gelsy'],
}


def str_for(name, r, schema):
    if name == 'equation':
        tensors = [a for a in schema.args if a.kind and a.kind[0] == 'Tensor']
        listed = any(a.kind[1] for a in tensors)
        if r.rank == 2:
            return r.pick(['ij,jk->ik', 'ij->ji', 'ij,ij->i'] if listed else ['ij->ji'])
        if r.rank == 1:
            return r.pick(['i,i->', 'i,j->ij'] if listed else ['i->'])
        letters = 'abcdef'[:r.rank]
        return letters + ',' + letters + '->' + letters[0] if listed else letters + '->' + letters[::-1]
    return r.pick(STR_OPTIONS.get(name, ['mean', 'sum']))


def dtype_for(name, r):
    return r.pick(['float64', 'float32', 'int64'])


def parse_default(a):
    """The fixture value of an argument's default, or raises ValueError."""
    d = a.default
    base, is_list, n, optional, _ = a.kind
    if d == 'None':
        if not optional:
            raise ValueError(d)
        return {'none': True}
    if base == 'Tensor':
        raise ValueError(d)
    if base == 'int':
        if is_list:
            if d.startswith('['):
                vals = [int(x) for x in split_top(d[1:-1])]
            else:
                vals = [int(d)] * (n or 1)
            if n and len(vals) == 1:
                vals = vals * n
            return {'ints': vals}
        if d in REDUCTION_NAMES:
            return {'int': REDUCTION_NAMES[d]}
        return {'int': int(d)}
    if base == 'float':
        if is_list:
            return {'floats': [float(x) for x in split_top(d[1:-1])]}
        return {'float': float(d)}
    if base == 'bool':
        if is_list:
            vals = [x == 'True' for x in split_top(d[1:-1])]
            return {'bools': vals}
        if d not in ('True', 'False'):
            raise ValueError(d)
        return {'bool': d == 'True'}
    if base == 'Scalar':
        if d in ('True', 'False'):
            raise ValueError(d)       # see scalar_for
        if re.fullmatch(r'-?\d+', d):
            return scalar_spec(int(d))
        return scalar_spec(float(d))
    if base == 'ScalarType':
        if re.fullmatch(r'\d+', d):
            return {'dtype': SCALAR_TYPE_CODES[int(d)]}
        return {'dtype': SCALAR_TYPE_NAMES[d]}
    if base == 'str':
        return {'str': d[1:-1]}
    if base == 'MemoryFormat':
        if re.fullmatch(r'\d+', d):
            return {'memory_format': MEMORY_FORMAT_CODES[int(d)]}
        return {'memory_format': MEMORY_FORMAT_NAMES[d]}
    if base == 'Layout':
        if d in ('0', 'strided'):
            return {'layout': 'strided'}
        raise ValueError(d)
    if base == 'Device':
        if d == 'cpu':
            return {'device': 'cpu'}
        raise ValueError(d)
    raise ValueError(d)


def generate(a, r, schema, seed):
    base, is_list, n, optional, elem_opt = a.kind
    name = a.name
    if base == 'Tensor':
        if is_list and elem_opt:
            idx = index_tensor(r, seed)
            return {'optional_tensors': r.pick([[idx], [None, idx]]) if r.rank >= 2 else [idx]}
        if is_list:
            return {'tensors': [tensor_for('self', r, seed + k) for k in range(2)]}
        return {'tensor': tensor_for(name, r, seed)}
    if base == 'int':
        if is_list:
            vals = ints_for(a, r)
            if n and len(vals) == 1:
                vals = vals * n
            return {'ints': vals}
        return {'int': int_for(name, r)}
    if base == 'float':
        if is_list:
            return {'floats': [2.0] * (n or max(r.rank - 2, 1))}
        return {'float': float_for(name, r)}
    if base == 'bool':
        if is_list:
            return {'bools': [True] * (n or 1)}
        if name in BOOL_OPTIONS:
            return {'bool': r.pick(BOOL_OPTIONS[name])}
        default = a.default in ('True',) if a.default in ('True', 'False') else None
        opts = [not default, default] if default is not None else [True, False]
        return {'bool': r.pick(opts)}
    if base == 'Scalar':
        return scalar_spec(scalar_for(name, r))
    if base == 'ScalarType':
        return {'dtype': dtype_for(name, r)}
    if base == 'str':
        return {'str': str_for(name, r, schema)}
    if base == 'MemoryFormat':
        return {'memory_format': 'contiguous'}
    if base == 'Layout':
        return {'layout': 'strided'}
    if base == 'Device':
        return {'device': 'cpu'}
    raise ValueError(base)


def build_args(schema, r):
    args = []
    seed = 0
    for a in schema.args:
        spec = None
        if r.opt == 'none' and a.optional:
            spec = {'none': True}
        elif r.opt in ('default', 'none') and a.default is not None:
            try:
                spec = parse_default(a)
            except (ValueError, KeyError):
                spec = None
        elif r.opt == 'default' and a.optional:
            spec = {'none': True}
        if spec is None:
            spec = generate(a, r, schema, seed)
        if a.kind[0] == 'Tensor':
            seed += 1
        args.append(spec)
    return args


# ----------------------------------------------------------------------------------------------
# Calling

def materialize(torch, spec, leaves=None, index=None):
    """The Python value of a fixture argument; with leaves, float tensors require grad."""
    dtypes = {d: getattr(torch, d) for d in ALLOWED_DTYPES}

    def make(t, grad):
        data = [decode_float(x) if t['dtype'] in FLOAT_DTYPES else x for x in t['data']]
        x = torch.tensor(data, dtype=dtypes[t['dtype']]).reshape(t['shape'])
        if grad and t['dtype'] in FLOAT_DTYPES:
            x.requires_grad_(True)
        return x

    grad = leaves is not None
    if 'tensor' in spec:
        x = make(spec['tensor'], grad)
        if grad and x.requires_grad:
            leaves.append((index, None, x))
        return x
    if 'tensors' in spec:
        xs = [make(t, grad) for t in spec['tensors']]
        if grad:
            for k, x in enumerate(xs):
                if x.requires_grad:
                    leaves.append((index, k, x))
        return xs
    if 'optional_tensors' in spec:
        return [None if t is None else make(t, False) for t in spec['optional_tensors']]
    if 'none' in spec:
        return None
    if 'scalar' in spec:
        return next(iter(spec['scalar'].values()))
    if 'dtype' in spec:
        return dtypes[spec['dtype']]
    if 'memory_format' in spec:
        return {'contiguous': torch.contiguous_format, 'preserve': torch.preserve_format,
                'channels_last': torch.channels_last,
                'channels_last_3d': torch.channels_last_3d}[spec['memory_format']]
    if 'layout' in spec:
        return torch.strided
    if 'device' in spec:
        return torch.device(spec['device'])
    for k in ('int', 'ints', 'float', 'floats', 'bool', 'bools', 'str'):
        if k in spec:
            return spec[k]
    raise ValueError(spec)


def decode_float(x):
    return float(x)                   # a number, or "nan", "inf", "-inf"


def encode_float(x, dtype):
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    if dtype == 'float32':
        for p in range(6, 10):
            s = float('%.*g' % (p, x))
            try:
                if struct.unpack('f', struct.pack('f', s))[0] == x:
                    return s
            except OverflowError:
                pass
    return x


class Reject(Exception):
    pass


def dtype_name(torch, dt):
    for d in ALLOWED_DTYPES:
        if dt == getattr(torch, d):
            return d
    raise Reject('dtype %s' % dt)


def encode_tensor(torch, t):
    if not isinstance(t, torch.Tensor):
        raise Reject('not a tensor: %r' % type(t))
    if t.layout != torch.strided or t.device.type != 'cpu' or t.is_quantized \
            or getattr(t, 'is_nested', False):
        raise Reject('layout')
    dt = dtype_name(torch, t.dtype)
    if t.numel() > MAX_OUTPUT_ELEMENTS:
        raise Reject('too large')
    data = t.detach().contiguous().reshape(-1).tolist()
    if dt in FLOAT_DTYPES:
        data = [encode_float(x, dt) for x in data]
    elif dt == 'bool':
        data = [bool(x) for x in data]
    else:
        data = [int(x) for x in data]
    return {'dtype': dt, 'shape': list(t.shape), 'data': data}


def encode_return(torch, val, rtype):
    if rtype == 'Tensor':
        return {'tensor': encode_tensor(torch, val)}
    if rtype == 'Tensor[]':
        if not isinstance(val, (list, tuple)):
            raise Reject('not a list')
        return {'tensors': [encode_tensor(torch, t) for t in val]}
    if rtype in ('int', 'SymInt'):
        if type(val) is not int:
            raise Reject('not an int')
        return {'int': val}
    if rtype == 'float':
        if type(val) is not float:
            raise Reject('not a float')
        return {'float': encode_float(val, 'float64')}
    if rtype == 'bool':
        if type(val) is not bool:
            raise Reject('not a bool')
        return {'bool': val}
    if rtype == 'Scalar':
        if type(val) is bool:
            return {'scalar': {'bool': val}}
        if type(val) is int:
            return {'scalar': {'int': val}}
        if type(val) is float:
            return {'scalar': {'float': encode_float(val, 'float64')}}
        raise Reject('scalar %r' % type(val))
    if rtype == 'ScalarType':
        if isinstance(val, int) and not isinstance(val, bool):
            if val not in SCALAR_TYPE_CODES:
                raise Reject('dtype code')
            name = SCALAR_TYPE_CODES[val]
            if name not in ALLOWED_DTYPES:
                raise Reject('dtype')
            return {'dtype': name}
        return {'dtype': dtype_name(torch, val)}
    raise Reject('return ' + rtype)


def encode_outputs(torch, schema, out):
    if len(schema.returns) == 1:
        return encode_return(torch, out, schema.returns[0])
    if not isinstance(out, (tuple, list)) or len(out) != len(schema.returns):
        raise Reject('tuple')
    return {'tuple': [encode_return(torch, v, t) for v, t in zip(out, schema.returns)]}


def finite(value):
    if isinstance(value, dict):
        return all(finite(v) for v in value.values())
    if isinstance(value, list):
        return all(finite(v) for v in value)
    return not isinstance(value, str) or value not in ('nan', 'inf', '-inf')


def op_of(torch, schema):
    packet = getattr(torch.ops.aten, schema.name)
    return getattr(packet, schema.overload or 'default')


def call(torch, op, schema, specs, leaves=None):
    pos, kw = [], {}
    for i, (a, s) in enumerate(zip(schema.args, specs)):
        v = materialize(torch, s, leaves, i)
        if a.kwarg_only:
            kw[a.name] = v
        else:
            pos.append(v)
    return op(*pos, **kw)


def float_outputs(torch, out):
    if isinstance(out, torch.Tensor):
        return [out] if out.dtype in (torch.float32, torch.float64) else []
    if isinstance(out, (list, tuple)):
        return [t for o in out for t in float_outputs(torch, o)]
    return []


def gradients(torch, op, schema, specs):
    if schema.name.endswith('_') or any(a.mutable for a in schema.args):
        return None
    leaves = []
    out = call(torch, op, schema, specs, leaves)
    if not leaves:
        return None
    floats = float_outputs(torch, out)
    if not floats:
        return None
    total = None
    for t in floats:
        s = t.sum()
        total = s if total is None else total + s
    if not total.requires_grad:
        return None
    total.backward()
    grads = [None] * len(specs)
    for i, k, x in leaves:
        g = None if x.grad is None else encode_tensor(torch, x.grad)
        if k is None:
            grads[i] = {'none': True} if g is None else {'tensor': g}
        else:
            if grads[i] is None:
                grads[i] = {'tensors': []}
            if grads[i] is not False:
                if g is None:
                    grads[i] = False          # a list with an element without a gradient: not compared
                else:
                    grads[i]['tensors'].append(g)
    grads = [None if g is False else g for g in grads]
    for i, spec in enumerate(specs):
        # a list's gradients are compared element by element: only when every element is a leaf
        if 'tensors' in spec and grads[i] is not None and len(grads[i]['tensors']) != len(spec['tensors']):
            grads[i] = None
    any_grad = any(g is not None and 'none' not in g for g in grads)
    return grads if any_grad else None


def try_case(torch, op, schema, specs):
    """The case for these arguments, or raises."""
    out1 = encode_outputs(torch, schema, call(torch, op, schema, specs))
    for _ in range(2):
        if json.dumps(encode_outputs(torch, schema, call(torch, op, schema, specs))) != json.dumps(out1):
            raise Reject('not deterministic')
    grads = None
    try:
        g1 = gradients(torch, op, schema, specs)
        if g1 is not None:
            g2 = gradients(torch, op, schema, specs)
            if json.dumps(g1) == json.dumps(g2) and finite(g1):
                grads = g1
    except Exception:
        grads = None
    case = {'schema': schema.key, 'args': specs, 'outputs': out1, 'grads': grads}
    if len(json.dumps(case)) > MAX_CASE_CHARS:
        raise Reject('too large')
    return case


BASES = [
    ([2, 3], 'float32', 'pos', False), ([2, 3], 'float64', 'pos', False),
    ([3], 'float32', 'pos', False), ([3], 'float64', 'pos', False),
    ([3, 3], 'float32', 'pos', True), ([3, 3], 'float64', 'pos', True),
    ([2, 3, 3], 'float32', 'pos', True), ([2, 3, 3], 'float64', 'pos', True),
    ([1, 4, 3, 3], 'float32', 'pos', False), ([1, 4, 3, 3], 'float64', 'pos', False),
    ([1, 2, 5], 'float32', 'pos', False), ([1, 2, 5], 'float64', 'pos', False),
    ([1, 2, 3, 3, 3], 'float32', 'pos', False), ([1, 2, 3, 3, 3], 'float64', 'pos', False),
    ([], 'float32', 'pos', False), ([], 'float64', 'pos', False),
    ([2, 3], 'float64', 'signed', False), ([3], 'float64', 'signed', False),
    ([3, 3], 'float64', 'signed', False), ([2, 3], 'float64', 'gt1', False), ([3], 'float64', 'gt1', False),
    ([2, 3], 'int64', 'pos', False), ([3], 'int64', 'pos', False), ([], 'int64', 'pos', False),
    ([2, 3], 'int64', 'signed', False), ([2, 3], 'bool', 'pos', False), ([3], 'bool', 'pos', False),
    ([2, 3], 'int32', 'pos', False), ([2, 3], 'uint8', 'pos', False), ([2, 3], 'int16', 'pos', False),
    ([2, 3], 'int8', 'pos', False), ([2, 3], 'float32', 'signed', False), ([1], 'float64', 'pos', False),
]


def recipes(opts):
    for shape, dtype, domain, spd in BASES:
        for v in range(4):
            for opt in opts:
                yield Recipe(shape, dtype, domain, v, opt, spd)


def signature(specs):
    sig = []
    for s in specs:
        if 'tensor' in s:
            sig.append(s['tensor']['dtype'])
        elif 'tensors' in s:
            sig.append(','.join(t['dtype'] for t in s['tensors']))
    return tuple(sig)


def cases_for(torch, schema):
    try:
        op = op_of(torch, schema)
    except Exception:
        return []
    found = []
    fallback = None
    for opts in (('default', 'given', 'none'), ('given', 'default', 'none')):
        if len(found) >= MAX_CASES_PER_SCHEMA:
            break
        seen = set()
        attempts = 0
        for r in recipes(opts):
            try:
                specs = build_args(schema, r)
            except Exception:
                continue
            key = json.dumps(specs, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            attempts += 1
            if attempts > MAX_ATTEMPTS_PER_PASS:
                break
            if found and signature(specs) == signature(found[0]['args']):
                continue
            try:
                case = try_case(torch, op, schema, specs)
            except Reject:
                continue
            except Exception as e:
                if 'Could not run' in str(e):
                    break                     # no CPU kernel: no other recipe helps
                continue
            if not finite(case['outputs']):
                if fallback is None:
                    fallback = case
                continue
            found.append(case)
            break
    if not found and fallback is not None:
        found.append(fallback)
    return found


# ----------------------------------------------------------------------------------------------
# Worker and driver

def worker():
    import warnings
    warnings.simplefilter('ignore')
    proto = os.fdopen(os.dup(1), 'w')
    os.dup2(2, 1)
    import torch
    torch.set_num_threads(1)
    torch.manual_seed(0)
    schemas = {s.key: s for s in all_schemas(torch)}
    proto.write('ready\n')
    proto.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        if line.startswith('R '):
            # replay a recorded case in this (another) process: the same outputs and gradients?
            case = json.loads(line[2:])
            try:
                proto.write(json.dumps(replays(torch, schemas[case['schema']], case)) + '\n')
            except Exception:
                proto.write('false\n')
            proto.flush()
            continue
        try:
            cases = cases_for(torch, schemas[line])
        except Exception:
            cases = []
        proto.write(json.dumps(cases) + '\n')
        proto.flush()


def replays(torch, schema, case):
    op = op_of(torch, schema)
    out = encode_outputs(torch, schema, call(torch, op, schema, case['args']))
    if json.dumps(out) != json.dumps(case['outputs']):
        return False
    if case['grads'] is not None:
        return json.dumps(gradients(torch, op, schema, case['args'])) == json.dumps(case['grads'])
    return True


class Worker:
    def __init__(self, verbose):
        self.proc = subprocess.Popen([sys.executable, os.path.abspath(__file__), '--worker'],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=None if verbose else subprocess.DEVNULL, text=True, bufsize=1)
        if self.readline(600) != 'ready':
            raise RuntimeError('the worker did not start')

    def readline(self, timeout):
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return line.strip() if line else None

    def ask(self, key, timeout):
        try:
            self.proc.stdin.write(key + '\n')
            self.proc.stdin.flush()
        except BrokenPipeError:
            return None
        line = self.readline(timeout)
        return None if line is None else json.loads(line)

    def kill(self):
        try:
            self.proc.kill()
            self.proc.wait()
        except Exception:
            pass


def package_version(name):
    try:
        with open('/var/lib/dpkg/status', encoding='utf-8') as f:
            text = f.read()
    except OSError:
        return None
    for block in text.split('\n\n'):
        if ('Package: %s\n' % name) in block + '\n' and 'Status: install ok installed' in block:
            m = re.search(r'^Version: (?:\d+:)?([0-9.]+)', block, re.M)
            if m:
                return m.group(1)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--output', help='the fixture file to write')
    ap.add_argument('--only', help='only the schemas of this op name (prints the cases)')
    ap.add_argument('--timeout', type=float, default=120, help='seconds one schema may take')
    ap.add_argument('--verbose', action='store_true', help="show the worker's stderr")
    ap.add_argument('--worker', action='store_true', help=argparse.SUPPRESS)
    ns = ap.parse_args()
    if ns.worker:
        worker()
        return
    if not ns.output and not ns.only:
        ap.error('--output is required')
    import torch
    schemas = all_schemas(torch)
    skipped = {}
    todo = []
    for s in schemas:
        reason = 'denied' if denied(s.name) else s.unsupported_reason()
        if reason:
            skipped[reason.split(' ')[0]] = skipped.get(reason.split(' ')[0], 0) + 1
            continue
        if ns.only and s.name != ns.only:
            continue
        todo.append(s)
    print('%d public dispatcher schemas (%d op names); %d to try; skipped: %s' % (
        len(schemas), len({s.name for s in schemas}), len(todo),
        ', '.join('%s %d' % kv for kv in sorted(skipped.items()))), file=sys.stderr)
    w = Worker(ns.verbose)
    cases = []
    crashed = []
    for i, s in enumerate(todo):
        got = w.ask(s.key, ns.timeout)
        if got is None:
            crashed.append(s.key)
            w.kill()
            w = Worker(ns.verbose)
            continue
        cases.extend(got)
        if (i + 1) % 100 == 0:
            print('  %d/%d schemas, %d cases' % (i + 1, len(todo), len(cases)), file=sys.stderr)
    w.kill()
    # Replay every case in two fresh processes, so that a result that depends on the process's
    # state (memory it happened to reuse, a workspace) is dropped rather than recorded.
    unstable = []
    for _ in range(2):
        w = Worker(ns.verbose)
        kept = []
        for c in cases:
            ok = w.ask('R ' + json.dumps(c), ns.timeout)
            if ok is None:
                w.kill()
                w = Worker(ns.verbose)
            if ok:
                kept.append(c)
            else:
                unstable.append(c['schema'])
        w.kill()
        cases = kept
    if unstable:
        print('not reproduced in another process (dropped): ' + ' '.join(unstable), file=sys.stderr)
    if crashed:
        print('crashed or timed out (skipped): ' + ' '.join(crashed), file=sys.stderr)
    if ns.only:
        for c in cases:
            print(json.dumps(c))
    libtorch = package_version('python3-torch') or torch.__version__.split('+')[0]
    names = {c['schema'].split('.')[0] for c in cases}
    grads = sum(1 for c in cases if c['grads'] is not None)
    if ns.output:
        with open(ns.output, 'w', encoding='utf-8', newline='\n') as f:
            f.write('{"libtorch":%s,"python_torch":%s,"cases":[\n' % (
                json.dumps(libtorch), json.dumps(torch.__version__)))
            f.write(',\n'.join(json.dumps(c, separators=(',', ':')) for c in cases))
            f.write('\n]}\n')
    print('torch %s (libtorch %s): %d cases, %d distinct ops, %d cases with grads%s' % (
        torch.__version__, libtorch, len(cases), len(names), grads,
        (' -> ' + ns.output) if ns.output else ''))


if __name__ == '__main__':
    main()
