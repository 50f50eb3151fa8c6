#!/usr/bin/env node
// Installs embedkit as a user would and checks that it works there: packs every publishable
// package with `pnpm pack`, installs the tarballs with npm into fresh projects outside the
// workspace (third-party packages from the registry; @embedkit/* can only come from the tarballs),
// and checks one copy of @embedkit/core, ESM import and require() of every package, tsc with
// moduleResolution node16 and bundler, an esbuild bundle (ESM and CJS) run from a folder without
// node_modules, and the CLI installed alone: no ONNX Runtime or Milvus SDK, a clear error naming
// the adapter to install. Needs built packages (`pnpm build`). Exits non-zero on the first failure.
//
// No host but the npm registry is needed: onnxruntime-node's postinstall (which downloads CUDA
// libraries from NuGet on linux/x64) is skipped the way the @embedkit/local README documents, and
// the CLI does not depend on it at all.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'embedkit-check-packages-'));
const started = Date.now();
let step = 0;

function log(message) {
  console.log(`check-packages: ${message}`);
}
function fail(message) {
  console.error(`check-packages: FAILED: ${message}`);
  console.error(`check-packages: the projects are kept in ${work}`);
  process.exit(1);
}
function check(condition, message) {
  if (!condition) fail(message);
  log(`  ok  ${message}`);
}
function section(title) {
  step += 1;
  log(`${step}. ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
/** Runs a command; returns { status, stdout, stderr }. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    env: { ...baseEnvironment, ...options.env },
  });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result;
}
function runOk(command, args, options = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    fail(
      `${command} ${args.join(' ')} exited with ${result.status}\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

// The user's environment, without this workspace's settings that a fresh machine lacks.
const baseEnvironment = { ...process.env };
for (const name of Object.keys(baseEnvironment)) {
  if (
    /^(npm_|pnpm_|PNPM_|ONNXRUNTIME_NODE_INSTALL|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$)/.test(name)
  ) {
    delete baseEnvironment[name];
  }
}

// --- 1. pack -------------------------------------------------------------------------------------
section('pack every publishable package with pnpm pack');
const packageDirectories = ['packages', 'apps']
  .flatMap((group) => readdirSync(join(root, group)).map((name) => join(root, group, name)))
  .filter((directory) => existsSync(join(directory, 'package.json')))
  .filter(
    (directory) => !JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).private,
  );
const tarballs = join(work, 'tarballs');
mkdirSync(tarballs);
/** name → { version, tarball, manifest (as packed), directory } */
const packed = new Map();
for (const directory of packageDirectories) {
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
  if (!existsSync(join(directory, 'dist')))
    fail(`${manifest.name} has no dist/: run pnpm build first`);
  const output = runOk('pnpm', ['pack', '--pack-destination', tarballs, '--json'], {
    cwd: directory,
    env: { ...process.env },
  }).stdout;
  const { filename } = JSON.parse(output.slice(output.indexOf('{')));
  const files = execFileSync('tar', ['-tzf', filename], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const packedManifest = JSON.parse(
    execFileSync('tar', ['-xzOf', filename, 'package/package.json'], { encoding: 'utf8' }),
  );
  packed.set(manifest.name, {
    version: manifest.version,
    tarball: filename,
    manifest: packedManifest,
    files,
    directory,
  });
}
log(`  packed ${[...packed.keys()].join(', ')}`);
check(
  packed.has('@embedkit/core') && packed.has('@embedkit/openai'),
  'core and openai are publishable',
);

section('what the tarballs hold');
for (const [name, { files, manifest }] of packed) {
  const maps = files.filter((file) => file.endsWith('.map'));
  check(maps.length === 0, `${name}: no source maps (they would point at unshipped src/)`);
  check(
    !files.some((file) => /\.test(-helpers)?\.(js|d\.ts)$/.test(file)),
    `${name}: no test files`,
  );
  check(!JSON.stringify(manifest).includes('workspace:'), `${name}: no workspace: ranges left`);
  check(
    manifest.repository?.url === 'git+https://github.com/embedkit/embedkit.git' &&
      typeof manifest.repository.directory === 'string' &&
      typeof manifest.homepage === 'string' &&
      typeof manifest.bugs?.url === 'string' &&
      Array.isArray(manifest.keywords) &&
      manifest.keywords.length > 0,
    `${name}: repository (with directory), homepage, bugs and keywords`,
  );
  const built = files
    .filter((file) => file.endsWith('.js'))
    .map((file) => file.replace(/^package\//, ''));
  // A package.json path in a string, or createRequire used other than on a literal package name
  // (`createRequire(import.meta.url)('apache-arrow')`, how @embedkit/lancedb shares LanceDB's copy).
  const readsPackageJson = built.filter((file) => {
    const code = execFileSync('tar', ['-xzOf', packed.get(name).tarball, `package/${file}`], {
      encoding: 'utf8',
    });
    const requires = code.match(/createRequire\([^)]*\)(\(\s*[^)]*\))?/g) ?? [];
    return (
      /['"][^'"]*package\.json['"]/.test(code) ||
      requires.some((call) => !/\)\(\s*['"][@a-z0-9][^'"./]*(\/[^'"./]+)?['"]\s*\)$/.test(call))
    );
  });
  check(
    readsPackageJson.length === 0,
    `${name}: no built file reads package.json at run time ${readsPackageJson.join(' ')}`,
  );
  if (name !== '@embedkit/core') {
    const peer = manifest.peerDependencies?.['@embedkit/core'];
    const regular = manifest.dependencies?.['@embedkit/core'];
    if (name === '@embedkit/cli')
      check(regular !== undefined, `${name}: depends on @embedkit/core (${regular})`);
    else
      check(
        peer !== undefined && regular === undefined,
        `${name}: @embedkit/core is a peer dependency (${peer}), not a dependency`,
      );
  }
}
const cli = packed.get('@embedkit/cli').manifest;
/** The adapters the CLI loads only when a config names them; a plain CLI install skips them all. */
const cliOptionalAdapters = [
  '@embedkit/local',
  '@embedkit/milvus',
  '@embedkit/cohere',
  '@embedkit/voyage',
  '@embedkit/gemini',
  '@embedkit/mistral',
  '@embedkit/nomic',
  '@embedkit/tei',
  '@embedkit/ollama',
  '@embedkit/bedrock',
  '@embedkit/pgvector',
  '@embedkit/chroma',
  '@embedkit/lancedb',
  '@embedkit/sqlite-vec',
];
for (const adapter of cliOptionalAdapters) {
  check(
    cli.peerDependenciesMeta?.[adapter]?.optional === true && !cli.dependencies?.[adapter],
    `@embedkit/cli: ${adapter} is an optional peer dependency`,
  );
}

// --- 2. install ----------------------------------------------------------------------------------
/** A fresh npm project depending on the given tarballs (and extra registry packages). */
function project(name, packageNames, extra = {}, npmrc = '') {
  const directory = join(work, name);
  mkdirSync(directory);
  const dependencies = { ...extra };
  for (const packageName of packageNames)
    dependencies[packageName] = `file:${relative(directory, packed.get(packageName).tarball)}`;
  writeFileSync(
    join(directory, 'package.json'),
    `${JSON.stringify({ name: `embedkit-${name}`, private: true, type: 'module', dependencies }, null, 2)}\n`,
  );
  // @embedkit/* may only come from the tarballs: a registry lookup for the scope fails at once
  // (npm asks for the manifests of internal ranges before it settles on the tarballs already listed).
  writeFileSync(
    join(directory, '.npmrc'),
    `@embedkit:registry=http://127.0.0.1:9/\nfetch-retries=0\naudit=false\nfund=false\n${npmrc}`,
  );
  return directory;
}
function npmInstall(directory, environment = {}) {
  const before = Date.now();
  // global-agent (onnxruntime-node's downloader) is pointed at a closed port: its CUDA download
  // must not be needed, whatever hosts this machine can reach.
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];
  const options = {
    cwd: directory,
    env: { GLOBAL_AGENT_HTTP_PROXY: 'http://127.0.0.1:9', ...environment },
  };
  // .npmrc sets fetch-retries=0 (so the closed @embedkit registry fails at once), which also
  // leaves a dropped connection to the public registry unretried: such a failure is retried
  // here, twice; any other failure fails at once.
  for (let attempt = 1; ; attempt += 1) {
    const result = run('npm', args, options);
    if (result.status === 0) break;
    const output = `${result.stdout}\n${result.stderr}`;
    const dropped =
      /network request to https:\/\/registry\.npmjs\.org\/.* failed, reason: (connect )?(ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up)/;
    if (attempt === 3 || !dropped.test(output)) {
      fail(`npm ${args.join(' ')} exited with ${result.status}\n${output}`);
    }
    log(`  npm install lost its connection to the registry (attempt ${attempt}); retrying`);
  }
  return ((Date.now() - before) / 1000).toFixed(1);
}

section('install every package into a fresh project (npm, outside the workspace)');
const all = project(
  'all-packages',
  [...packed.keys()],
  { '@types/node': '^20.19.0' },
  // What the @embedkit/local README tells users: ONNX Runtime's CPU build ships in the package;
  // its postinstall would only fetch CUDA libraries from NuGet.
  'onnxruntime-node-install=skip\n',
);
log(`  installed in ${npmInstall(all)} s with onnxruntime-node-install=skip in .npmrc`);
const listing = JSON.parse(
  run('npm', ['ls', '@embedkit/core', '--all', '--json'], { cwd: all }).stdout,
);
const corePaths = new Set();
(function walk(node, path) {
  for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
    if (dependency === '@embedkit/core') corePaths.add(child.version);
    walk(child, `${path}/${dependency}`);
  }
})(listing, '');
const coreCopies = readdirSync(all, { recursive: true }).filter((file) =>
  String(file).endsWith(join('@embedkit', 'core', 'package.json')),
);
check(
  coreCopies.length === 1 && corePaths.size === 1,
  `exactly one copy of @embedkit/core (npm ls versions: ${[...corePaths].join(', ')}; on disk: ${coreCopies.join(', ')})`,
);
check(
  !listing.problems?.length,
  `npm ls reports no problems ${(listing.problems ?? []).join('; ')}`,
);
const zodCopies = readdirSync(join(all, 'node_modules'), { recursive: true }).filter((file) =>
  /(^|[/\\])zod[/\\]package\.json$/.test(String(file)),
);
check(zodCopies.length === 1, `one copy of zod (${zodCopies.join(', ')})`);

section('ESM import and require() of every package');
const engines = new Set([...packed.values()].map(({ manifest }) => manifest.engines?.node));
check(engines.size === 1, `one engines range for all packages: ${[...engines].join(' | ')}`);
const [enginesRange] = engines;
// require() of an ES module works unflagged from Node 20.19 and 22.12; older 20.x and 22.x throw
// ERR_REQUIRE_ESM. embedkit ships ES modules only, so that is the floor engines declares.
check(
  enginesRange === '^20.19.0 || >=22.12.0',
  'engines is ^20.19.0 || >=22.12.0 (where require(esm) works)',
);
const [major, minor] = process.versions.node.split('.').map(Number);
check(
  (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22,
  `this Node (${process.versions.node}) is inside engines`,
);
const entries = [...packed.keys()].flatMap((name) =>
  Object.keys(packed.get(name).manifest.exports ?? { '.': null })
    .filter((subpath) => subpath !== './package.json')
    .map((subpath) => (subpath === '.' ? name : `${name}/${subpath.slice(2)}`)),
);
for (const entry of entries) {
  const esm = run(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) throw new Error('no exports');`,
    ],
    { cwd: all },
  );
  check(esm.status === 0, `import ${entry}${esm.status === 0 ? '' : `\n${esm.stderr}`}`);
  const cjs = run(
    process.execPath,
    [
      '-e',
      `const m = require(${JSON.stringify(entry)}); if (Object.keys(m).length === 0) throw new Error('no exports');`,
    ],
    { cwd: all },
  );
  check(
    cjs.status === 0,
    `require(${JSON.stringify(entry)}) on Node ${process.versions.node}${cjs.status === 0 ? '' : `\n${cjs.stderr}`}`,
  );
}

section('tsc --noEmit of a consumer file, moduleResolution node16 and bundler');
writeFileSync(
  join(all, 'consumer.ts'),
  `import { createRegistry, createSparseRegistry, hashingProvider, InvalidConfigError, MemoryVectorStore, type EmbeddingFunction, type SparseEmbeddingFunction, coreVersion } from '@embedkit/core';
import { createJina, jinaProvider } from '@embedkit/jina';
import { createOpenAI, openaiProvider, openaiVersion } from '@embedkit/openai';
import { createLocal, localProvider } from '@embedkit/local';
import { createMilvusStore } from '@embedkit/milvus';
import { cohereProvider, createCohere } from '@embedkit/cohere';
import { createVoyage, voyageProvider } from '@embedkit/voyage';
import { createGemini, geminiProvider } from '@embedkit/gemini';
import { createMistral, mistralProvider } from '@embedkit/mistral';
import { createNomic, nomicProvider } from '@embedkit/nomic';
import { createTEI, teiProvider } from '@embedkit/tei';
import { createOllama, ollamaProvider } from '@embedkit/ollama';
import { bedrockProvider, createBedrock } from '@embedkit/bedrock';
import { createPgvectorStore, pgliteStore, postgresStore } from '@embedkit/pgvector';
import { chromaStore, createChromaStore } from '@embedkit/chroma';
import { createLanceDbStore, lanceDbStore } from '@embedkit/lancedb';
import { createSqliteVecStore, sqliteVecStore } from '@embedkit/sqlite-vec';
import { createAiSdkProvider, fromAiSdk, toAiSdk } from '@embedkit/ai-sdk';
import { createLangChainProvider, fromLangChain, toLangChain } from '@embedkit/langchain';
import { bm25Provider, createBm25 } from '@embedkit/bm25';
import { startJinaSimulator } from '@embedkit/testing';
import { createSeededRandom } from '@embedkit/testing/seeded-random';
import { loadConfig, runCli } from '@embedkit/cli';

const registry = createRegistry([hashingProvider, jinaProvider, openaiProvider, localProvider, cohereProvider, voyageProvider, geminiProvider, mistralProvider, nomicProvider, teiProvider, ollamaProvider, bedrockProvider]);
const embedding: EmbeddingFunction = registry.fromConfig({ provider: 'hashing' });
const store = new MemoryVectorStore({ embedding });
const functions: EmbeddingFunction[] = [createJina({ model: 'jina-embeddings-v3' }), createOpenAI({ model: 'text-embedding-3-small' }), createLocal(), createCohere({ model: 'embed-v4.0' }), createVoyage({ model: 'voyage-3.5' }), createGemini({ model: 'gemini-embedding-001' }), createMistral({ model: 'mistral-embed' }), createNomic({ model: 'nomic-embed-text-v1.5' }), createTEI({ model: 'BAAI/bge-small-en-v1.5' }), createOllama({ model: 'nomic-embed-text' }), createBedrock({ model: 'amazon.titan-embed-text-v2:0', region: 'us-east-1' })];
const storeFactories = [createPgvectorStore, createChromaStore, createLanceDbStore, createSqliteVecStore, pgliteStore, postgresStore, chromaStore, lanceDbStore, sqliteVecStore];
const error: InvalidConfigError | undefined = undefined;
const bridges = [fromAiSdk, toAiSdk, createAiSdkProvider, fromLangChain, toLangChain, createLangChainProvider];
const sparse: SparseEmbeddingFunction = createSparseRegistry([bm25Provider]).fromConfig(createBm25().fit(['a text']).toConfig());
export const used = [sparse, store, functions, storeFactories, bridges, error, coreVersion, openaiVersion, createMilvusStore, startJinaSimulator, createSeededRandom, loadConfig, runCli];
`,
);
const tsc = join(root, 'node_modules', '.bin', 'tsc');
for (const [resolution, module] of [
  ['node16', 'node16'],
  ['bundler', 'esnext'],
]) {
  writeFileSync(
    join(all, `tsconfig.${resolution}.json`),
    `${JSON.stringify({ compilerOptions: { target: 'ES2022', module, moduleResolution: resolution, strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['consumer.ts'] }, null, 2)}\n`,
  );
  const result = run(tsc, ['-p', `tsconfig.${resolution}.json`], { cwd: all });
  check(
    result.status === 0,
    `tsc --noEmit with moduleResolution ${resolution}${result.status === 0 ? '' : `\n${result.stdout}${result.stderr}`}`,
  );
}

section('an esbuild bundle (ESM and CJS) of core + openai, run from a folder without node_modules');
const expected = {
  core: packed.get('@embedkit/core').version,
  openai: packed.get('@embedkit/openai').version,
};
writeFileSync(
  join(all, 'bundle-entry.js'),
  `import { createServer } from 'node:http';
import { coreVersion, userAgent } from '@embedkit/core';
import { createOpenAI, openaiVersion } from '@embedkit/openai';

// A one-route stand-in for /v1/embeddings that records the user-agent it was sent.
const seen = [];
const server = createServer((request, response) => {
  seen.push(request.headers['user-agent']);
  request.resume();
  request.on('end', () => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ object: 'list', model: 'text-embedding-3-small', data: [{ object: 'embedding', index: 0, embedding: [1, 0, 0, 0] }], usage: { prompt_tokens: 1, total_tokens: 1 } }));
  });
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const embedding = createOpenAI({ model: 'text-embedding-3-small', dimensions: 4, encodingFormat: 'float', baseURL: 'http://127.0.0.1:' + server.address().port + '/v1' });
const config = embedding.toConfig();
const [vector] = await embedding.embed(['hello']);
server.close();
console.log(JSON.stringify({ coreVersion, openaiVersion, expectedUserAgent: userAgent('@embedkit/openai', openaiVersion), sentUserAgent: seen[0], provider: config.provider, dim: vector.length }));
`,
);
const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
const runFolder = join(work, 'run-without-node-modules', 'deep', 'folder');
mkdirSync(runFolder, { recursive: true });
// A stray package.json one level up must not change the version a bundle reports.
writeFileSync(
  join(runFolder, '..', 'package.json'),
  '{ "name": "unrelated", "version": "9.9.9" }\n',
);
for (const format of ['esm', 'cjs']) {
  const outfile = join(runFolder, format === 'esm' ? 'bundle.mjs' : 'bundle.cjs');
  // CJS has no top-level await: wrap the entry in an async function for that format.
  const entry = format === 'esm' ? 'bundle-entry.js' : 'bundle-entry-cjs.js';
  if (format === 'cjs') {
    writeFileSync(
      join(all, entry),
      `${readFileSync(join(all, 'bundle-entry.js'), 'utf8').replace(/^(import .*\n)+/, (imports) => `${imports}(async () => {\n`)}})();\n`,
    );
  }
  // undici is CommonJS: an ESM bundle needs a require() for its node: built-ins, the banner every
  // esbuild ESM bundle for Node with CommonJS dependencies carries.
  const banner =
    format === 'esm'
      ? [
          "--banner:js=import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        ]
      : [];
  runOk(
    esbuild,
    [
      entry,
      '--bundle',
      '--platform=node',
      `--format=${format}`,
      ...banner,
      '--log-level=warning',
      `--outfile=${outfile}`,
    ],
    { cwd: all },
  );
  const result = run(process.execPath, [outfile], { cwd: runFolder });
  check(
    result.status === 0,
    `the ${format} bundle runs from ${relative(work, runFolder)}${result.status === 0 ? '' : `\n${result.stderr}`}`,
  );
  const report = JSON.parse(result.stdout);
  check(
    report.coreVersion === expected.core && report.openaiVersion === expected.openai,
    `${format}: versions inlined (core ${report.coreVersion}, openai ${report.openaiVersion})`,
  );
  check(
    report.sentUserAgent === report.expectedUserAgent &&
      report.sentUserAgent.startsWith(`@embedkit/openai/${expected.openai} `),
    `${format}: the request's user-agent is "${report.sentUserAgent}"`,
  );
  check(report.dim === 4, `${format}: the bundled openai function embedded through the stand-in`);
}

// --- @embedkit/local alone, with no setting that skips ONNX Runtime's CUDA download -----------
section('install @embedkit/local alone (no ONNXRUNTIME_NODE_INSTALL, no .npmrc setting)');
const localOnly = project('local-only', ['@embedkit/local', '@embedkit/core']);
log(`  installed in ${npmInstall(localOnly)} s (onnxruntime-node is an optional dependency)`);
const runtimeInstalled = existsSync(join(localOnly, 'node_modules', 'onnxruntime-node'));
log(
  `  onnxruntime-node ${runtimeInstalled ? 'installed (its CUDA download succeeded)' : 'left out by npm (its CUDA download failed)'}`,
);
const modelPath = process.env.EMBEDKIT_LOCAL_MODEL_PATH;
if (modelPath) {
  writeFileSync(
    join(localOnly, 'embed.mjs'),
    `import { createLocal } from '@embedkit/local';
const embedding = createLocal({ modelPath: ${JSON.stringify(modelPath)} });
try {
  const [vector] = await embedding.embed(['hello']);
  console.log(JSON.stringify({ dim: vector.length }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}
`,
  );
  const outcome = JSON.parse(runOk('node', ['embed.mjs'], { cwd: localOnly }).stdout.trim());
  if (runtimeInstalled) check(outcome.dim === 384, 'the local model embeds (384 dims)');
  else
    check(
      outcome.code === 'NOT_SUPPORTED' &&
        outcome.message.includes('ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node@'),
      `without onnxruntime-node, the first embed says how to install it: "${outcome.message}"`,
    );
  if (!runtimeInstalled) {
    // The command the message gives, as a user would type it.
    const command = outcome.message.slice(outcome.message.indexOf('npm install')).split(' ');
    runOk(command[0], [...command.slice(1), '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: localOnly,
      env: { ONNXRUNTIME_NODE_INSTALL: 'skip', GLOBAL_AGENT_HTTP_PROXY: 'http://127.0.0.1:9' },
    });
    const again = JSON.parse(runOk('node', ['embed.mjs'], { cwd: localOnly }).stdout.trim());
    check(again.dim === 384, 'after the suggested install, the local model embeds (384 dims)');
  }
} else {
  log('  EMBEDKIT_LOCAL_MODEL_PATH is not set (scripts/setup.sh sets it): embedding not tried');
}

// --- 3. the CLI alone ----------------------------------------------------------------------------
section('install @embedkit/cli alone (no ONNXRUNTIME_NODE_INSTALL, no .npmrc setting)');
const cliOnly = project('cli-only', [
  '@embedkit/cli',
  '@embedkit/core',
  '@embedkit/jina',
  '@embedkit/openai',
]);
log(`  installed in ${npmInstall(cliOnly)} s`);
for (const heavy of [
  'onnxruntime-node',
  '@zilliz/milvus2-sdk-node',
  '@grpc/grpc-js',
  '@electric-sql/pglite',
  '@lancedb/lancedb',
  'better-sqlite3',
  'chromadb',
  '@aws-sdk/credential-provider-node',
  ...cliOptionalAdapters,
]) {
  check(!existsSync(join(cliOnly, 'node_modules', heavy)), `${heavy} is not installed`);
}
const size = execFileSync('du', ['-sm', join(cliOnly, 'node_modules')], { encoding: 'utf8' }).split(
  '\t',
)[0];
log(`  node_modules: ${size} MB`);
const embedkit = join(cliOnly, 'node_modules', '.bin', 'embedkit');
const version = run(embedkit, ['--version'], { cwd: cliOnly });
check(
  version.status === 0 && version.stdout.trim() === packed.get('@embedkit/cli').version,
  `embedkit --version prints ${version.stdout.trim()}`,
);
writeFileSync(
  join(cliOnly, 'notes.md'),
  'Bees dance to tell the hive where the flowers are.\n\nFoxes hunt mice at dawn.\n',
);
const memory = ['--provider', 'hashing', '--store', 'memory', '--store-path', 'store.json'];
const indexed = run(embedkit, [...memory, 'index', 'notes.md', '--json'], { cwd: cliOnly });
check(
  indexed.status === 0,
  `embedkit index with hashing + memory works without the adapters${indexed.status === 0 ? '' : `\n${indexed.stderr}`}`,
);
const searched = run(
  embedkit,
  [...memory, 'search', 'where are the flowers', '--json', '-k', '1'],
  { cwd: cliOnly },
);
check(
  searched.status === 0 && searched.stdout.includes('Bees'),
  'embedkit search finds the indexed text',
);
const local = run(embedkit, ['--provider', 'local', '--store', 'memory', 'config'], {
  cwd: cliOnly,
});
check(
  local.status === 2 && local.stderr.includes('npm install @embedkit/local'),
  `--provider local without @embedkit/local: exit 2, "${local.stderr.trim().split('\n').at(-1)?.trim()}"`,
);
const milvus = run(embedkit, ['--provider', 'hashing', '--store', 'milvus-lite', 'info'], {
  cwd: cliOnly,
});
check(
  milvus.status === 2 && milvus.stderr.includes('npm install @embedkit/milvus'),
  `--store milvus-lite without @embedkit/milvus: exit 2, "${milvus.stderr.trim().split('\n').at(-1)?.trim()}"`,
);

log(`all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (!keep) rmSync(work, { recursive: true, force: true });
