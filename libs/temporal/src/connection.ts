import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parseCodecKeys } from './payload-codec';

export interface TemporalSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_NAMESPACE: string;
  TEMPORAL_TLS_CERT_PATH?: string;
  TEMPORAL_TLS_KEY_PATH?: string;
  PAYLOAD_CODEC_KEYS: string;
}

/** Every client and worker uses this converter, so nothing readable about a patient reaches Temporal. */
export function dataConverterFor(settings: Pick<TemporalSettings, 'PAYLOAD_CODEC_KEYS'>): DataConverter {
  return { payloadCodecs: [new AesGcmPayloadCodec(parseCodecKeys(settings.PAYLOAD_CODEC_KEYS))] };
}

export function connectionOptions(settings: TemporalSettings): ConnectionOptions & { apiKey?: string } {
  const tls =
    settings.TEMPORAL_TLS_CERT_PATH && settings.TEMPORAL_TLS_KEY_PATH
      ? {
          clientCertPair: {
            crt: readFileSync(settings.TEMPORAL_TLS_CERT_PATH),
            key: readFileSync(settings.TEMPORAL_TLS_KEY_PATH),
          },
        }
      : undefined;
  return { address: settings.TEMPORAL_ADDRESS, tls };
}

export async function createTemporalClient(settings: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(settings));
  return new Client({
    connection,
    namespace: settings.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(settings),
  });
}
