import type { TemplatePurpose } from './purposes';

export type TemplateChannel = 'sms' | 'email' | 'letter' | 'call_script';
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
/** Segment tone from the domain brief; picks which wording a segment gets. */
export type Tone = 'friendly' | 'helpful' | 'reassuring' | 'collaborative' | 'neutral';

interface TemplateBase {
  /** Shared by every language of the same message, e.g. 'payment_reminder.sms.friendly'. */
  readonly key: string;
  /** Bumped on every copy change; languages of one key move together. */
  readonly version: number;
  readonly language: Language;
  readonly tone: Tone;
  readonly purpose: TemplatePurpose;
}

/**
 * Copy blocks shared by email, letter and the statement: one structure renders to HTML, plain text
 * or print without the wording being written twice. Text may hold {{placeholders}}.
 */
export type Block =
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'amounts'; readonly rows: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'action'; readonly label: string; readonly href: string }
  | { readonly kind: 'fine_print'; readonly text: string };

export interface SmsTemplate extends TemplateBase {
  readonly channel: 'sms';
  readonly body: string;
}

export interface EmailTemplate extends TemplateBase {
  readonly channel: 'email';
  readonly subject: string;
  readonly blocks: readonly Block[];
}

export interface LetterTemplate extends TemplateBase {
  readonly channel: 'letter';
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface CallStep {
  /** What the caller says. */
  readonly say: string;
  /** Guidance for the caller, never read out. */
  readonly note?: string;
}

export interface CallScriptTemplate extends TemplateBase {
  readonly channel: 'call_script';
  readonly steps: readonly CallStep[];
}

export type MessageTemplate = SmsTemplate | EmailTemplate | LetterTemplate | CallScriptTemplate;

export interface ClinicBranding {
  readonly name: string;
  /**
   * Name used in texts when the clinic's name reveals a specialty ("Lakeside Physical Therapy"):
   * a text may be read by anyone holding the phone.
   */
  readonly smsName?: string;
  /** '#RRGGBB', used for the email header and button. */
  readonly colour: string;
  readonly phone: string;
  /** Opening hours as the clinic writes them, per language. */
  readonly hours: Readonly<Partial<Record<Language, string>>>;
}

/** Everything a template may ask for. Money is integer cents; dates are 'YYYY-MM-DD'. */
export interface RenderVars {
  readonly clinic: ClinicBranding;
  readonly firstName?: string;
  readonly amountDueCents?: number;
  readonly insurancePaidCents?: number;
  readonly remainingCents?: number;
  readonly dueDate?: string;
  readonly payLink?: string;
  readonly unsubscribeLink?: string;
  readonly planPaymentCents?: number;
  readonly planPaymentDate?: string;
}

interface RenderedBase {
  readonly templateKey: string;
  readonly templateVersion: number;
  readonly language: Language;
}

export type RenderedBlock =
  | { readonly kind: 'heading' | 'paragraph' | 'fine_print'; readonly text: string }
  | { readonly kind: 'amounts'; readonly rows: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'action'; readonly label: string; readonly href: string };

export type RenderedMessage =
  | (RenderedBase & { readonly channel: 'sms'; readonly text: string })
  | (RenderedBase & {
      readonly channel: 'email';
      readonly subject: string;
      readonly html: string;
      readonly text: string;
    })
  | (RenderedBase & {
      readonly channel: 'letter';
      readonly title: string;
      readonly blocks: readonly RenderedBlock[];
      readonly text: string;
    })
  | (RenderedBase & {
      readonly channel: 'call_script';
      readonly steps: readonly CallStep[];
      readonly text: string;
    });
