export * from './cohere-error-reply.js';
export * from './cohere-request-validation.js';
export * from './cohere-rerank-validation.js';
export * from './cohere-simulated-vectors.js';
export * from './cohere-simulator.js';
export * from './cohere-simulator-models.js';
