import { logger } from '@zilliz/milvus2-sdk-node';

// The SDK logs every request at debug level when NODE_ENV is `test`, which vitest sets.
logger.level = 'warn';
