import type { Command } from '../command';
import { caseCreate, caseInfo, verify } from './case';
import { note } from './note';
import { web } from './web';

/** Every CLI command, in the order help lists them. */
export const COMMANDS: readonly Command[] = [caseCreate, caseInfo, note, verify, web];
