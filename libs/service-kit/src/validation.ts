import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

const pathOf = (path: PropertyKey[]) =>
  path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '');

/** Validation at the edge: a 400 naming every bad field, before anything is written. */
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly root = 'body',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw new BadRequestException({
      statusCode: 400,
      errors: result.error.issues.map((i) => ({ path: pathOf([this.root, ...i.path]), message: i.message })),
    });
  }
}
