// Installs, from Debian packages, the real programs the test suite drives
// when this machine does not have them yet. Run by `pnpm test` before vitest.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package -> a file that proves it is installed. */
const NEEDED = {
  chromium: '/usr/bin/chromium',
  // Server binaries for a throwaway cluster when no PostgreSQL runs on 127.0.0.1:5432.
  postgresql: '/usr/lib/postgresql',
  // libfaketime: agents with a clock hours off (faults/clock-skew.test.ts).
  faketime: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  // systemd-analyze verify/security check the generated agent unit and the collector unit.
  systemd: '/usr/bin/systemd-analyze',
  // Agent release packaging and its checks (tests/release).
  rpm: '/usr/bin/rpmbuild',
  wixl: '/usr/bin/wixl',
  msitools: '/usr/bin/msiinfo',
  lintian: '/usr/bin/lintian',
  shellcheck: '/usr/bin/shellcheck',
  curl: '/usr/bin/curl',
  // An InfluxDB-protocol server: the metrics sink writes to it (tests/services/victoria-metrics.mjs).
  'victoria-metrics': '/usr/bin/victoria-metrics',
};

const missing = Object.entries(NEEDED).filter(([, file]) => !existsSync(file)).map(([pkg]) => pkg);
if (missing.length > 0) {
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    execFileSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  console.log(`tests: installing Debian packages: ${missing.join(' ')}`);
  try {
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', ...missing]);
  } catch (err) {
    console.error(`tests: could not install ${missing.join(' ')} (${err.message}); install them as root and run again`);
    process.exit(1);
  }
}
