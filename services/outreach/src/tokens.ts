export const CONFIG = Symbol('CONFIG');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
export const SMS_TRANSPORT = Symbol('SMS_TRANSPORT');
export const STATEMENT_PRINTER = Symbol('STATEMENT_PRINTER');
export const KAFKA = Symbol('KAFKA');
export const KAFKA_PRODUCER = Symbol('KAFKA_PRODUCER');
export const MAIL_RECEIPTS = Symbol('MAIL_RECEIPTS');
