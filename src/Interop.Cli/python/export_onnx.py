"""Exports a study model to ONNX for the harness's onnxruntime engine.

Builds the model as study_loop.py does (same seed, same architecture), in evaluation mode, and
writes OUT.onnx, OUT.input (the study's input batch) and OUT.output (the model's output on it,
computed by this torch), both raw little-endian float32, so that the engine can check ONNX
Runtime's output against libtorch's, and OUT.result: "exported <parameter count> torch
<version>". When torch.onnx cannot express the model, OUT.result says "unexportable <the
exporter's reason>" and the script exits with NOT_EXPORTABLE, so that the harness leaves the
engine out of that workload only. The result has a file of its own because torch's exporter
writes its graph to stdout from C++'s buffer, which interleaves with Python's lines.
"""
import argparse
import sys
import warnings

import torch

import study_loop

# ONNX opset 17 is the newest torch 1.13's exporter writes; torch 2.x's and ONNX Runtime read it too.
OPSET = 17
NOT_EXPORTABLE = 3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    study_loop.add_workload_arguments(parser)
    parser.add_argument("--out", required=True, help="path of the files to write, without extension")
    args = study_loop.checked_workload(parser)
    if args.phase != "infer":
        parser.error("only inference models are exported")
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    model = study_loop.build_model(args).eval()
    images, _ = study_loop.make_data(args)
    with torch.no_grad():
        reference = model(images)
    options = {"opset_version": OPSET, "input_names": ["input"], "output_names": ["output"]}
    if int(torch.__version__.split(".")[0]) >= 2:
        # torch 2.9 made the torch.export-based exporter the default; it needs onnxscript, which
        # Debian does not package. The TorchScript-based one is what torch 1.13 has.
        options["dynamo"] = False
        warnings.filterwarnings("ignore", category=DeprecationWarning)
    try:
        torch.onnx.export(model, images, args.out + ".onnx", **options)
    except torch.onnx.errors.OnnxExporterError as error:
        # The exporter's first sentence names what ONNX cannot express; the rest asks for a report.
        reason = str(error).splitlines()[0].split(" Please ")[0]
        write_result(args.out, f"unexportable torch {torch.__version__}: {reason}")
        sys.exit(NOT_EXPORTABLE)
    images.numpy().astype("<f4").tofile(args.out + ".input")
    reference.numpy().astype("<f4").tofile(args.out + ".output")
    parameters = sum(p.numel() for p in model.parameters())
    write_result(args.out, f"exported {parameters} torch {torch.__version__}")


def write_result(out, line):
    with open(out + ".result", "w", encoding="utf-8") as result:
        result.write(line + "\n")


if __name__ == "__main__":
    try:
        main()
    except Exception as error:
        sys.exit(f"export_onnx: {type(error).__name__}: {error}")
