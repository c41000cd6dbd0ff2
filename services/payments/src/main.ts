import 'reflect-metadata';
import { runService } from '@courtesy/service-kit';
import { createPaymentsApp } from './app';
import { loadPaymentsConfig } from './config';

runService('payments', () => createPaymentsApp(loadPaymentsConfig()));
