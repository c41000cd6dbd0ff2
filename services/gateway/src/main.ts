import 'reflect-metadata';
import { runService } from '@courtesy/service-kit';
import { createGatewayApp } from './app';
import { loadGatewayConfig } from './config';

runService('gateway', () => createGatewayApp(loadGatewayConfig()));
