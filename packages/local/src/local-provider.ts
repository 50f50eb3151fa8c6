import { defineProvider } from '@embedkit/core';
import { createLocal } from './local-embedding.js';
import { localSettings } from './local-settings.js';

/** Registry definition of the local ONNX embedding (`provider: "local"`). */
export const localProvider = defineProvider({
  id: 'local',
  schema: localSettings,
  create: (settings) => createLocal(settings),
});
