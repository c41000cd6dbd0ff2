import { HttpStatus, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Reads the body ourselves instead of relying on the default parser so that every failure gets the same
 * clear JSON error (415, 413, 400) and the exact bytes stay available for HMAC verification.
 */
export function jsonBodyMiddleware(maxBytes: number) {
  @Injectable()
  class JsonBodyMiddleware implements NestMiddleware {
    use(req: Request & { rawBody?: Buffer }, res: Response, next: NextFunction) {
      if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') return next();
      const fail = (status: number, path: string, message: string) => {
        req.resume();
        res.status(status).json({ statusCode: status, errors: [{ path, message }] });
      };
      const type = (req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/json') {
        return fail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'headers.content-type', `must be application/json (got "${type || 'none'}")`);
      }
      const declared = Number(req.header('content-length') ?? NaN);
      if (declared > maxBytes) return fail(HttpStatus.PAYLOAD_TOO_LARGE, 'body', `is larger than ${maxBytes} bytes`);
      const chunks: Buffer[] = [];
      let size = 0;
      let aborted = false;
      req.on('data', (chunk: Buffer) => {
        if (aborted) return;
        size += chunk.length;
        if (size > maxBytes) {
          aborted = true;
          fail(HttpStatus.PAYLOAD_TOO_LARGE, 'body', `is larger than ${maxBytes} bytes`);
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => {
        if (aborted) return;
        const raw = Buffer.concat(chunks);
        req.rawBody = raw;
        let text: string;
        try {
          text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
        } catch {
          return fail(HttpStatus.BAD_REQUEST, 'body', 'is not valid UTF-8');
        }
        if (text.trim() === '') return fail(HttpStatus.BAD_REQUEST, 'body', 'is empty; expected a JSON event or {"events": [...]}');
        try {
          req.body = JSON.parse(text);
        } catch (err) {
          return fail(HttpStatus.BAD_REQUEST, 'body', `is not valid JSON (${(err as Error).message})`);
        }
        next();
      });
      req.on('error', () => fail(HttpStatus.BAD_REQUEST, 'body', 'could not be read'));
    }
  }
  return JsonBodyMiddleware;
}
