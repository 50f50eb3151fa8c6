import { describe, expect, it } from 'vitest';
import { urlCredentialIssues } from './url-credentials.js';

describe('urlCredentialIssues', () => {
  it('names every URL with credentials by its path, never repeating the URL', () => {
    const issues = urlCredentialIssues(
      {
        baseURL: 'http://user:sk-secret@127.0.0.1/v1',
        endpoints: ['https://127.0.0.1', 'https://token@127.0.0.1'],
        plain: 'user@example.com',
      },
      'embedding',
      ['OPENAI_API_KEY'],
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'embedding.baseURL',
      'embedding.endpoints.1',
    ]);
    expect(issues[0]!.message).toContain('OPENAI_API_KEY');
    expect(JSON.stringify(issues)).not.toContain('sk-secret');
    expect(JSON.stringify(issues)).not.toContain('token@');
  });

  it('accepts URLs without credentials, and an @ in a path or query', () => {
    expect(
      urlCredentialIssues(
        { uri: 'http://127.0.0.1:19530/db?user=me@x', path: 'a@b.json' },
        'store',
        [],
      ),
    ).toEqual([]);
  });
});
