import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI, as a user runs it. */
export const cliPath = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a subprocess and collects its output. */
export function runBuiltCli(
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeoutMs?: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      cwd: options.cwd,
      env: { ...cleanEnvironment(), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * The parent's environment without provider keys or store addresses that would change the CLI's
 * choices, and without vitest's NODE_ENV=test (which turns on the Milvus SDK's debug logging).
 */
export function cleanEnvironment(): NodeJS.ProcessEnv {
  const environment = { ...process.env };
  delete environment.NODE_ENV;
  for (const name of [
    'JINA_API_KEY',
    'JINAAI_API_KEY',
    'OPENAI_API_KEY',
    'AZURE_OPENAI_API_KEY',
    'COHERE_API_KEY',
    'CO_API_KEY',
    'VOYAGE_API_KEY',
    'VOYAGEAI_API_KEY',
    'GEMINI_API_KEY',
    'GOOGLE_API_KEY',
    'MISTRAL_API_KEY',
    'MISTRALAI_API_KEY',
    'NOMIC_API_KEY',
    'ATLAS_API_KEY',
    'OLLAMA_HOST',
    'OLLAMA_API_KEY',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'MILVUS_URI',
    'MILVUS_TOKEN',
    'CHROMA_URL',
    'EMBEDKIT_CONFIG',
    'EMBEDKIT_PROVIDER',
  ]) {
    delete environment[name];
  }
  return environment;
}
