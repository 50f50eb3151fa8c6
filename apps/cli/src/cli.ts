#!/usr/bin/env node
import { cliVersion } from './package-version.js';

// `embedkit --version` answers without loading the command line, core or any adapter; everything
// else goes through runCli, which imports a provider or store package only when the config names it.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${cliVersion}\n`);
} else {
  const { runCli } = await import('./run-cli.js');
  process.exitCode = await runCli(process.argv);
}
