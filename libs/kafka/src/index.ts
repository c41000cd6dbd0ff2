export * from './client';
export * from './consumer';
export * from './outbox';
export * from './inbox';
export * from './coalescing-sender';
export * from './consumer-host';
export * from './key-partitioner';
