/** @module Every command, in the order `aksward --help` lists them. A new verb adds its module here. */
import type { CommandModule } from '../command.js';
import { accessCommandModule } from './access.js';
import { baselineCommandModule } from './baseline.js';
import { canICommandModule } from './can-i.js';
import { diffCommandModule } from './diff.js';
import { explainCommandModule } from './explain.js';
import { fixCommandModule } from './fix.js';
import { pathsCommandModule } from './paths.js';
import { reachCommandModule } from './reach.js';
import { rulesCommandModule } from './rules.js';
import { scanCommandModule } from './scan.js';
import { whoCanCommandModule } from './who-can.js';

export const COMMANDS: readonly CommandModule[] = [
  scanCommandModule,
  baselineCommandModule,
  canICommandModule,
  whoCanCommandModule,
  accessCommandModule,
  reachCommandModule,
  pathsCommandModule,
  diffCommandModule,
  fixCommandModule,
  rulesCommandModule,
  explainCommandModule,
];
