import type { OpName, OpOutput, OpParsedInput } from '../../shared/contract';
import type { ApiContext } from '../context';

export type Handler<K extends OpName> = (
  input: OpParsedInput<K>,
  ctx: ApiContext,
) => OpOutput<K> | Promise<OpOutput<K>>;

export type Handlers = { [K in OpName]: Handler<K> };
