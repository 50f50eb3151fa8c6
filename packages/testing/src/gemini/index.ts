export * from './gemini-error-body.js';
export * from './gemini-request-validation.js';
export * from './gemini-simulator.js';
export * from './gemini-simulator-models.js';
