export const entities: Function[] = [];
export const migrations: Function[] = [];
