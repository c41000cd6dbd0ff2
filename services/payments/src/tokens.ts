export const CONFIG = Symbol('CONFIG');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
