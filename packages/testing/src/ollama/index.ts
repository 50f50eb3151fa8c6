export * from './ollama-simulator.js';
