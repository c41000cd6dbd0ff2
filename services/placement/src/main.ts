import 'reflect-metadata';
import { runService } from '@courtesy/service-kit';
import { createPlacementApp } from './app';
import { loadPlacementConfig } from './config';

runService('placement', () => createPlacementApp(loadPlacementConfig()));
