"""pymilvus MilvusClient doing the stores scenario's Milvus Lite work, timed like the Node clients.

Two steps, each one process, so the Node side can wait for the server's index build between
them (as it does for its own clients):

  ingest ADDRESS COLLECTION ROWS_JSON VECTORS_F32 DIMENSIONS BATCH_ROWS
    Creates COLLECTION with the fields of embedkit's dense-only collection (VarChar id of 512
    bytes, float vector with AUTOINDEX/COSINE, VarChar text of 65,535 bytes, JSON metadata,
    Strong consistency), then times one `upsert` per batch of BATCH_ROWS rows. ROWS_JSON holds
    {"ids", "texts", "metadata"}; VECTORS_F32 the vectors (rows x DIMENSIONS, little-endian).

  search ADDRESS COLLECTION QUERIES_F32 DIMENSIONS TOP_K LEVELS
    Four warm-up queries, then every query once per level of LEVELS (comma-separated): that
    many threads in flight on one client, each taking the next query when its search returns.
    Top TOP_K with text and metadata, Strong consistency, as embedkit's `searchByVector`.

Prints one JSON result line; latencies are returned raw so the Node side summarizes them.
"""

import json
import sys
import threading
import time

import numpy as np
from pymilvus import DataType, MilvusClient


def connect(address):
    uri = address if "://" in address or address.startswith("unix:") else f"http://{address}"
    return MilvusClient(uri=uri)


def ingest(address, collection, rows_file, vectors_file, dimensions, batch_rows):
    with open(rows_file) as handle:
        rows = json.load(handle)
    vectors = np.fromfile(vectors_file, dtype="<f4").reshape(len(rows["ids"]), dimensions)
    client = connect(address)
    schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
    schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=512)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimensions)
    schema.add_field("text", DataType.VARCHAR, max_length=65535)
    schema.add_field("metadata", DataType.JSON)
    index_params = client.prepare_index_params()
    index_params.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
    client.create_collection(
        collection, schema=schema, index_params=index_params, consistency_level="Strong"
    )
    data = [
        {"id": row_id, "vector": vectors[index], "text": text, "metadata": metadata}
        for index, (row_id, text, metadata) in enumerate(
            zip(rows["ids"], rows["texts"], rows["metadata"])
        )
    ]
    started = time.perf_counter()
    for start in range(0, len(data), batch_rows):
        client.upsert(collection_name=collection, data=data[start : start + batch_rows])
    ingest_ms = (time.perf_counter() - started) * 1000
    counted = client.query(
        collection_name=collection, output_fields=["count(*)"], consistency_level="Strong"
    )[0]["count(*)"]
    client.close()
    if counted != len(data):
        raise SystemExit(f"upserted {len(data)} rows but the collection counts {counted}")
    return {"rowsStored": len(data), "ingestMs": ingest_ms}


def search(address, collection, queries_file, dimensions, top_k, levels):
    queries = np.fromfile(queries_file, dtype="<f4").reshape(-1, dimensions)
    client = connect(address)
    # Seal the upserted rows (not timed), as embedkit's store.flush() and the Node SDK do.
    client.flush(collection_name=collection)

    def one(query):
        return client.search(
            collection_name=collection,
            data=[query.tolist()],
            limit=top_k,
            output_fields=["text", "metadata"],
            consistency_level="Strong",
        )[0]

    first = one(queries[0])
    for query in queries[1:4]:
        one(query)
    measured = []
    for concurrency in levels:
        latencies = []
        lock = threading.Lock()
        position = [0]

        def lane():
            while True:
                with lock:
                    if position[0] >= len(queries):
                        return
                    query = queries[position[0]]
                    position[0] += 1
                begun = time.perf_counter()
                one(query)
                elapsed = (time.perf_counter() - begun) * 1000
                with lock:
                    latencies.append(elapsed)

        started = time.perf_counter()
        lanes = [threading.Thread(target=lane) for _ in range(concurrency)]
        for thread in lanes:
            thread.start()
        for thread in lanes:
            thread.join()
        elapsed_ms = (time.perf_counter() - started) * 1000
        measured.append(
            {"concurrency": concurrency, "latencies": latencies, "elapsedMs": elapsed_ms}
        )
    counted = client.query(
        collection_name=collection, output_fields=["count(*)"], consistency_level="Strong"
    )[0]["count(*)"]
    client.close()
    return {"firstHits": len(first), "searchedRows": counted, "levels": measured}


def main():
    step, address, collection = sys.argv[1:4]
    if step == "ingest":
        rows_file, vectors_file, dimensions, batch_rows = sys.argv[4:8]
        result = ingest(address, collection, rows_file, vectors_file, int(dimensions), int(batch_rows))
    elif step == "search":
        queries_file, dimensions, top_k, levels = sys.argv[4:8]
        result = search(
            address,
            collection,
            queries_file,
            int(dimensions),
            int(top_k),
            [int(level) for level in levels.split(",")],
        )
    else:
        raise SystemExit(f"unknown step {step!r}: use ingest or search")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
