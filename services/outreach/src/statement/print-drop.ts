import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PrintJob {
  attemptKey: string;
  tenantId: string;
  clinicId: string;
  accountId: string;
  language: string;
  recipient: { name: string; line1: string; line2?: string; city: string; state: string; postalCode: string };
  pdf: Buffer;
  /** The day the attempt began (UTC); jobs are grouped by it, so a retry finds its own. */
  day: string;
}

/** Where print-ready statements go; a vendor API adapter would implement the same two calls. */
export interface StatementPrinter {
  submit(job: PrintJob): Promise<{ jobId: string }>;
  find(attemptKey: string, day: string): Promise<{ jobId: string } | undefined>;
}

interface ManifestLine {
  jobId: string;
  file: string;
  sha256: string;
  attemptKey: string;
}

/**
 * The default print-and-mail adapter: a folder per day with one print-ready PDF per statement and a
 * `manifest.jsonl` the vendor picks up (file, checksum, recipient block, sheet count). A job is in the
 * drop once its manifest line is; the PDF is written first, by rename, so the vendor never reads half a file.
 */
export class FileDropPrinter implements StatementPrinter {
  constructor(private readonly dir: string) {}

  async submit(job: PrintJob): Promise<{ jobId: string }> {
    const existing = await this.find(job.attemptKey, job.day);
    if (existing) return existing;
    const dayDir = join(this.dir, job.day);
    await mkdir(dayDir, { recursive: true });
    const jobId = jobIdFor(job.attemptKey);
    const file = `${jobId}.pdf`;
    const tmp = join(dayDir, `.${file}.tmp`);
    await writeFile(tmp, job.pdf);
    await rename(tmp, join(dayDir, file));
    const line = {
      jobId,
      file,
      sha256: createHash('sha256').update(job.pdf).digest('hex'),
      sheets: 1,
      duplex: false,
      mailClass: 'first_class',
      recipient: job.recipient,
      language: job.language,
      attemptKey: job.attemptKey,
      tenantId: job.tenantId,
      clinicId: job.clinicId,
      accountId: job.accountId,
      submittedAt: new Date().toISOString(),
    };
    // One short line per append (O_APPEND): concurrent submitters never interleave inside a line.
    await appendFile(join(dayDir, 'manifest.jsonl'), `${JSON.stringify(line)}\n`);
    return { jobId };
  }

  async find(attemptKey: string, day: string): Promise<{ jobId: string } | undefined> {
    const lines = await this.manifest(day);
    const hit = lines.find((l) => l.attemptKey === attemptKey);
    return hit ? { jobId: hit.jobId } : undefined;
  }

  async manifest(day: string): Promise<ManifestLine[]> {
    const text = await readFile(join(this.dir, day, 'manifest.jsonl'), 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return '';
      throw err;
    });
    return text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as ManifestLine);
  }
}

export const jobIdFor = (attemptKey: string) => `st-${createHash('sha256').update(attemptKey).digest('hex').slice(0, 24)}`;
