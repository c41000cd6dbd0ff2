export const CONFIG = Symbol('CONFIG');
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
