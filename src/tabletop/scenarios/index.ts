// The scenarios the generator knows, by id.
import type { ScenarioId } from '../truth';
import { enumeration } from './enumeration';
import type { Scenario } from './incident';
import { leakedKey } from './leaked-key';
import { publicBucket } from './public-bucket';

export const SCENARIO_LIST: Readonly<Record<ScenarioId, Scenario>> = {
  'leaked-key': leakedKey,
  'public-bucket': publicBucket,
  enumeration,
};

export type { Scenario, ScenarioContext, ScenarioOptions } from './incident';
