export const TWILIO_SETTINGS = Symbol('TWILIO_SETTINGS');

export interface TwilioWebhookSettings {
  authToken: string | undefined;
  publicBaseUrl: string;
}
