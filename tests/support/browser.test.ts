import { describe, expect, it } from 'vitest';
import { BUNDLED, bundledArgs, chooseBrowser, OUR_ARGS, SYSTEM_BROWSERS, type BrowserChoice } from './browser';

describe('chooseBrowser', () => {
  const cases: [string, { CHROMIUM_PATH?: string }, string[], BrowserChoice][] = [
    ['nothing installed: the bundled one', {}, [], { source: BUNDLED }],
    ["Debian's Chromium", {}, ['/usr/bin/chromium'], { source: 'system', executablePath: '/usr/bin/chromium' }],
    [
      "Debian's before Google's",
      {},
      ['/opt/google/chrome/chrome', '/usr/bin/google-chrome', '/usr/bin/chromium'],
      { source: 'system', executablePath: '/usr/bin/chromium' },
    ],
    [
      'chromium-browser where there is no chromium',
      {},
      ['/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable'],
      { source: 'system', executablePath: '/usr/bin/chromium-browser' },
    ],
    [
      "Google's Chrome, stable only",
      {},
      ['/usr/bin/google-chrome-stable'],
      { source: 'system', executablePath: '/usr/bin/google-chrome-stable' },
    ],
    [
      "Google's Chrome outside /usr/bin",
      {},
      ['/opt/google/chrome/chrome'],
      { source: 'system', executablePath: '/opt/google/chrome/chrome' },
    ],
    [
      'CHROMIUM_PATH before anything installed',
      { CHROMIUM_PATH: '/home/me/chrome-linux/chrome' },
      ['/usr/bin/chromium', '/home/me/chrome-linux/chrome'],
      { source: 'CHROMIUM_PATH', executablePath: '/home/me/chrome-linux/chrome' },
    ],
    [
      'an empty CHROMIUM_PATH counts as unset',
      { CHROMIUM_PATH: ' ' },
      ['/usr/bin/google-chrome'],
      { source: 'system', executablePath: '/usr/bin/google-chrome' },
    ],
    ['a path that is not a known browser is not looked at', {}, ['/usr/local/bin/chromium'], { source: BUNDLED }],
  ];

  it.each(cases)('%s', (_name, env, executables, expected) => {
    expect(chooseBrowser(env, (p) => executables.includes(p))).toEqual(expected);
  });

  it('refuses a CHROMIUM_PATH that is not an executable file instead of quietly using another browser', () => {
    expect(() => chooseBrowser({ CHROMIUM_PATH: '/nowhere/chrome' }, (p) => p === '/usr/bin/chromium')).toThrow(
      'CHROMIUM_PATH=/nowhere/chrome is not an executable file',
    );
  });

  it('looks at the system browsers in order, and stops at the first one there', () => {
    const asked: string[] = [];
    chooseBrowser({}, (p) => (asked.push(p), p === '/usr/bin/google-chrome'));
    expect(asked).toEqual(SYSTEM_BROWSERS.slice(0, SYSTEM_BROWSERS.indexOf('/usr/bin/google-chrome') + 1));
  });
});

describe('bundledArgs', () => {
  // @sparticuz/chromium 147's args, graphics on.
  const theirs = [
    '--ash-no-nudges',
    '--disable-domain-reliability',
    '--disable-print-preview',
    '--disk-cache-size=33554432',
    '--no-default-browser-check',
    '--no-pings',
    '--single-process',
    '--font-render-hinting=none',
    '--disable-features=AudioServiceOutOfProcess,IsolateOrigins,site-per-process',
    '--enable-features=SharedArrayBuffer',
    '--ignore-gpu-blocklist',
    '--in-process-gpu',
    '--use-gl=angle',
    '--use-angle=swiftshader',
    '--enable-unsafe-swiftshader',
    '--allow-running-insecure-content',
    '--disable-setuid-sandbox',
    '--disable-site-isolation-trials',
    '--disable-web-security',
    "--headless='shell'",
    '--no-sandbox',
    '--no-zygote',
  ];
  const args = bundledArgs(theirs);

  it('keeps what that build needs to start', () => {
    expect(args).toEqual(expect.arrayContaining(['--single-process', '--no-zygote', "--headless='shell'"]));
  });

  it('keeps our flags, once each, but lets their headless mode stand', () => {
    for (const a of OUR_ARGS.filter((a) => a !== '--headless'))
      expect(
        args.filter((x) => x === a),
        a,
      ).toHaveLength(1);
    expect(args.filter((a) => a.startsWith('--headless'))).toEqual(["--headless='shell'"]);
  });

  it('leaves out what would override Playwright, loosen the page or fight --disable-gpu', () => {
    expect(args.filter((a) => /^--(disable|enable)-features=/.test(a))).toEqual([]);
    expect(args).not.toContain('--disable-web-security');
    expect(args).not.toContain('--allow-running-insecure-content');
    expect(args.filter((a) => /^--use-(gl|angle)=/.test(a))).toEqual([]);
    expect(args).toContain('--disable-gpu');
  });
});
