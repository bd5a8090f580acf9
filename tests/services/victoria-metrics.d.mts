export interface ExportedSeries {
  metric: Record<string, string> & { __name__: string };
  values: number[];
  timestamps: number[];
}

export interface TestVictoriaMetrics {
  /** Base URL; InfluxDB's write API is at /api/v2/write. */
  url: string;
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
  exportSeries(selector: string): Promise<ExportedSeries[]>;
  stop(): Promise<void>;
}

export function startVictoriaMetrics(): Promise<TestVictoriaMetrics>;
