/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's `chromium` package. On a fresh machine
 * (nothing installed but Node), the tests install that package themselves when they run as root with apt-get
 * at hand, as this workplace's machines and CI are: Debian's build, not one a test tool downloads (which this
 * network refuses). Otherwise they fail with one line that says what to install; never a silent skip.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function chromiumPath(): string {
  const wanted = process.env['CHROMIUM_PATH'];
  if (wanted !== undefined) {
    if (!existsSync(wanted)) throw new Error(`CHROMIUM_PATH names ${wanted}, which does not exist`);
    return wanted;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8', timeout: 300_000 });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { env, encoding: 'utf8', timeout: 600_000 }) : update;
    if (install.status === 0 && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    throw new Error(`Installing Debian's chromium failed (apt-get exit ${install.status}): ${(install.stderr || install.stdout || '').trim().split('\n').at(-1)}`);
  }
  throw new Error('No Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary');
}
