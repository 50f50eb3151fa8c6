import { describe, expect, it } from 'vitest';
import { ResponseBodyReader } from './response-body-reader.js';

const reader = new ResponseBodyReader();
const readBodyText = (body: AsyncIterable<Uint8Array>) => reader.readText(body);

async function* chunked(...parts: (string | number[])[]): AsyncIterable<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : Buffer.from(part);
}

describe('ResponseBodyReader', () => {
  it('joins chunks, including a character split between two of them', async () => {
    const euro = [...Buffer.from('€')];
    expect(await readBodyText(chunked('{"price":"1', euro.slice(0, 1), euro.slice(1), '"}'))).toBe(
      '{"price":"1€"}',
    );
  });

  it('reads ASCII and UTF-8 bodies alike', async () => {
    expect(await readBodyText(chunked('{"embedding":"QUJD+/=="}'))).toBe(
      '{"embedding":"QUJD+/=="}',
    );
    expect(await readBodyText(chunked('{"text":"naïve 東京 🙂"}'))).toBe(
      '{"text":"naïve 東京 🙂"}',
    );
    expect(await readBodyText(chunked([0xef, 0xbb, 0xbf], '{"a":"ü"}'))).toBe('{"a":"ü"}');
  });

  it('drops a byte-order mark, as JSON.parse would refuse it', async () => {
    expect(await readBodyText(chunked([0xef, 0xbb, 0xbf], '{}'))).toBe('{}');
    expect(await readBodyText(chunked())).toBe('');
  });

  it('returns only the current body after a longer one, and bodies of any size', async () => {
    expect(await readBodyText(chunked('x'.repeat(1000), 'y'.repeat(1000)))).toHaveLength(2000);
    expect(await readBodyText(chunked('short'))).toBe('short');
    const large = 'z'.repeat(33 * 1024 * 1024);
    expect((await readBodyText(chunked(large, 'end'))).endsWith('zend')).toBe(true);
  });

  it('keeps one buffer for bodies up to its limit, which release frees', async () => {
    const own = new ResponseBodyReader({ maxReusedBytes: 1024 });
    expect(own.heldBytes).toBe(0);
    await own.readText(chunked('a'.repeat(600)));
    expect(own.heldBytes).toBe(600);
    expect(await own.readText(chunked('b'.repeat(100)))).toBe('b'.repeat(100));
    expect(own.heldBytes).toBe(600);
    expect(await own.readText(chunked('c'.repeat(2000)))).toHaveLength(2000);
    expect(own.heldBytes).toBe(600);
    own.release();
    expect(own.heldBytes).toBe(0);
  });
});
