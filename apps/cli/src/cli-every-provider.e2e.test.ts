import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type HttpSimulator,
  startBedrockSimulator,
  startCohereSimulator,
  startGeminiSimulator,
  startJinaSimulator,
  startMistralSimulator,
  startNomicSimulator,
  startOllamaSimulator,
  startOpenAISimulator,
  startTEISimulator,
  startVoyageSimulator,
} from '@embedkit/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { cliPath, runBuiltCli } from './run-built-cli.test-helpers.js';

const corpus = fileURLToPath(new URL('../../demo-corpus/corpus', import.meta.url));

/** One secret per provider, shaped so that any echo of it is unmistakable. */
const sentinel = (provider: string) =>
  provider === 'jina'
    ? // Jina refuses keys not shaped `jina_` + 60 characters before checking them.
      `jina_${'sentineljinakey4f1c9e27d3b8'.padEnd(60, 'x')}`
    : `sentinel-${provider}-key-4f1c9e27d3b8`;
const awsSecret = 'sentinelBedrockSecretAccessKey4f1c9e27d3b8';
const awsSession = 'sentinel-bedrock-session-token-4f1c9e27d3b8';
const sentinels = [
  ...['jina', 'openai', 'cohere', 'voyage', 'gemini', 'mistral', 'nomic', 'tei', 'ollama'].map(
    sentinel,
  ),
  awsSecret,
  awsSession,
];

/** Every key in the environment at once: each run must read its own and show none of them. */
const environment: NodeJS.ProcessEnv = {
  JINA_API_KEY: sentinel('jina'),
  OPENAI_API_KEY: sentinel('openai'),
  COHERE_API_KEY: sentinel('cohere'),
  VOYAGE_API_KEY: sentinel('voyage'),
  GEMINI_API_KEY: sentinel('gemini'),
  MISTRAL_API_KEY: sentinel('mistral'),
  NOMIC_API_KEY: sentinel('nomic'),
  TEI_TOKEN: sentinel('tei'),
  OLLAMA_API_KEY: sentinel('ollama'),
  AWS_ACCESS_KEY_ID: 'AKIASENTINEL4F1C9E27',
  AWS_SECRET_ACCESS_KEY: awsSecret,
  AWS_SESSION_TOKEN: awsSession,
};

/** The variables `embedkit config` must report as set, per provider. */
const keyVariables: Record<string, string[]> = {
  hashing: [],
  local: [],
  jina: ['JINA_API_KEY'],
  openai: ['OPENAI_API_KEY'],
  cohere: ['COHERE_API_KEY'],
  voyage: ['VOYAGE_API_KEY'],
  gemini: ['GEMINI_API_KEY'],
  mistral: ['MISTRAL_API_KEY'],
  nomic: ['NOMIC_API_KEY'],
  tei: ['TEI_TOKEN'],
  ollama: ['OLLAMA_API_KEY'],
  bedrock: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
};

const localModelPath =
  process.env.EMBEDKIT_LOCAL_MODEL_PATH ??
  [
    join(cliPath, '..', '..', '..', '..', '.embedkit', 'models', 'all-MiniLM-L6-v2'),
    // A git worktree shares the main checkout's downloaded model.
    join(cliPath, '..', '..', '..', '..', '..', 'main', '.embedkit', 'models', 'all-MiniLM-L6-v2'),
  ].find((path) => existsSync(path));

describe('embedkit CLI: every provider, one config edit each, against its simulator', () => {
  const root = mkdtempSync(join(tmpdir(), 'embedkit-cli-every-provider-'));
  /** A project folder per provider, so the providers run side by side. */
  const project = (provider: string) => {
    const cwd = join(root, provider);
    cpSync(join(corpus, 'glaciers.md'), join(cwd, 'docs', 'glaciers.md'), { recursive: true });
    cpSync(join(corpus, 'coffee.md'), join(cwd, 'docs', 'coffee.md'));
    return cwd;
  };
  const simulators: HttpSimulator[] = [];
  let embeddings: Record<string, Record<string, unknown>> = {};

  beforeAll(async () => {
    const [jina, openai, cohere, voyage, gemini, mistral, nomic, tei, ollama, bedrock] =
      await Promise.all([
        startJinaSimulator({ apiKeys: [sentinel('jina')] }),
        startOpenAISimulator({ apiKey: sentinel('openai') }),
        startCohereSimulator({ apiKey: sentinel('cohere') }),
        startVoyageSimulator({ apiKey: sentinel('voyage') }),
        startGeminiSimulator({ apiKey: sentinel('gemini') }),
        startMistralSimulator({ apiKey: sentinel('mistral') }),
        startNomicSimulator({ apiKey: sentinel('nomic') }),
        startTEISimulator({ apiKey: sentinel('tei') }),
        startOllamaSimulator({ apiKey: sentinel('ollama') }),
        startBedrockSimulator({
          credentials: {
            accessKeyId: 'AKIASENTINEL4F1C9E27',
            secretAccessKey: awsSecret,
            sessionToken: awsSession,
          },
        }),
      ]);
    simulators.push(jina, openai, cohere, voyage, gemini, mistral, nomic, tei, ollama, bedrock);
    embeddings = {
      hashing: { provider: 'hashing', dimensions: 128 },
      local: { provider: 'local', modelPath: localModelPath },
      jina: {
        provider: 'jina',
        model: 'jina-embeddings-v3',
        dimensions: 128,
        baseURL: jina.baseURL,
      },
      openai: {
        provider: 'openai',
        model: 'text-embedding-3-small',
        dimensions: 128,
        baseURL: openai.baseURL,
      },
      cohere: { provider: 'cohere', model: 'embed-v4.0', dimensions: 256, baseURL: cohere.baseURL },
      voyage: { provider: 'voyage', model: 'voyage-3.5', dimensions: 256, baseURL: voyage.baseURL },
      gemini: {
        provider: 'gemini',
        model: 'gemini-embedding-001',
        dimensions: 768,
        baseURL: gemini.baseURL,
      },
      mistral: { provider: 'mistral', model: 'mistral-embed', baseURL: mistral.baseURL },
      nomic: {
        provider: 'nomic',
        model: 'nomic-embed-text-v1.5',
        dimensions: 128,
        baseURL: nomic.baseURL,
      },
      tei: {
        provider: 'tei',
        model: 'BAAI/bge-small-en-v1.5',
        baseURL: tei.url,
        apiKeyEnv: 'TEI_TOKEN',
      },
      ollama: {
        provider: 'ollama',
        model: 'nomic-embed-text',
        baseURL: ollama.url,
        apiKeyEnv: 'OLLAMA_API_KEY',
      },
      bedrock: {
        provider: 'bedrock',
        model: 'amazon.titan-embed-text-v2:0',
        dimensions: 256,
        region: bedrock.region,
        endpoint: bedrock.endpoint,
      },
    };
  });
  afterAll(async () => {
    await Promise.all(simulators.map((simulator) => simulator.close()));
  });

  /** The sentinels that show up in `text`, each with where it was seen. */
  const secretsIn = (text: string, where: string) =>
    sentinels.filter((secret) => text.includes(secret)).map((secret) => `${secret} in ${where}`);

  for (const provider of Object.keys(keyVariables)) {
    it.concurrent(`indexes and searches with ${provider}, never showing a key`, async ({
      expect,
    }) => {
      const cwd = project(provider);
      const storeFile = `${provider}.json`;
      // The same config everywhere but for its `embedding` section.
      writeFileSync(
        join(cwd, 'embedkit.config.json'),
        JSON.stringify({
          embedding: embeddings[provider],
          store: { kind: 'memory', path: storeFile, collection: 'docs' },
        }),
      );
      const run = (args: string[], input?: string) =>
        runBuiltCli(args, { cwd, env: environment, ...(input === undefined ? {} : { input }) });

      const index = await run(['index', 'docs', '--json']);
      expect(index.stderr).not.toContain('embedkit:');
      expect(index.code).toBe(0);
      expect(JSON.parse(index.stdout).storedChunks).toBeGreaterThan(2);
      const search = await run(['search', 'why is glacier ice blue', '--json', '-k', '1']);
      expect(search.code).toBe(0);
      expect(JSON.parse(search.stdout).results[0].metadata.source).toBe('docs/glaciers.md');
      const embed = await run(['embed', '--as', 'queries'], 'blue glacier ice\nroasted coffee\n');
      expect(embed.stderr).toBe('');
      expect(embed.code).toBe(0);
      const vectors = embed.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(vectors.map((line) => line.index)).toEqual([0, 1]);
      expect(vectors[0].vector.length).toBeGreaterThan(0);
      expect(vectors[1].vector).toHaveLength(vectors[0].vector.length);

      const config = await run(['config']);
      expect(config.code).toBe(0);
      const resolved = JSON.parse(config.stdout);
      expect(resolved.embedding.provider).toBe(provider);
      const variables = resolved.secrets[`embedding (${provider})`];
      for (const name of keyVariables[provider] ?? []) expect(variables[name]).toBe('set');
      for (const state of Object.values(variables)) expect(['set', 'not set']).toContain(state);
      const info = await run(['info', '--json']);
      expect(info.code).toBe(0);
      expect(JSON.parse(info.stdout).count).toBe(JSON.parse(index.stdout).storedChunks);

      const leaks = Object.entries({ index, search, embed, config, info }).flatMap(
        ([name, output]) => [
          ...secretsIn(output.stdout, `${name} stdout`),
          ...secretsIn(output.stderr, `${name} stderr`),
        ],
      );
      leaks.push(...secretsIn(readFileSync(join(cwd, storeFile), 'utf8'), storeFile));
      expect(leaks).toEqual([]);
    });
  }
});
