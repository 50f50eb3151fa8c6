/**
 * Every `code` an error from `@embedkit/core` can carry, one per error class.
 *
 * Why a union and not `string`: a `switch (error.code)` over it is checked by the compiler, so a
 * misspelt case is a type error, and a code added here shows up wherever a switch must be
 * exhaustive. Codes are stable across releases; messages are not.
 */
export type EmbedkitErrorCode =
  | 'EMBEDKIT_ERROR'
  | 'ABORTED'
  | 'API_CALL_FAILED'
  | 'AUTHENTICATION_FAILED'
  | 'BATCH_TOO_LARGE'
  | 'DIMENSION_MISMATCH'
  | 'EMBEDDING_SPACE_MISMATCH'
  | 'INVALID_CONFIG'
  | 'INVALID_INPUT'
  | 'INVALID_RESPONSE'
  | 'NOT_SUPPORTED'
  | 'RATE_LIMITED'
  | 'STORE_FAILED'
  | 'TIMEOUT';
