export * from './app';
export * from './config';
export * as database from './database';
