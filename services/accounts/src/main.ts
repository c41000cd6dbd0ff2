import 'reflect-metadata';
import { runService } from '@courtesy/service-kit';
import { createAccountsApp } from './app';
import { loadAccountsConfig } from './config';

runService('accounts', () => createAccountsApp(loadAccountsConfig()));
