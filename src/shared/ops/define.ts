// Building blocks for the API contract: how an operation is declared, and the input shapes
// every domain shares.
import { z } from 'zod';

export interface OpDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  summary: string;
  input: I;
  output: O;
  /** True when the operation changes the case file (hosts may serialise these). */
  writes: boolean;
}

export function op<I extends z.ZodType, O extends z.ZodType>(def: OpDef<I, O>): OpDef<I, O> {
  return def;
}

export const CasePath = z
  .string()
  .min(1, 'path: give the case file path')
  .describe('path to a .cairn case file');

export const IsoWithZone = z.string().min(1).describe('ISO-8601 instant with a zone (Z or ±hh:mm)');
