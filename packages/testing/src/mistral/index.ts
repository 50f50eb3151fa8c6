export * from './mistral-error-body.js';
export * from './mistral-quantize.js';
export * from './mistral-request-validation.js';
export * from './mistral-simulator.js';
export * from './mistral-simulator-models.js';
