// Throughput of @embedkit/local on the installed all-MiniLM-L6-v2 (int8 ONNX), texts per second.
// Usage: node bench/bench-local.mjs [modelPath]   (after `pnpm build` and scripts/install-model.sh)
import { writeFileSync } from 'node:fs';
import { createLocal } from '../dist/index.js';
import { benchTexts } from './bench-texts.mjs';
import { benchModelPath } from './model-path.mjs';

const modelPath = benchModelPath();
const texts = benchTexts();
writeFileSync(new URL('./bench-texts.json', import.meta.url), JSON.stringify(texts));

async function measure(label, inputs, settings) {
  const embedding = createLocal({ modelPath, threads: 2, ...settings });
  await embedding.encodeDocuments(inputs.slice(0, 8)); // load and warm up
  const runs = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    await embedding.encodeDocuments(inputs);
    runs.push(performance.now() - start);
  }
  await embedding.close();
  const best = Math.min(...runs);
  const rate = (inputs.length / best) * 1000;
  console.log(
    `${label.padEnd(48)} ${String(inputs.length).padStart(4)} texts  ${rate.toFixed(0).padStart(6)} texts/s`,
  );
}

await measure('short, batchSize 32', texts.short, { batchSize: 32 });
await measure('short, one batch of 256', texts.short, { batchSize: 256 });
await measure('long (truncated to 256 tokens), batchSize 32', texts.long, { batchSize: 32 });
await measure('long, one batch of 48', texts.long, { batchSize: 48 });
await measure('mixed 50/50, batchSize 32, length-sorted', texts.mixed, { batchSize: 32 });
await measure('mixed 50/50, one padded batch (no sorting)', texts.mixed, { batchSize: 96 });
