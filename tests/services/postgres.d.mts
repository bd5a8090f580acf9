export interface TestPostgres {
  /** Admin connection URL (database postgres). */
  url: string;
  stop(): Promise<void>;
  /** Only for a throwaway cluster ({ own: true }, or no local server). */
  stopServer?: () => Promise<void>;
  startServer?: () => Promise<void>;
}

export function startPostgres(options?: { own?: boolean }): Promise<TestPostgres>;
