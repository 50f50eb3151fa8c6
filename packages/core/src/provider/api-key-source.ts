import { AuthenticationError } from '../errors/authentication-error.js';

/** Where a provider finds its API key. */
export interface ApiKeySourceOptions {
  /** Provider id, for error messages (`jina`). */
  provider: string;
  /** Readable provider name for messages (`Jina`); defaults to `provider`. */
  displayName?: string;
  /** Environment variables searched in order when no literal key is given (`JINA_API_KEY`, …). */
  envNames: readonly string[];
  /** A variable the user named (`apiKeyEnv`); searched first, and the one the error names. */
  apiKeyEnv?: string;
  /** A literal key passed in code (the factory's second argument). Never stored or logged. */
  apiKey?: string;
  /** Sentence added to "no key" and 401 errors, e.g. where keys are issued and what they look like. */
  whereToGetOne?: string;
  /** Where to read variables from; `process.env` by default (tests pass their own). */
  environment?: NodeJS.ProcessEnv;
}

/** A lazily read API key. */
export interface ApiKeySource {
  /** The key, or `undefined` when none is set; read now, so a rotated key is picked up. */
  read(): string | undefined;
  /** The key, or an `AuthenticationError` naming the variable(s) to set (never a key). */
  require(): string;
  /** The variable a user should set: `apiKeyEnv`, else the first of `envNames`. */
  readonly variable: string;
  /** Whether a literal key was given in code. */
  readonly literal: boolean;
  /** The sentence for 401 errors: which variable (or the literal key) to check. */
  readonly authHint: string;
}

/**
 * Builds the key lookup a provider uses at call time, never at construction: a function can be
 * built, and its config stored, in code that never holds the key, and a key set or rotated after
 * construction is picked up. Order: the literal `apiKey`, then `apiKeyEnv`, then `envNames`.
 */
export function apiKeySource(options: ApiKeySourceOptions): ApiKeySource {
  const names = [options.apiKeyEnv, ...options.envNames].filter(
    (name, index, all): name is string => name !== undefined && all.indexOf(name) === index,
  );
  const variable = names[0] ?? `${options.provider.toUpperCase()}_API_KEY`;
  const literal = options.apiKey !== undefined && options.apiKey !== '';
  const read = (): string | undefined => {
    if (literal) return options.apiKey;
    const environment = options.environment ?? process.env;
    for (const name of names) {
      const value = environment[name]?.trim();
      if (value) return value;
    }
    return undefined;
  };
  const others = names.slice(1);
  const alsoRead =
    others.length === 0
      ? ''
      : ` (${others.join(' and ')} ${others.length === 1 ? 'is' : 'are'} also read)`;
  const display = options.displayName ?? options.provider;
  return {
    read,
    require() {
      const key = read();
      if (key !== undefined) return key;
      throw new AuthenticationError({
        provider: options.provider,
        message: `No ${display} API key found. Set the ${variable} environment variable${alsoRead}, or pass { apiKey } in the second argument of the factory; nothing was sent.${options.whereToGetOne ? ` ${options.whereToGetOne}` : ''}`,
      });
    },
    variable,
    literal,
    authHint: `${
      literal
        ? `The apiKey passed in code was refused; check it, or leave it out to use ${variable}.`
        : `Check the key in ${variable} (or pass { apiKey } in code).`
    }${options.whereToGetOne ? ` ${options.whereToGetOne}` : ''}`,
  };
}
