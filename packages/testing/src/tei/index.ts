export * from './tei-error-reply.js';
export * from './tei-rerank-route.js';
export * from './tei-simulator.js';
