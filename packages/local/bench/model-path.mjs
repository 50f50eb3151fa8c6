// Where the benchmark scripts find the model: the first argument, EMBEDKIT_LOCAL_MODEL_PATH, or
// the directory scripts/install-model.sh installs (and prints).
import { execFileSync } from 'node:child_process';

export function benchModelPath() {
  return (
    process.argv[2] ??
    process.env.EMBEDKIT_LOCAL_MODEL_PATH ??
    execFileSync('bash', [new URL('../scripts/install-model.sh', import.meta.url).pathname], {
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .at(-1)
  );
}
