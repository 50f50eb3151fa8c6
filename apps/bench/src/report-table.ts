import type { Cell, ScenarioResult } from './harness/scenario-result.js';

/** Formats a number for a table: thousands separators, at most `digits` decimals. */
export function formatNumber(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Bytes as MiB with one decimal. */
export function formatMiB(bytes: number): string {
  return `${formatNumber(bytes / 1024 / 1024, 1)} MiB`;
}

const cellText = (cell: Cell | undefined) =>
  cell === undefined ? '' : typeof cell === 'number' ? formatNumber(cell) : cell;

/** A Markdown table (also readable in a terminal) of a scenario's rows. */
export function markdownTable(columns: readonly string[], rows: readonly Record<string, Cell>[]) {
  const texts = rows.map((row) => columns.map((column) => cellText(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...texts.map((row) => row[index]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, index) => cell.padEnd(widths[index]!)).join(' | ')} |`;
  return [
    line(columns),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...texts.map(line),
  ].join('\n');
}

/** The full printed report of one scenario: title, table, targets and notes. */
export function scenarioReport(result: ScenarioResult): string {
  const targets = result.targets.map((check) => {
    const verdict = check.met === undefined ? 'n/a' : check.met ? 'met' : 'NOT MET';
    return `- Target: ${check.target} — **${verdict}** (${check.detail})`;
  });
  return [
    `### ${result.title}`,
    '',
    markdownTable(result.columns, result.rows),
    '',
    ...targets,
    ...result.notes.map((note) => `- ${note}`),
    '',
  ].join('\n');
}
