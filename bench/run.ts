// Benchmarks print ratios against baselines measured in the same run; they never gate tests.
//   npm run bench -- <name> [args]
import { benchAnalyses } from './analyses';
import { benchIngest } from './ingest';
import { benchTabletopGenerate, parseScenario } from './tabletop-generate';

const [name, ...args] = process.argv.slice(2);
const benches: Record<string, (args: string[]) => Promise<void>> = {
  analyses: (a) => benchAnalyses(Number(a[0] ?? 1_000_000)),
  ingest: (a) => benchIngest(Number(a[0] ?? 200_000), a[1] === 'delivery' ? 'delivery' : 'large'),
  'tabletop-generate': (a) => benchTabletopGenerate(Number(a[0] ?? 1_000_000), parseScenario(a[1])),
};

const run = name ? benches[name] : undefined;
if (!run) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [args]`);
  process.exit(2);
}
await run(args);
