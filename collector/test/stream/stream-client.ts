// A test client for the live alert stream: a real WebSocket that records
// every message and the close code.
import WebSocket from 'ws';

export interface Message { type: string; [k: string]: any }

export class StreamTestClient {
  readonly messages: Message[] = [];
  closeCode: number | null = null;
  closeReason = '';
  private waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString()) as Message);
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.wake();
    });
  }

  static open(url: string, query = '', headers: Record<string, string> = {}, protocols?: string[]): Promise<StreamTestClient> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/v1/stream${query}`, protocols, { headers });
    const client = new StreamTestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (d: Buffer) => { body += d.toString(); });
        res.on('end', () => reject(new Error(`HTTP ${res.statusCode} ${body}`)));
      });
      ws.once('error', reject);
    });
  }

  static withToken(url: string, token: string, query = ''): Promise<StreamTestClient> {
    return StreamTestClient.open(url, query, { authorization: `Bearer ${token}` });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Waits until `predicate` holds over the messages so far. */
  async waitFor<T>(predicate: (messages: Message[]) => T | undefined | false, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = predicate(this.messages);
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out; messages: ${JSON.stringify(this.messages.map((m) => m.type === 'alert' ? `${m.type}:${m.alert.ruleId}:${m.alert.state}` : m.type))}, close=${this.closeCode}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  snapshot(): Promise<Message> {
    return this.waitFor((ms) => ms.find((m) => m.type === 'snapshot'));
  }

  /** Alert ids and rules seen in the snapshot and in live messages. */
  alertsSeen(): Array<{ id: string; tenantId: string; ruleId: string; state: string; severity: string }> {
    return this.messages.flatMap((m) => (m.type === 'snapshot' ? m.alerts : m.type === 'alert' ? [m.alert] : []));
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    return this.waitFor(() => (this.closeCode !== null ? this.closeCode : undefined), timeoutMs);
  }

  close(): void {
    this.ws.close();
  }
}
