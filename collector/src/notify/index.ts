// Notify: delivers routed alert events to the channels a routing decision
// names, through a chain of small stages.
export { channelSchema, smtpSchema, CHANNEL_TYPES, resolveSecret } from './channel-config.js';
export type { ChannelConfig, ChannelType, SmtpSettings } from './channel-config.js';
export { headline, plainText, groupTitle, groupNotifications, isGroup, NOTIFICATION_KINDS, GROUP_LIST_LIMIT } from './notification.js';
export type { Notification, NotificationKind, NotificationGroup, GroupedAlert } from './notification.js';
export type { Notifier, NotifierOptions } from './notifier.js';
export { NotifyError } from './notify-error.js';
export { createNotifier } from './notifiers/create-notifier.js';
export { createNotifyPipeline } from './notify-pipeline.js';
export type { DeliveryReport, DeliveryTarget, NotifyPipeline, NotifyPipelineOptions } from './notify-pipeline.js';
export { chain } from './stages/stage.js';
export { createGroupStage, groupKeyOf, mergeDeliveries } from './stages/group.js';
export type { GroupOptions, GroupStage } from './stages/group.js';
export type { DeadLetter } from './stages/dead-letter.js';
export { DeadLetterStore } from './dead-letter-store.js';
export type { StoredDeadLetter } from './dead-letter-store.js';
export type { Delivery, DeliveryOutcome, Next, Stage } from './stages/stage.js';
export { SIGNATURE_HEADER, signBody } from './notifiers/webhook.js';
