import { createRegistry } from '@embedkit/core';
import { describeEmbeddingFunctionContract } from '@embedkit/testing';
import { createLocal } from './local-embedding.js';
import { localProvider } from './local-provider.js';
import { testModelPath } from './test-model.test-helpers.js';

describeEmbeddingFunctionContract('local all-MiniLM-L6-v2 (ONNX Runtime)', () => {
  const embedding = createLocal({ modelPath: testModelPath() });
  return {
    embedding,
    registry: createRegistry([localProvider]),
    teardown: () => embedding.close(),
  };
});
