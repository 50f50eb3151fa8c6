export * from './bedrock-error-reply.js';
export * from './bedrock-request-validation.js';
export * from './bedrock-sigv4-verifier.js';
export * from './bedrock-simulator.js';
