import { z } from 'zod';

/**
 * The `apiKeyEnv` setting: the name of the environment variable holding the key. Configs name the
 * variable, never the key, so a stored config or `toConfig()` cannot leak it.
 */
export const apiKeyEnvSetting = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*$/,
    'expected an environment variable name such as MY_PROVIDER_API_KEY',
  );
