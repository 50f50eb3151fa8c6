/** C0 controls (but tab and newline), DEL and C1 controls: what a terminal acts on. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);
}

/**
 * Text from a store or a file made safe to print to a terminal: every control character is shown
 * escaped (`\x1b`, `\x00`, `\u009b`), so a document holding `ESC]0;…` or `ESC[2J` cannot retitle or
 * clear the user's terminal. Only for human-readable output; `--json` prints the exact text.
 */
export function terminalSafeText(text: string): string {
  let safe = '';
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isControl(code)) continue;
    safe += text.slice(start, index);
    safe +=
      code < 0x80
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    start = index + 1;
  }
  return start === 0 ? text : safe + text.slice(start);
}
