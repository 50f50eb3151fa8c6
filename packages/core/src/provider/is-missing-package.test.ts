import { describe, expect, it } from 'vitest';
import { isMissingPackage } from './is-missing-package.js';

const notFound = (message: string, code = 'ERR_MODULE_NOT_FOUND') =>
  Object.assign(new Error(message), { code });

describe('isMissingPackage', () => {
  it('recognises the package itself, for ESM and CommonJS resolution', () => {
    expect(
      isMissingPackage(
        notFound("Cannot find package 'onnxruntime-node' imported from /a.js"),
        'onnxruntime-node',
      ),
    ).toBe(true);
    expect(
      isMissingPackage(
        notFound("Cannot find module 'onnxruntime-node'", 'MODULE_NOT_FOUND'),
        'onnxruntime-node',
      ),
    ).toBe(true);
  });

  it('does not blame the package for a missing dependency of it, or for other errors', () => {
    const dependency = notFound(
      "Cannot find package '@grpc/grpc-js' imported from /app/node_modules/@embedkit/milvus/dist/index.js",
    );
    expect(isMissingPackage(dependency, '@embedkit/milvus')).toBe(false);
    expect(isMissingPackage(new Error("'@embedkit/milvus' failed"), '@embedkit/milvus')).toBe(
      false,
    );
    expect(isMissingPackage(undefined, '@embedkit/milvus')).toBe(false);
  });
});
