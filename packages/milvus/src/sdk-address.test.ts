import { describe, expect, it } from 'vitest';
import { sdkAddress } from './sdk-address.js';

describe('sdkAddress', () => {
  it('writes unix sockets with one slash, which the SDK parses', () => {
    expect(sdkAddress('unix:///tmp/milvus.sock')).toBe('unix:/tmp/milvus.sock');
    expect(sdkAddress('unix:/tmp/milvus.sock')).toBe('unix:/tmp/milvus.sock');
  });

  it('drops http:// but keeps https://, which selects TLS', () => {
    expect(sdkAddress('http://127.0.0.1:19530')).toBe('127.0.0.1:19530');
    expect(sdkAddress('https://example.zillizcloud.com:19530')).toBe(
      'https://example.zillizcloud.com:19530',
    );
    expect(sdkAddress(' localhost:19530 ')).toBe('localhost:19530');
  });
});
