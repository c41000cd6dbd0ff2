import type { Message, Producer } from 'kafkajs';

interface Waiting {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * An idempotent producer keeps one request in flight per broker so retries cannot reorder a partition; with many
 * concurrent HTTP requests each sending its own small batch, that one slot is the bottleneck. This sender gathers
 * whatever callers queued while the previous request was in flight into the next `sendBatch`, so the broker sees
 * few large requests instead of many small ones. Every caller still learns the fate of its own messages: its
 * promise settles when the request that carried them is acknowledged (acks from all in-sync replicas) or fails.
 */
export class CoalescingSender {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly producer: Producer,
    /** Upper bound of messages in one request, to stay well under the broker's max request size. */
    private readonly maxMessagesPerRequest = 2_000,
  ) {}

  send(topic: string, messages: Message[]): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain() {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        const byTopic = new Map<string, Message[]>();
        for (const w of batch) byTopic.set(w.topic, [...(byTopic.get(w.topic) ?? []), ...w.messages]);
        try {
          await this.producer.sendBatch({
            acks: -1,
            topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
          });
          for (const w of batch) w.resolve();
        } catch (err) {
          for (const w of batch) w.reject(err);
        }
      }
    } finally {
      this.draining = false;
    }
  }

  /** Whole callers only: one caller's messages are never split across requests. */
  private takeBatch(): Waiting[] {
    let count = 0;
    let n = 0;
    while (
      n < this.queue.length &&
      (n === 0 || count + this.queue[n]!.messages.length <= this.maxMessagesPerRequest)
    ) {
      count += this.queue[n]!.messages.length;
      n++;
    }
    return this.queue.splice(0, n);
  }
}
