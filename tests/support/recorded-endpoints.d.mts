import type { FakePrograms } from './fake-programs.mjs';

export interface RecordedVolume { device: string; fsType: string; mount: string; sizeGb: number; usedPercent: number }
export function dfPrograms(volumes: RecordedVolume[]): FakePrograms;
export function windowsPrograms(options?: {
  caption?: string; productType?: number; chassisTypes?: number[]; realTime?: boolean; firewallPublic?: boolean;
  bitlocker?: string; wua?: string; reboot?: string;
}): FakePrograms;
export function debianPrograms(options?: { apt?: string; simulate?: string; ufw?: string; lsblk?: string }): FakePrograms;
export function macPrograms(options: { model: string; softwareupdate?: string; filevault?: string; firewall?: string }): FakePrograms;
