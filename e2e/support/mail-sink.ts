import { MAIL_API } from './env';

export interface SinkEmail {
  id: string;
  subject: string;
  text?: string;
  html?: string;
  headers: Record<string, string | string[]>;
  to: Array<{ address: string; name?: string }>;
  from: Array<{ address: string; name?: string }>;
}

/** Reads what the SMTP sink (maildev) received, over its REST API. */
export async function emailsTo(address: string): Promise<SinkEmail[]> {
  const res = await fetch(`${MAIL_API}/api/email`);
  if (!res.ok) throw new Error(`mail sink answered ${res.status}`);
  const all = (await res.json()) as SinkEmail[];
  return all.filter((m) => m.to?.some((t) => t.address.toLowerCase() === address.toLowerCase()));
}
