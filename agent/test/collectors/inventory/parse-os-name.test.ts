import { describe, expect, it } from 'vitest';
import { chassisFromMacModel, parseOsRelease, parseSwVers, parseWin32OperatingSystem } from '../../../src/collectors/inventory/parse-os-name.js';

describe('OS name', () => {
  it('reads /etc/os-release, quoted or not, CRLF or not', () => {
    expect(parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\n')).toEqual({ osName: 'Debian GNU/Linux', osVersion: '12' });
    expect(parseOsRelease("NAME=Fedora Linux\r\nVERSION_ID=40\r\n")).toEqual({ osName: 'Fedora Linux', osVersion: '40' });
    expect(parseOsRelease('PRETTY_NAME="Arch Linux"\nBUILD_ID=rolling\n')).toEqual({ osName: 'Arch Linux', osVersion: null });
    expect(parseOsRelease('')).toEqual({ osName: null, osVersion: null });
  });

  it('tells a MacBook from a desktop Mac', () => {
    expect(chassisFromMacModel('MacBookPro18,3\n')).toBe('laptop');
    expect(chassisFromMacModel('MacBookAir10,1')).toBe('laptop');
    expect(chassisFromMacModel('Macmini9,1')).toBe('workstation');
    expect(chassisFromMacModel('')).toBeNull();
  });

  it('reads sw_vers', () => {
    expect(parseSwVers('ProductName:\t\tmacOS\nProductVersion:\t\t14.2.1\nBuildVersion:\t\t23C71\n')).toEqual({ osName: 'macOS', osVersion: '14.2.1' });
    expect(parseSwVers('ProductName:\tMac OS X\nProductVersion:\t10.15.7\n')).toEqual({ osName: 'Mac OS X', osVersion: '10.15.7' });
  });

  it('reads Win32_OperatingSystem JSON, with a BOM or as an array', () => {
    expect(parseWin32OperatingSystem('\uFEFF{"Caption":"Microsoft Windows 11 Pro","Version":"10.0.22631","ProductType":1,"ChassisTypes":[10]}')).toEqual({ osName: 'Windows 11 Pro', osVersion: '10.0.22631', chassis: 'laptop' });
    expect(parseWin32OperatingSystem('[{"Caption":"Microsoft Windows Server 2022 Standard","Version":"10.0.20348","ProductType":3,"ChassisTypes":[1]}]')).toEqual({ osName: 'Windows Server 2022 Standard', osVersion: '10.0.20348', chassis: 'server' });
    expect(parseWin32OperatingSystem('{"Caption":"Microsoft Windows 10 Enterprise","Version":"10.0.19045","ProductType":1,"ChassisTypes":3}')).toMatchObject({ chassis: 'workstation' });
    expect(parseWin32OperatingSystem('Get-CimInstance : Access denied')).toEqual({ osName: null, osVersion: null });
  });
});
