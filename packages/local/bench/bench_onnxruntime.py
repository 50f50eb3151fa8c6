"""Throughput of Python onnxruntime on the same model file and texts as bench-local.mjs.

Usage: python bench/bench_onnxruntime.py MODEL_DIR   (needs `pip install onnxruntime tokenizers`;
run bench-local.mjs first, which writes bench/bench-texts.json).
"""
import json
import pathlib
import sys
import time

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

model_dir = pathlib.Path(sys.argv[1])
texts = json.loads((pathlib.Path(__file__).parent / "bench-texts.json").read_text())
tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
tokenizer.enable_truncation(max_length=256)
options = ort.SessionOptions()
options.intra_op_num_threads = 2
options.inter_op_num_threads = 1
session = ort.InferenceSession(
    str(model_dir / "onnx" / "model_quantized.onnx"), options, providers=["CPUExecutionProvider"]
)


def embed(inputs, batch_size):
    vectors = []
    for start in range(0, len(inputs), batch_size):
        tokenizer.enable_padding()
        encodings = tokenizer.encode_batch(inputs[start : start + batch_size])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        output = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        pooled = (output * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        vectors.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    return np.concatenate(vectors)


def measure(label, inputs, batch_size):
    embed(inputs[:8], 8)
    best = min(timed(inputs, batch_size) for _ in range(3))
    print(f"{label:<48} {len(inputs):>4} texts  {len(inputs) / best:>6.0f} texts/s")


def timed(inputs, batch_size):
    start = time.perf_counter()
    embed(inputs, batch_size)
    return time.perf_counter() - start


measure("short, batch 32", texts["short"], 32)
measure("short, one batch of 256", texts["short"], 256)
measure("long (truncated to 256 tokens), batch 32", texts["long"], 32)
measure("long, one batch of 48", texts["long"], 48)
measure("mixed 50/50, batch 32, input order", texts["mixed"], 32)
