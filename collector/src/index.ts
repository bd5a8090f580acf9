export { createCollectorServer, AGENT_PATH } from './server.js';
export type { CollectorServer } from './server.js';
export { loadCollectorConfig, parseCollectorConfig, defaultCollectorConfig } from './config.js';
export type { CollectorConfig } from './config.js';
export { CollectorError, COLLECTOR_ERROR_CODES, CLOSE_CODES } from './errors.js';
export { Store, ALL_TENANTS } from './store/store.js';
export type { TenantScope, DeviceRecord, ApiPrincipal } from './store/store.js';
export { openSqliteStore } from './store/sqlite.js';
export { COLLECTOR_VERSION } from './version.js';
