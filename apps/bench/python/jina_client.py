"""pymilvus.model's JinaEmbeddingFunction under the same measurements as the Node clients.

Reads one JSON task from argv[1], prints one JSON result line. The corpus comes from argv[2]
(a JSON file of texts written by the Node side, so every client embeds identical documents).
The function hard-codes Jina's URL in the module-level API_URL, which is pointed at the
simulator here; its code is not changed otherwise.
"""

import gc
import json
import resource
import sys
import time

import pymilvus.model.dense.jinaai as jinaai
from pymilvus.model.dense import JinaEmbeddingFunction

CHUNK = 2048  # the API's maximum inputs per request; the function sends all texts in one call
FINGERPRINT_POSITIONS = (0, 1, 511, 1023)  # as src/clients/vector-fingerprint.ts


def fingerprint(vector):
    return [len(vector)] + [
        float(vector[position]) if position < len(vector) else None
        for position in FINGERPRINT_POSITIONS
    ]


def token_sized_batches(texts, limits):
    """The tuned row's batches, as src/clients/tuned-calls.ts makes them: at most a tenth of a
    minute's token budget and 65,536 tokens (estimated at 4 characters per token), at most the
    request's input cap."""
    budget = min(65_536, limits["tokensPerMinute"] // 10)
    batches, batch, tokens = [], [], 0
    for text in texts:
        cost = -(-len(text) // 4)
        if batch and (tokens + cost > budget or len(batch) >= limits["maxInputsPerRequest"]):
            batches.append(batch)
            batch, tokens = [], 0
        batch.append(text)
        tokens += cost
    if batch:
        batches.append(batch)
    return batches


def tuned_encoder(embedding, limits, counter):
    """encode_documents under tenacity: 11 attempts, wait_random_exponential from 1 s doubling
    to 60 s, scaled by the service's time compression (as the Node rows' p-retry)."""
    import tenacity

    scale = limits["timeScale"]

    def count(_state):
        counter["retries"] += 1

    return tenacity.retry(
        stop=tenacity.stop_after_attempt(11),
        wait=tenacity.wait_random_exponential(multiplier=scale, max=60 * scale),
        before_sleep=count,
        reraise=True,
    )(embedding.encode_documents)


def rss_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def main():
    task = json.loads(sys.argv[1])
    with open(sys.argv[2]) as corpus:
        texts = json.load(corpus)
    jinaai.API_URL = task["simulatorUrl"] + "/v1/embeddings"
    embedding = JinaEmbeddingFunction(
        model_name="jina-embeddings-v3",
        api_key=task["apiKey"],
        task="retrieval.passage",
        dimensions=1024,
    )
    # Same warm-up as the Node clients: a full-size pass for decode, a small call for memory.
    if task["kind"] == "decode":
        for start in range(0, len(texts), CHUNK):
            embedding.encode_documents(texts[start : start + CHUNK])
    elif task["kind"] == "memory":
        embedding.encode_documents(texts[:8])
    gc.collect()
    baseline = rss_bytes()
    cpu_before = time.process_time()
    started = time.perf_counter()
    vectors = []
    error = None
    tuned = task["clientId"] == "pymilvus-tuned"
    counter = {"retries": 0}
    try:
        if tuned:
            encode = tuned_encoder(embedding, task["limits"], counter)
            for batch in token_sized_batches(texts, task["limits"]):
                vectors.extend(encode(batch))
        else:
            for start in range(0, len(texts), CHUNK):
                vectors.extend(embedding.encode_documents(texts[start : start + CHUNK]))
        if len(vectors) != len(texts):
            raise RuntimeError(f"Expected {len(texts)} vectors, got {len(vectors)}.")
    except Exception as caught:  # reported, as the Node clients' errors are
        error = f"{type(caught).__name__}: {caught}"[:300]
    wall_ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu_before) * 1000
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    gc.collect()
    after = rss_bytes()
    warm_cpu_ms = None
    if task.get("repeat") and error is None:
        warm_before = time.process_time()
        for start in range(0, len(texts), CHUNK):
            embedding.encode_documents(texts[start : start + CHUNK])
        warm_cpu_ms = (time.process_time() - warm_before) * 1000
    result = {
        "ok": error is None,
        "vectors": len(vectors),
        "floats": sum(len(vector) for vector in vectors),
        "wallMs": wall_ms,
        "cpuMs": cpu_ms,
        "baselineRss": baseline,
        "peakRss": peak,
        "heapGrowth": after - baseline,
        "retainedGrowth": after - baseline,
    }
    if warm_cpu_ms is not None:
        result["warmCpuMs"] = warm_cpu_ms
    if task.get("fingerprints"):
        result["fingerprints"] = [fingerprint(vector) for vector in vectors]
    if tuned:
        result["retries"] = counter["retries"]
    if error is not None:
        result["error"] = error
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
