import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/authentication-error.js';
import { apiKeySource } from './api-key-source.js';

describe('apiKeySource', () => {
  it('reads the environment at call time, not at construction', () => {
    const environment: NodeJS.ProcessEnv = {};
    const source = apiKeySource({ provider: 'demo', envNames: ['DEMO_KEY'], environment });
    expect(source.read()).toBeUndefined();
    environment.DEMO_KEY = ' first ';
    expect(source.require()).toBe('first');
    environment.DEMO_KEY = 'rotated';
    expect(source.require()).toBe('rotated');
  });

  it('prefers the literal key, then apiKeyEnv, then the names in order', () => {
    const environment = { MINE: 'mine', DEMO_KEY: 'default', OTHER_KEY: 'other' };
    const names = ['DEMO_KEY', 'OTHER_KEY'];
    expect(apiKeySource({ provider: 'd', envNames: names, environment, apiKey: 'x' }).read()).toBe(
      'x',
    );
    expect(
      apiKeySource({ provider: 'd', envNames: names, environment, apiKeyEnv: 'MINE' }).read(),
    ).toBe('mine');
    expect(
      apiKeySource({ provider: 'd', envNames: names, environment: { OTHER_KEY: 'o' } }).read(),
    ).toBe('o');
  });

  it('names every variable it read when none is set, and never a key', () => {
    const source = apiKeySource({
      provider: 'demo',
      displayName: 'Demo',
      envNames: ['DEMO_KEY', 'DEMO_API_KEY'],
      apiKeyEnv: 'MY_DEMO_KEY',
      environment: { UNRELATED: 'secret-value' },
      whereToGetOne: 'Keys are at https://demo.example/keys.',
    });
    const error = (() => {
      try {
        source.require();
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected an error');
    })();
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(
      /No Demo API key found\. Set the MY_DEMO_KEY environment variable \(DEMO_KEY and DEMO_API_KEY are also read\)/,
    );
    expect(error.message).toContain('https://demo.example/keys');
    expect(error.message).not.toContain('secret-value');
    expect(source.variable).toBe('MY_DEMO_KEY');
    expect(source.authHint).toContain('MY_DEMO_KEY');
  });
});
