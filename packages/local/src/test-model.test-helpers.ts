import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Directory of the real test model, found or installed by `vitest.global-setup.ts`. */
    localModelPath: string;
  }
}

/** The installed all-MiniLM-L6-v2 directory (int8 ONNX weights, tokenizer, config). */
export function testModelPath(): string {
  return inject('localModelPath');
}
