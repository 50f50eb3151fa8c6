"""pymilvus' own BM25EmbeddingFunction on a corpus, for @embedkit/bm25's parity test.

Reads {"corpus": [...], "queries": [...], "k1", "b", "epsilon", "top": n} on stdin and prints
JSON: the default English analyzer's terms per document, the saved parameters, and per query
the best `top` document indices with their scores (query vector · document vector, as Milvus'
inner product ranks them). Needs NLTK_DATA pointing at the folder write-nltk-data.py wrote, so
nothing is downloaded.
"""

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from pymilvus.model.sparse import BM25EmbeddingFunction
from pymilvus.model.sparse.bm25.tokenizers import build_default_analyzer


def main() -> None:
    request = json.load(sys.stdin)
    analyzer = build_default_analyzer(language="en")
    bm25 = BM25EmbeddingFunction(
        analyzer=analyzer, k1=request["k1"], b=request["b"], epsilon=request["epsilon"]
    )
    bm25.fit(request["corpus"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bm25.json"
        bm25.save(str(path))
        parameters = json.loads(path.read_text())
    documents = bm25.encode_documents(request["corpus"])
    queries = bm25.encode_queries(request["queries"])
    scores = (queries @ documents.T).toarray()
    top = []
    for row in scores:
        order = sorted(range(len(row)), key=lambda index: (-row[index], index))[: request["top"]]
        top.append([{"index": index, "score": float(row[index])} for index in order])
    print(
        json.dumps(
            {
                "terms": [analyzer(text) for text in request["corpus"]],
                "parameters": parameters,
                "top": top,
                "dtype": str(np.asarray(documents.data).dtype),
            }
        )
    )


if __name__ == "__main__":
    main()
