import { randomBytes } from 'node:crypto';
import { Partitioners, type PartitionerArgs } from 'kafkajs';
import { KeyPartitioner, murmur2 } from './key-partitioner';

const metadata = (n: number, leaderless: number[] = []) =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionId,
    leader: leaderless.includes(partitionId) ? -1 : 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));

const args = (key: PartitionerArgs['message']['key'], n: number, partition?: number): PartitionerArgs => ({
  topic: 'ehr.events.v1',
  partitionMetadata: metadata(n),
  message: { key, value: 'x', ...(partition === undefined ? {} : { partition }) },
});

// kafkajs' own Java-compatible hash, the one its DefaultPartitioner uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kafkajsMurmur2: (key: string | Buffer) => number = require('kafkajs/src/producer/partitioners/default/murmur2');

describe('murmur2', () => {
  // Fixed values, so a change to both implementations at once would still be caught.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to %i, as kafkajs does', (key, expected) => {
    expect(murmur2(key)).toBe(expected);
    expect(kafkajsMurmur2(key)).toBe(expected);
  });
});

describe('KeyPartitioner', () => {
  const kafkajs = Partitioners.DefaultPartitioner();
  const ours = KeyPartitioner();

  const keys: Array<string | Buffer> = [
    '',
    'a',
    'ab',
    'abc',
    'acme/maple/A-000001',
    'bench-c97299/bench-clinic/BC97299-006933',
    'clínica/ñandú/Ü-7',
    '患者/口座/12345',
    '🦷/🦷/🦷',
    Buffer.from([0xff, 0xfe, 0x80, 0x7f, 0x00]),
  ];
  for (let i = 0; i < 3000; i++) {
    const bytes = randomBytes(i % 70);
    keys.push(i % 2 ? bytes : bytes.toString('base64'));
  }

  it.each([1, 3, 6, 7, 12, 64])('puts every key on the partition kafkajs does, with %i partitions', (n) => {
    const mismatches = keys.filter((key) => ours(args(key, n)) !== kafkajs(args(key, n)));
    expect(mismatches).toEqual([]);
  });

  it('keeps an explicit partition', () => {
    expect(ours(args('acme/maple/A-1', 12, 5))).toBe(5);
  });

  it('spreads keyless messages round-robin over partitions that have a leader', () => {
    const partitioner = KeyPartitioner();
    const seen = Array.from({ length: 8 }, () =>
      partitioner({ topic: 't', partitionMetadata: metadata(4, [2]), message: { value: 'x' } }),
    );
    expect(new Set(seen)).toEqual(new Set([0, 1, 3]));
  });
});
