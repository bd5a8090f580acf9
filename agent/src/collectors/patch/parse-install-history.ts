// When a package was last installed or upgraded, from each package
// manager's own history. apt and zypp log local wall-clock times without an
// offset, so they are read in the host's zone; pacman ≥ 5.1 logs an offset.
import { wallClockToIso } from '../../parse/local-time.js';
import { outputLines } from './parse-linux-patch-common.js';

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

function wallClock(date: string, time: string, timeZone: string): string | null {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  if (year === undefined || month === undefined || day === undefined) return null;
  return wallClockToIso({ year, month, day, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 }, timeZone);
}

/**
 * /var/log/apt/history.log: blocks of "Start-Date:", "Commandline:",
 * "Install:/Upgrade:/Remove:/…", "End-Date:  2024-11-20  10:01:30". Only
 * blocks that installed or upgraded something count; a block cut off
 * before its End-Date (apt still running, or killed) is skipped.
 */
export function lastAptInstall(text: string, timeZone: string): string | null {
  let result: string | null = null;
  let installed = false;
  for (const line of outputLines(text)) {
    if (line.startsWith('Start-Date:')) installed = false;
    else if (/^(Install|Upgrade|Reinstall):/.test(line)) installed = true;
    else if (line.startsWith('End-Date:') && installed) {
      const m = /^End-Date:\s+(\d{4}-\d{2}-\d{2})\s+(\d{2}:\d{2}:\d{2})/.exec(line);
      if (m) result = latest(result, wallClock(m[1] ?? '', m[2] ?? '', timeZone));
    }
  }
  return result;
}

/** `rpm -qa --qf '%{INSTALLTIME}\n'`: one epoch-seconds value per package. */
export function lastRpmInstall(text: string): string | null {
  let max = 0;
  for (const line of outputLines(text)) {
    const n = Number(line.trim());
    if (/^\d+$/.test(line.trim()) && n > max) max = n;
  }
  return max > 0 ? new Date(max * 1000).toISOString() : null;
}

/** /var/log/zypp/history: "2024-11-20 10:01:02|install|name|edition|arch|user|repo|checksum|". */
export function lastZyppInstall(text: string, timeZone: string): string | null {
  let result: string | null = null;
  for (const line of outputLines(text)) {
    const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})\|install\|/.exec(line);
    if (m) result = latest(result, wallClock(m[1] ?? '', m[2] ?? '', timeZone));
  }
  return result;
}

/**
 * /var/log/pacman.log: "[2024-11-20T10:01:02+0100] [ALPM] upgraded linux (a -> b)";
 * before pacman 5.1: "[2018-05-01 10:01] [ALPM] upgraded …" in local time.
 */
export function lastPacmanInstall(text: string, timeZone: string): string | null {
  let result: string | null = null;
  for (const line of outputLines(text)) {
    const m = /^\[(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)([+-]\d{2}:?\d{2}|Z)?\] \[ALPM\] (installed|upgraded|reinstalled|downgraded) /.exec(line);
    if (!m) continue;
    const [, date = '', time = '', offset] = m;
    const iso = offset
      ? new Date(`${date}T${time.length === 5 ? `${time}:00` : time}${offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')}`).toISOString()
      : wallClock(date, time, timeZone);
    result = latest(result, iso);
  }
  return result;
}
