// The list of recently used case files, kept by long-lived hosts (web, Electron) in the user's
// Cairn folder. It holds paths and titles only, never case content.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const MAX_RECENT = 20;

const RecentFile = z.object({
  cases: z.array(z.object({ path: z.string(), title: z.string(), openedAt: z.string() })),
});
export type RecentEntry = z.infer<typeof RecentFile>['cases'][number];

/** Where Cairn keeps per-user settings: $CAIRN_HOME, else the platform's config folder. */
export function cairnHome(env: NodeJS.ProcessEnv = process.env): string {
  if (env['CAIRN_HOME']) return env['CAIRN_HOME'];
  if (process.platform === 'win32')
    return join(env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'Cairn');
  if (process.platform === 'darwin')
    return join(homedir(), 'Library', 'Application Support', 'Cairn');
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'cairn');
}

export class RecentCases {
  private readonly file: string;

  constructor(home: string) {
    this.file = join(home, 'recent.json');
  }

  list(): (RecentEntry & { exists: boolean })[] {
    return this.read().map((c) => ({ ...c, exists: existsSync(c.path) }));
  }

  remember(entry: RecentEntry): void {
    const rest = this.read().filter((c) => c.path !== entry.path);
    this.write([entry, ...rest].slice(0, MAX_RECENT));
  }

  forget(path: string): void {
    this.write(this.read().filter((c) => c.path !== path));
  }

  private read(): RecentEntry[] {
    try {
      const parsed = RecentFile.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      // A damaged list is not worth an error at 3 a.m.: start a fresh one.
      return parsed.success ? parsed.data.cases : [];
    } catch {
      return [];
    }
  }

  private write(cases: RecentEntry[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ cases }, null, 2));
    renameSync(tmp, this.file);
  }
}
