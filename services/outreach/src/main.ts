import 'reflect-metadata';
import { runService } from '@courtesy/service-kit';
import { createOutreachApp } from './app';
import { loadOutreachConfig } from './config';

runService('outreach', () => createOutreachApp(loadOutreachConfig()));
