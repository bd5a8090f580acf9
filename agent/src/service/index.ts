export { runServiceCommand, SERVICE_COMMANDS, SERVICE_USAGE } from './commands.js';
export { EXIT_CODES, exitCodeFor } from './exit-codes.js';
export { systemdUnit } from './systemd.js';
export { launchdPlist } from './launchd.js';
export { winswXml, icaclsCommands } from './windows.js';
