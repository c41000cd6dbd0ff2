import { dataConverterFor } from '@courtesy/temporal';

/**
 * A fixed, test-only codec key, so the plan tests run with the production payload codec and the committed
 * replay fixtures hold ciphertext like any real history (the key protects nothing real).
 */
const PLAN_TEST_CODEC_KEYS = `plan-test:${Buffer.alloc(32, 7).toString('base64')}`;

export const planTestDataConverter = dataConverterFor({ PAYLOAD_CODEC_KEYS: PLAN_TEST_CODEC_KEYS });
