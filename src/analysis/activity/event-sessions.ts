// Sessions from the events themselves, the enumeration analysis's reference path. Events are fed
// one at a time, in (time, row) order for each principal/key/IP group, and only each group's
// open session is held, so a case of any size is read page by page instead of all at once (a
// fixed read limit used to cut the whole-case run off silently part-way through the case).
import type { EventRow } from '../../shared/domain';
import { isDenied, isInflectionWrite, READ } from './rules';
import {
  classifyTally,
  toSession,
  type ReconSession,
  type SessionTally,
  type SessionThresholds,
} from './session';

interface Group {
  /** The group's first event: groups are listed in the order they first appear. */
  firstMs: number;
  firstRow: number;
  lastMs: number;
  open: SessionTally | null;
  firstWrite: EventRow | null;
}

interface Closed {
  session: ReconSession;
  startMs: number;
  group: Group;
}

export class EventSessions {
  private readonly groups = new Map<string, Group>();
  private readonly closed: Closed[] = [];
  private readonly gapMs: number;

  constructor(
    private readonly o: SessionThresholds & { sessionGapMinutes: number },
    private readonly classify: (ip: string | null) => string,
  ) {
    this.gapMs = o.sessionGapMinutes * 60_000;
  }

  /** Adds the next event of its group (events of one group must come in time, then row, order). */
  add(e: EventRow): void {
    const key = `${e.principalArn ?? ''}\u0000${e.accessKeyId ?? ''}\u0000${e.sourceIp ?? ''}`;
    const ms = Date.parse(e.eventTime);
    let g = this.groups.get(key);
    if (!g) {
      g = { firstMs: ms, firstRow: e.rowId, lastMs: ms, open: null, firstWrite: null };
      this.groups.set(key, g);
    } else if (g.open && ms - g.lastMs > this.gapMs) this.close(g);
    g.lastMs = ms;
    let t = g.open;
    if (!t) {
      t = {
        principalArn: e.principalArn,
        accessKeyId: e.accessKeyId,
        sourceIp: e.sourceIp,
        start: e.eventTime,
        end: e.eventTime,
        calls: 0,
        denied: 0,
        apis: new Map(),
        services: new Set(),
        readServices: new Set(),
        hasWrite: false,
      };
      g.open = t;
    }
    t.end = e.eventTime;
    t.calls++;
    const service = e.eventSource ?? '?';
    const api = `${service}:${e.eventName}`;
    let a = t.apis.get(api);
    if (!a) {
      a = { calls: 0, denied: 0 };
      t.apis.set(api, a);
    }
    a.calls++;
    const denied = isDenied(e.errorCode);
    if (denied) {
      a.denied++;
      t.denied++;
    }
    t.services.add(service);
    if (READ.test(e.eventName) || denied) t.readServices.add(service);
    if (!g.firstWrite && isInflectionWrite(e)) {
      g.firstWrite = e;
      t.hasWrite = true;
    }
  }

  /**
   * Every session, ordered by start; sessions that start together keep the order in which their
   * groups first appeared.
   */
  sessions(): ReconSession[] {
    for (const g of this.groups.values()) if (g.open) this.close(g);
    return this.closed
      .sort(
        (a, b) =>
          a.startMs - b.startMs ||
          a.group.firstMs - b.group.firstMs ||
          a.group.firstRow - b.group.firstRow,
      )
      .map((c) => c.session);
  }

  private close(g: Group): void {
    const t = g.open!;
    const session = toSession(t, classifyTally(t, this.o), g.firstWrite, this.classify(t.sourceIp));
    this.closed.push({ session, startMs: Date.parse(t.start), group: g });
    g.open = null;
    g.firstWrite = null;
  }
}
