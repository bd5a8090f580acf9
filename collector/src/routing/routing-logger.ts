export interface RoutingLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentRoutingLog: RoutingLogger = { info: () => {}, warn: () => {}, error: (obj, msg) => console.error(`routing: ${msg}`, obj) };
