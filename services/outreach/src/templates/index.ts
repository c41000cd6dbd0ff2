export { canActivate, type ActivationResult } from './activation';
export { TEMPLATE_CATALOG } from './catalog';
export { InvalidTemplateVariable, formatCents, formatDate } from './format';
export { PLACEHOLDERS, type Placeholder } from './placeholders';
export { TEMPLATE_PURPOSES, type TemplatePurpose } from './purposes';
export { MissingTemplateVariable, TemplateRuleViolation, render } from './render';
export { SENSITIVE_SMS_TERMS, SMS_ALLOWED_PLACEHOLDERS, SMS_MAX_CHARS } from './sms-content-rule';
export * from './types';
