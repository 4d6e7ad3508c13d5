#!/usr/bin/env node
// The `sim` CLI: a Layerlab session in your terminal. The engine is TypeScript,
// so it runs through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sim.ts');
