import './configure.js';
export { tandem } from '../generated/tandem.js';
export {
  PROTOCOL_VERSION, MAX_SEQ, FrameDecodeError, encodeFrame, decodeFrame, frameBody, peekFrame, FRAME_FIELDS, protocolMajor,
} from './frames.js';
export type { Frame, FrameInit, FrameBodyKind, FramePeek } from './frames.js';
export { snapshotToReport, reportToSnapshot } from './convert.js';
export { BACKUP_RESULTS, CHECK_STATES, ENCRYPTION_STATES, TOPIC_STATES } from './enums.generated.js';
export {
  TOPICS, unknownTopic, emptyInventory, emptyPatch, emptyDisk, emptyBackup, emptySecurity, emptyVolume,
  pendingUpdate, backupJob, antivirus, endpointProtection, mergeSnapshot,
} from './snapshot.js';
export type {
  OsFamily, TopicState, PatchSource, BackupResult, EncryptionState, CheckState, Chassis, Topic,
  TopicStatus, Inventory, PendingUpdate, PatchStatus, Volume, DiskStatus, BackupJob, BackupStatus,
  Antivirus, FirewallProfile, Firewall, Encryption, SecurityStatus, Snapshot, DeliveryHealth,
  EndpointProtection,
} from './snapshot.js';
