export * from './api-key-env-setting.js';
export * from './api-key-source.js';
export * from './is-missing-package.js';
export * from './parse-settings.js';
export * from './provider-post.js';
export * from './retry-settings.js';
