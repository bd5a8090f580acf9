// Imported calendars, the I/O edge: keeps each team's feeds refreshed on a
// schedule, stores the last good copy, and hands routing a tenant's config
// with the imported holidays and away periods merged in. A feed that fails
// keeps its last good copy (in memory and in the store, so a restart keeps
// it too) and shows up as a coverage warning; it never stops routing.
import type { Kysely } from 'kysely';
import type { RoutingSettings } from '../routing/config.js';
import type { CoverageGap } from '../routing/coverage-gaps.js';
import { TEAMS } from '../routing/ownership-config.js';
import type { CalendarSource, OwnershipConfig, Team } from '../routing/ownership-config.js';
import type { Database } from '../store/schema.js';
import { CalendarStore } from './calendar-store.js';
import type { FeedState } from './calendar-store.js';
import { FeedError, feedOrigin, fetchFeed } from './fetch-feed.js';
import { feedViews, feedWarnings, withImported } from './imported-periods.js';
import type { FeedView } from './imported-periods.js';
import { parseIcs } from './parse-ics.js';

export interface CalendarLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface CalendarImportsOptions {
  db: Kysely<Database>;
  settings: RoutingSettings['calendars'];
  /** Every tenant's id, and its config as routing compiles it (with its teams' `calendars`). */
  tenants: () => Promise<string[]>;
  configOf: (tenantId: string) => Promise<OwnershipConfig>;
  /** A tenant's imported periods changed (null: any tenant's, after loading). */
  changed: (tenantId: string | null) => void;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  log?: CalendarLogger;
}

/** A feed that failed is tried again this soon, or at its own interval if shorter. */
const RETRY_FAILED_MS = 5 * 60_000;

const keyOf = (tenantId: string, team: Team, name: string) => `${tenantId}\u0000${team}\u0000${name}`;

export class CalendarImports {
  private readonly store: CalendarStore;
  private readonly states = new Map<string, FeedState>();
  private readonly running = new Map<string, Promise<FeedState>>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly o: CalendarImportsOptions) {
    this.store = new CalendarStore(o.db);
    this.now = o.now ?? Date.now;
  }

  /** Reads the last good copies from the store (at start, before routing uses them). */
  async load(): Promise<void> {
    for (const s of await this.store.all()) this.states.set(keyOf(s.tenantId, s.team, s.name), s);
    this.o.changed(null);
  }

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => void this.refreshDue(), this.o.settings.checkSeconds * 1000);
    this.timer.unref();
    void this.refreshDue();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.checking;
  }

  private origin = (c: CalendarSource) => feedOrigin(c, this.o.env);
  private lookup = (tenantId: string) => (team: Team, name: string) => this.states.get(keyOf(tenantId, team, name));

  /** The tenant's config with its imported holidays and away periods (pure over what is loaded). */
  apply(tenantId: string, config: OwnershipConfig): OwnershipConfig {
    return withImported(config, this.lookup(tenantId), this.origin);
  }

  views(tenantId: string, config: OwnershipConfig): FeedView[] {
    return feedViews(config, this.lookup(tenantId), this.origin);
  }

  warnings(tenantId: string, config: OwnershipConfig): CoverageGap[] {
    return feedWarnings(this.views(tenantId, config));
  }

  /** One pass over every tenant's feeds, refreshing those due; a pass still running is not started twice. */
  refreshDue(): Promise<void> {
    if (this.checking) return this.checking;
    this.checking = (async () => {
      for (const tenantId of await this.o.tenants()) {
        if (this.stopped) return;
        const config = await this.o.configOf(tenantId);
        for (const team of TEAMS) {
          for (const c of config.teams[team].calendars ?? []) {
            const s = this.states.get(keyOf(tenantId, team, c.name));
            const every = c.refreshMinutes * 60_000;
            const due = !s || this.now() - s.attemptAt >= (s.error ? Math.min(every, RETRY_FAILED_MS) : every);
            if (due) await this.refresh(tenantId, team, c, config.teams[team].hours?.timeZone ?? 'UTC');
          }
        }
      }
    })().catch((err: unknown) => this.o.log?.warn({ err: (err as Error).message }, 'calendar refresh pass failed')).finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  /** Refreshes every feed of a tenant now (the API's "refresh"), whether due or not. */
  async refreshTenant(tenantId: string): Promise<void> {
    const config = await this.o.configOf(tenantId);
    for (const team of TEAMS) for (const c of config.teams[team].calendars ?? []) await this.refresh(tenantId, team, c, config.teams[team].hours?.timeZone ?? 'UTC');
  }

  /** Fetches and parses one feed; on failure the last good events stay and the error is recorded. */
  refresh(tenantId: string, team: Team, c: CalendarSource, timeZone: string): Promise<FeedState> {
    const key = keyOf(tenantId, team, c.name);
    const inFlight = this.running.get(key);
    if (inFlight) return inFlight;
    const run = this.fetchOne(tenantId, team, c, timeZone).finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async fetchOne(tenantId: string, team: Team, c: CalendarSource, timeZone: string): Promise<FeedState> {
    const key = keyOf(tenantId, team, c.name);
    const previous = this.states.get(key);
    const at = this.now();
    const { timeoutMs, maxBytes, horizonDays } = this.o.settings;
    let next: FeedState;
    try {
      const text = await fetchFeed(c, { timeoutMs, maxBytes, env: this.o.env });
      const parsed = parseIcs(text, { from: at - 86_400_000, until: at + horizonDays * 86_400_000, timeZone, maxEvents: 2000 });
      if (!parsed.ok) throw new FeedError(parsed.problem);
      next = { tenantId, team, name: c.name, events: parsed.events, goodAt: at, attemptAt: at, error: null, truncated: parsed.truncated };
      this.o.log?.info({ tenantId, team, calendar: c.name, events: parsed.events.length }, 'calendar imported');
    } catch (err) {
      const reason = err instanceof FeedError ? err.message : `unexpected ${(err as Error).name}`;
      next = { tenantId, team, name: c.name, events: previous?.events ?? [], goodAt: previous?.goodAt ?? null, attemptAt: at, error: reason, truncated: previous?.truncated ?? false };
      this.o.log?.warn({ tenantId, team, calendar: c.name, reason, keeping: next.events.length }, 'calendar feed failed; keeping the last good copy');
    }
    this.states.set(key, next);
    await this.store.save(next);
    this.o.changed(tenantId);
    return next;
  }
}
