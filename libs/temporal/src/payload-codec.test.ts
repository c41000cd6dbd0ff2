import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parseCodecKeys } from './payload-codec';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('AesGcmPayloadCodec', () => {
  const secret = { email: 'pat.doe@example.com', firstName: 'Pat' };

  it('hides the payload and restores it exactly', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(key('k1')));
    const payload = defaultPayloadConverter.toPayload(secret);
    const [encoded] = await codec.encode([payload]);
    expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('pat.doe');
    expect(Buffer.from(encoded!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
  });

  it('decrypts payloads written with an older key after rotation', async () => {
    const oldKey = key('old');
    const before = new AesGcmPayloadCodec(parseCodecKeys(oldKey));
    const after = new AesGcmPayloadCodec(parseCodecKeys(`${key('new')},${oldKey}`));
    const [encoded] = await before.encode([defaultPayloadConverter.toPayload(secret)]);
    const [decoded] = await after.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(secret);
    const [reencoded] = await after.encode([decoded!]);
    expect(Buffer.from(reencoded!.metadata!['encryption-key-id']!).toString()).toBe('new');
  });

  it('refuses tampered ciphertext and unknown keys', async () => {
    const codec = new AesGcmPayloadCodec(parseCodecKeys(key('k1')));
    const [encoded] = await codec.encode([defaultPayloadConverter.toPayload(secret)]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 0xff;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow();
    const other = new AesGcmPayloadCodec(parseCodecKeys(key('k2')));
    await expect(other.decode([encoded!])).rejects.toThrow(/unknown key id "k1"/);
  });

  it.each([
    ['', /at least one key/],
    ['k1:c2hvcnQ=', /must be 32 bytes/],
  ])('rejects bad key spec %p', (spec, msg) => {
    expect(() => parseCodecKeys(spec)).toThrow(msg);
  });
});
