/**
 * The Python side of `startMilvusLite`, run with `python3 -c`. It starts Milvus Lite on the data
 * path in `sys.argv[1]`, prints one JSON line (`{"uri", "version"}` or `{"error", "detail"}`),
 * then holds the server until its stdin closes or it gets SIGTERM. Stdin closing is what stops
 * the server when the Node process dies without cleaning up, so no Python process outlives it.
 *
 * Milvus Lite 3 serves gRPC with pymilvus' generated stubs but does not declare pymilvus as a
 * dependency, so the script checks for it and names the fix.
 */
export const milvusLiteScript = String.raw`
import json, signal, sys

def report(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()

try:
    import milvus_lite
    from milvus_lite.server_manager import server_manager_instance
except ImportError as error:
    report(error="missing-milvus-lite", detail=str(error))
    sys.exit(3)

version = str(getattr(milvus_lite, "__version__", "unknown"))
try:
    major = int(version.split(".")[0])
except ValueError:
    major = 0
if major >= 3:
    try:
        import pymilvus.grpc_gen  # noqa: F401
    except ImportError as error:
        report(error="missing-pymilvus", detail=str(error), version=version)
        sys.exit(3)

def stop(*_):
    server_manager_instance.release_all()
    sys.exit(0)

signal.signal(signal.SIGTERM, stop)
signal.signal(signal.SIGINT, stop)
try:
    uri = server_manager_instance.start_and_get_uri(sys.argv[1])
except Exception as error:
    report(error="start-failed", detail=repr(error), version=version)
    sys.exit(4)
if not uri:
    report(error="start-failed", detail="start_and_get_uri returned nothing", version=version)
    sys.exit(4)
report(uri=uri, version=version)
try:
    sys.stdin.read()
finally:
    server_manager_instance.release_all()
`;
