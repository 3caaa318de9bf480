import { describe, expect, it } from '@jest/globals';
import { ensureChromium } from '../../scripts/lib/chromium.js';

// npm test (scripts/test.js) makes sure Chromium is there before the e2e tier: installs Debian's
// when it can (root and apt-get), else fails saying how to get it.

function machine(files: string[], options: { root?: boolean; failing?: string[]; installs?: boolean } = {}) {
  const present = new Set(files);
  const ran: string[] = [];
  const failing = [...(options.failing ?? [])];
  return {
    ran,
    deps: {
      env: {},
      exists: (p: string) => present.has(p),
      isRoot: () => options.root ?? true,
      run: (cmd: string, args: string[]) => {
        const line = [cmd, ...args].join(' ');
        ran.push(line);
        if (failing[0] === line) {
          failing.shift();
          return 100;
        }
        if (line === 'apt-get install -y chromium' && options.installs !== false) present.add('/usr/bin/chromium');
        return 0;
      },
      log: () => undefined,
    },
  };
}

describe('ensureChromium (npm test, before the e2e tier)', () => {
  it('uses the one that is there, installing nothing', () => {
    const m = machine(['/usr/bin/chromium']);
    expect(ensureChromium(m.deps)).toEqual({ ok: true, path: '/usr/bin/chromium', installed: false });
    expect(m.ran).toEqual([]);
  });

  it('as root with apt-get: installs Debian chromium, retrying apt-get update', () => {
    const m = machine(['/usr/bin/apt-get'], { failing: ['apt-get update'] });
    expect(ensureChromium(m.deps)).toEqual({ ok: true, path: '/usr/bin/chromium', installed: true });
    expect(m.ran).toEqual(['apt-get update', 'apt-get update', 'apt-get install -y chromium']);
  });

  it('fails with a message saying how to install it: not root, no apt-get, apt failing, a CHROMIUM_PATH that names nothing', () => {
    expect(ensureChromium(machine(['/usr/bin/apt-get'], { root: false }).deps)).toEqual({
      ok: false,
      message: expect.stringMatching(
        /no Chromium at \/usr\/bin\/chromium \(not root.*apt-get install -y chromium.*CHROMIUM_PATH/,
      ),
    });
    expect(ensureChromium(machine([]).deps)).toMatchObject({
      ok: false,
      message: expect.stringContaining('no apt-get'),
    });
    const failing = machine(['/usr/bin/apt-get'], { failing: ['apt-get update', 'apt-get update', 'apt-get update'] });
    expect(ensureChromium(failing.deps)).toMatchObject({
      ok: false,
      message: expect.stringContaining('apt-get update failed'),
    });
    expect(failing.ran).toEqual(['apt-get update', 'apt-get update', 'apt-get update']);
    expect(ensureChromium(machine(['/usr/bin/apt-get'], { installs: false }).deps)).toMatchObject({
      ok: false,
      message: expect.stringContaining('apt-get install chromium failed'),
    });
    const named = machine(['/usr/bin/apt-get']);
    expect(ensureChromium({ ...named.deps, env: { CHROMIUM_PATH: '/opt/nowhere/chrome' } })).toMatchObject({
      ok: false,
      message: expect.stringContaining('no Chromium at /opt/nowhere/chrome (CHROMIUM_PATH names no file)'),
    });
    expect(named.ran).toEqual([]);
  });
});
