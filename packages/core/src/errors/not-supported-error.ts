import { EmbedkitError } from './embedkit-error.js';

/** A feature the backend in use does not offer (for example hybrid search on Milvus Lite). */
export class NotSupportedError extends EmbedkitError {
  override readonly code: string = 'NOT_SUPPORTED';
}
