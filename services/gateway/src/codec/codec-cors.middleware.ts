import type { NextFunction, Request, Response } from 'express';

/**
 * Temporal UI calls the codec endpoint from the browser, cross-origin, with Authorization and X-Namespace
 * headers, so it sends a preflight first. Only the configured UI origins get CORS headers; error answers
 * carry them too, so the UI can show a 401 instead of an opaque network error.
 */
export function codecCors(allowedOrigins: string[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.header('origin');
    if (origin !== undefined && allowedOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.setHeader('Vary', 'Origin');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
