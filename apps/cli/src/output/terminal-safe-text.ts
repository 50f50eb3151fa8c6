/** C0 controls (but tab and newline), DEL and C1 controls: what a terminal acts on. */
const controlCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a store or a file made safe to print to a terminal: every control character is shown
 * escaped (`\x1b`, `\x00`, `\u009b`), so a document holding `ESC]0;…` or `ESC[2J` cannot retitle or
 * clear the user's terminal. Only for human-readable output; `--json` prints the exact text.
 */
export function terminalSafeText(text: string): string {
  return text.replace(controlCharacters, (character) => {
    const code = character.charCodeAt(0);
    return code < 0x80
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
