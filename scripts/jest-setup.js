// NestJS and TypeORM decorators read design-time metadata.
require('reflect-metadata');
