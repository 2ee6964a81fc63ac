"""The Python PyTorch engine of the study harness, driven one timed round at a time.

Builds one model (or the `add` op) and its data, prints "ready <parameter count> torch <version>",
then answers each stdin line: an integer N runs N steps and prints the elapsed nanoseconds,
"memory" prints the peak RSS in MiB, "quit" or end of input ends it. The steps are the ones the
C# and C++ engines run, so the three can be timed against each other. In the ddp phase it is one
rank of a data-parallel group set up from torchrun's environment (RANK, WORLD_SIZE, MASTER_ADDR,
MASTER_PORT, LOCAL_RANK), training DistributedDataParallel over Gloo.
"""
import argparse
import datetime
import math
import os
import sys
import time

import torch
from torch import nn
from torch.nn import functional as F

# Must match native/torch/zoo/simple.cpp, or the parameter counts (and the work) differ.
SIMPLE_NN_FEATURES = 32
HIDDEN_UNITS = 64

TORCHVISION_MODELS = ("resnet18", "resnet50", "vgg16", "mobilenet_v2", "efficientnet_b0")
MODELS = ("simple_nn", "simple_cnn") + TORCHVISION_MODELS


class SimpleNN(nn.Module):
    def __init__(self, classes):
        super().__init__()
        self.fc1 = nn.Linear(SIMPLE_NN_FEATURES, HIDDEN_UNITS)
        self.fc2 = nn.Linear(HIDDEN_UNITS, classes)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x)))


class SimpleCNN(nn.Module):
    def __init__(self, channels, height, width, classes):
        super().__init__()
        if height < 4 or width < 4:
            raise ValueError("simple_cnn needs an input of at least 4x4: it pools by 2 twice")
        self.conv1 = nn.Conv2d(channels, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * (height // 4) * (width // 4), HIDDEN_UNITS)
        self.fc2 = nn.Linear(HIDDEN_UNITS, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


def add_workload_arguments(parser):
    parser.add_argument("--model", required=True, choices=MODELS + ("add",))
    parser.add_argument("--phase", required=True, choices=("op", "train", "infer", "ddp"))
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--height", type=int, default=224)
    parser.add_argument("--width", type=int, default=224)
    parser.add_argument("--classes", type=int, default=1000)
    parser.add_argument("--loss", choices=("bce", "cross_entropy"), default="cross_entropy")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)


def checked_workload(parser):
    args = parser.parse_args()
    if (args.phase == "op") != (args.model == "add"):
        parser.error("the model is 'add' exactly when the phase is 'op'")
    for name in ("batch", "channels", "height", "width", "classes", "threads"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be at least 1")
    return args


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_workload_arguments(parser)
    return checked_workload(parser)


def build_model(args):
    if args.model == "simple_nn":
        return SimpleNN(args.classes)
    if args.model == "simple_cnn":
        return SimpleCNN(args.channels, args.height, args.width, args.classes)
    # Imported here so the op and small-model engines do not depend on torchvision being installed.
    import torchvision

    return getattr(torchvision.models, args.model)(weights=None, num_classes=args.classes)


def make_data(args):
    if args.model == "simple_nn":
        shape = (args.batch, SIMPLE_NN_FEATURES)
    else:
        shape = (args.batch, args.channels, args.height, args.width)
    images = torch.randint(0, 256, shape, dtype=torch.uint8).float() / 255
    if args.loss == "bce":
        targets = torch.randint(0, 2, (args.batch, args.classes)).float()
    else:
        targets = torch.randint(0, args.classes, (args.batch,))
    return images, targets


def op_step():
    a = torch.ones(1)
    b = torch.ones(1)
    r = torch.empty(1)
    return lambda: torch.add(a, b, out=r)


def train_step(model, images, targets, loss_name):
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    criterion = F.binary_cross_entropy_with_logits if loss_name == "bce" else F.cross_entropy
    input = torch.empty_like(images)
    target = torch.empty_like(targets)

    def step():
        input.copy_(images)
        target.copy_(targets)
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(input), target)
        value = loss.item()
        if not math.isfinite(value):
            sys.exit(f"study_loop: the loss is {value}, not finite")
        loss.backward()
        optimizer.step()

    return step


def infer_step(model, images):
    model.eval()
    input = torch.empty_like(images)
    with torch.no_grad():
        dest = torch.empty_like(model(images))

    def step():
        with torch.no_grad():
            input.copy_(images)
            dest.copy_(model(input))

    return step


def data_parallel(model, threads):
    """Joins the group as the C# ranks do: pinned to this rank's own cores, Gloo, PyTorch's defaults."""
    import torch.distributed as dist
    from torch.nn.parallel import DistributedDataParallel

    # Debian's torch 2.x is built without libuv, which torch.distributed asks for by default since
    # 2.4; the classic TCPStore server is also the one the C# ranks use.
    os.environ.setdefault("USE_LIBUV", "0")
    local_rank = int(os.environ["LOCAL_RANK"])
    cores = os.cpu_count()
    os.sched_setaffinity(0, {(local_rank * threads + i) % cores for i in range(threads)})
    # The C# ranks' timeout (DataParallelRank), not PyTorch's 30 minutes: a rank that fails to
    # start ends the others' wait as soon.
    dist.init_process_group("gloo", timeout=datetime.timedelta(minutes=5))
    return DistributedDataParallel(model)


def peak_rss_mb():
    """VmHWM, this process's own peak resident set, as the .NET engines read it. Not ru_maxrss:
    Linux carries the parent's resident set at fork across exec into it, so a child of a bench
    that had grown to 2.6 GB would report 2.6 GB whatever its model."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM")


def serve(step):
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command == "memory":
            print(peak_rss_mb(), flush=True)
            continue
        iterations = int(command)
        start = time.perf_counter_ns()
        for _ in range(iterations):
            step()
        print(time.perf_counter_ns() - start, flush=True)


def main():
    args = parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    if args.phase == "op":
        step, parameters = op_step(), 0
    else:
        model = build_model(args)
        parameters = sum(p.numel() for p in model.parameters())
        images, targets = make_data(args)
        if args.phase == "train":
            step = train_step(model, images, targets, args.loss)
        elif args.phase == "ddp":
            step = train_step(data_parallel(model, args.threads), images, targets, args.loss)
        else:
            step = infer_step(model, images)
    runtime = "torch " + torch.__version__ + (", DistributedDataParallel over Gloo" if args.phase == "ddp" else "")
    print(f"ready {parameters} {runtime}", flush=True)
    serve(step)


if __name__ == "__main__":
    try:
        main()
    except Exception as error:
        sys.exit(f"study_loop: {type(error).__name__}: {error}")
