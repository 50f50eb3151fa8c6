"""pymilvus MilvusClient.insert of precomputed rows, timed like the Node inserters.

argv: server address (host:port or a URI), collection name, a float32 file of the vectors
(rows x 1024, little-endian), a JSON file of the texts, and a time cap in milliseconds after
which no further chunk starts. Prints one JSON result line.
"""

import json
import sys
import time

import numpy as np
from pymilvus import DataType, MilvusClient

CHUNK = 10_000


def main():
    address, collection, vectors_file, texts_file = sys.argv[1:5]
    cap_seconds = float(sys.argv[5]) / 1000
    uri = address if "://" in address or address.startswith("unix:") else f"http://{address}"
    with open(texts_file) as handle:
        texts = json.load(handle)
    vectors = np.fromfile(vectors_file, dtype="<f4").reshape(len(texts), 1024)
    client = MilvusClient(uri=uri)
    schema = MilvusClient.create_schema(auto_id=True)
    schema.add_field("id", DataType.INT64, is_primary=True)
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=1024)
    schema.add_field("text", DataType.VARCHAR, max_length=65535)
    index_params = client.prepare_index_params()
    index_params.add_index(field_name="vector", index_type="AUTOINDEX", metric_type="COSINE")
    client.create_collection(collection, schema=schema, index_params=index_params)
    data = [{"vector": vectors[row], "text": text} for row, text in enumerate(texts)]
    started = time.perf_counter()
    # One call with every row exceeds the server's 64 MiB message limit; pymilvus does not
    # split it, so insert in chunks of 10,000 rows (about 41 MB each).
    stored = len(data)
    for start in range(0, len(data), CHUNK):
        if time.perf_counter() - started > cap_seconds:
            stored = start
            break
        client.insert(collection_name=collection, data=data[start : start + CHUNK])
    wall_ms = (time.perf_counter() - started) * 1000
    counted = client.query(collection_name=collection, output_fields=["count(*)"])[0]["count(*)"]
    result = {"rows": stored, "capped": stored < len(data), "wallMs": wall_ms, "counted": counted}
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
