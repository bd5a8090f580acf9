import { describe, expect, it } from 'vitest';
import { parseSmartctlHealth, parseSmartctlScan, wholeDisk } from '../../../src/collectors/disk/parse-smartctl.js';

// Shapes as smartctl 7.3 (Debian 12) prints them with -j.
const PASSED = '{"json_format_version":[1,0],"smartctl":{"version":[7,3],"exit_status":0},"device":{"name":"/dev/sda","type":"sat"},"smart_status":{"passed":true}}';
const FAILED = '{"json_format_version":[1,0],"smartctl":{"version":[7,3],"exit_status":8},"device":{"name":"/dev/sdb","type":"sat"},"smart_status":{"passed":false}}';
const NO_SUPPORT = '{"smartctl":{"version":[7,3],"messages":[{"string":"/dev/vda: Unable to detect device type","severity":"error"}],"exit_status":1}}';

describe('smartctl', () => {
  it('lists devices from --scan -j', () => {
    expect(parseSmartctlScan('{"devices":[{"name":"/dev/sda","type":"sat"},{"name":"/dev/nvme0","type":"nvme"}]}')).toEqual(['/dev/sda', '/dev/nvme0']);
    expect(parseSmartctlScan('smartctl: command not found')).toEqual([]);
  });

  it('reads the health verdict, trusting the failing bit of the exit code', () => {
    expect(parseSmartctlHealth(PASSED, 0)).toBe('ok');
    expect(parseSmartctlHealth(FAILED, 8)).toBe('failing');
    expect(parseSmartctlHealth('{"smart_status":{"pas', 8 | 64)).toBe('failing');
    expect(parseSmartctlHealth(NO_SUPPORT, 1)).toBe('unknown');
    expect(parseSmartctlHealth('', 2)).toBe('unknown');
  });

  it('finds the whole disk of a partition', () => {
    expect(wholeDisk('/dev/sda1')).toBe('/dev/sda');
    expect(wholeDisk('/dev/sdab12')).toBe('/dev/sdab');
    expect(wholeDisk('/dev/nvme0n1p2')).toBe('/dev/nvme0n1');
    expect(wholeDisk('/dev/vda')).toBe('/dev/vda');
    expect(wholeDisk('/dev/mapper/vg-root')).toBeNull();
    expect(wholeDisk('server:/export')).toBeNull();
  });
});
