// A workflow whose input and result are a guarantor's contact details: what the codec endpoint must decode.
export async function CodecEcho(contact: Record<string, string>): Promise<Record<string, string>> {
  return { ...contact, echoed: 'yes' };
}
