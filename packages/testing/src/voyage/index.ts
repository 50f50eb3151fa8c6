export * from './voyage-error-reply.js';
export * from './voyage-request-validation.js';
export * from './voyage-rerank-validation.js';
export * from './voyage-simulated-vectors.js';
export * from './voyage-simulator.js';
export * from './voyage-simulator-models.js';
