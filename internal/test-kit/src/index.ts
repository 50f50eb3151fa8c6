export * from './contracts/embedding-function-contract.js';
export * from './contracts/vector-store-contract.js';
export * from './fixtures/sample-documents.js';
