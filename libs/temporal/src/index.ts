export * from './payload-codec';
export * from './connection';
