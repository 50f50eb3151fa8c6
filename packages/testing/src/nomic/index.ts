export * from './nomic-long-text.js';
export * from './nomic-request-validation.js';
export * from './nomic-simulator.js';
export * from './nomic-simulator-models.js';
