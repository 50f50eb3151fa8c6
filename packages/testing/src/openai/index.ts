export * from './openai-error-body.js';
export * from './openai-rate-limit-reply.js';
export * from './openai-request-validation.js';
export * from './openai-simulator.js';
export * from './openai-simulator-models.js';
