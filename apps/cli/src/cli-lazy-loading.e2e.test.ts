import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, cliPath } from './run-built-cli.test-helpers.js';

const directory = mkdtempSync(join(tmpdir(), 'embedkit-lazy-'));
// Logs every module the ESM loader resolves (a resolve hook, on the loader thread) and, at exit,
// every CommonJS module in require.cache (onnxruntime-node, the Milvus SDK and gRPC are CommonJS).
const hook = join(directory, 'log-hook.mjs');
writeFileSync(
  hook,
  `import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + '\\n');
  return result;
}
`,
);
const register = join(directory, 'register-log-hook.mjs');
writeFileSync(
  register,
  `import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
const log = process.env.EMBEDKIT_MODULE_LOG;
register(${JSON.stringify(pathToFileURL(hook).href)}, { data: { log } });
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(log, Object.keys(require.cache).join('\\n') + '\\n'));
`,
);

/** Runs the built CLI and returns its exit code, stdout and every module it loaded. */
function runLogged(args: readonly string[], input?: string) {
  const log = join(mkdtempSync(join(directory, 'run-')), 'modules.log');
  writeFileSync(log, '');
  const result = spawnSync(process.execPath, ['--import', register, cliPath, ...args], {
    cwd: directory,
    env: { ...cleanEnvironment(), EMBEDKIT_MODULE_LOG: log },
    encoding: 'utf8',
    timeout: 60_000,
    input,
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
    modules: readFileSync(log, 'utf8').split('\n').filter(Boolean),
  };
}

const heavy =
  /onnxruntime|@grpc|milvus2-sdk-node|@embedkit[/+]local|@embedkit[/+]milvus|[/\\]packages[/\\](local|milvus)[/\\]/;

describe('the embedkit command loads adapters only when the config names them', () => {
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('--version loads neither ONNX Runtime nor gRPC nor any provider or store package', () => {
    const run = runLogged(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    // The log works: it saw the CLI's own version module.
    expect(run.modules.some((url) => url.endsWith('/dist/package-version.js'))).toBe(true);
    expect(run.modules.filter((url) => heavy.test(url))).toEqual([]);
    expect(run.modules.filter((url) => /jina|openai/.test(url))).toEqual([]);
  });

  it('a hashing run on the memory store loads no provider or store package', () => {
    const run = runLogged(['--provider', 'hashing', '--store', 'memory', 'config']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.modules.filter((url) => heavy.test(url))).toEqual([]);
    expect(
      run.modules.filter((url) => /embedkit[/+](jina|openai)|packages[/\\](jina|openai)/.test(url)),
    ).toEqual([]);
  });

  it('a local config loads @embedkit/local but not ONNX Runtime until something is embedded', () => {
    const run = runLogged(['--provider', 'local', '--store', 'memory', 'config']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.modules.some((url) => /@embedkit[/+]local|packages[/\\]local/.test(url))).toBe(true);
    expect(run.modules.some((url) => url.includes('onnxruntime-node'))).toBe(false);
  });

  it('a local embedding run loads ONNX Runtime (the log would see it)', () => {
    const modelPath =
      process.env.EMBEDKIT_LOCAL_MODEL_PATH ??
      join(cliPath, '..', '..', '..', '..', '.embedkit', 'models', 'all-MiniLM-L6-v2');
    const config = join(directory, 'local.config.json');
    writeFileSync(
      config,
      JSON.stringify({ embedding: { provider: 'local', modelPath }, store: { kind: 'memory' } }),
    );
    const run = runLogged(['--config', config, 'embed'], 'hello world\n');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('[');
    expect(run.modules.some((url) => url.includes('onnxruntime-node'))).toBe(true);
    expect(run.modules.some((url) => /@grpc|milvus2-sdk-node/.test(url))).toBe(false);
  });
});
