/**
 * `npm run web`: the console in a browser, on the same services the desktop app runs.
 *   --port 4780         HTTP port (0 = any free port)
 *   --data DIR          where onair.sqlite lives (default .onair/data)
 *   --scenario NAME     embedded simulator scenario (default audio-loss), --speed N (default 1)
 *   --once              play the scenario once instead of looping (the event then ends)
 *   --source URL        watch an external socket.io source instead of the simulator
 *   --event NAME        watch a real event of that name instead (no simulator): add OBS and the program probe
 *                       under Sources
 *   --expose            listen on all interfaces for other staff's machines (token + Origin check)
 *   --token T           the access token, at least 16 characters (env ONAIR_TOKEN, which other users cannot
 *                       read as they can a command line; default: a new random one per start)
 *   --key-file PATH     the key that seals channel credentials (default DIR/secret.key; env ONAIR_KEY_FILE):
 *                       kept apart from the database, a copy of the data folder alone reveals no credential
 *   --database URL      join a team on PostgreSQL (postgres://…, sealed in the data folder for the next start;
 *                       env ONAIR_DATABASE); `--database sqlite` leaves the team
 * The printed link carries the token (`#token=…`): without it the console refuses the page's commands.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDeskHost } from './services/desk/desk-host';
import { preparePrivateDataDir, privateUmask } from './services/secrets/private-data-dir';
import { nodeSecretBox } from './services/secrets/secret-box';
import { startWebConsole } from './services/web/web-console-server';
import { messageOf } from '../../shared/error-message';

const root = resolve(import.meta.dirname, '../..');

async function main() {
  const { values: a } = parseArgs({
    options: {
      port: { type: 'string', default: '4780' },
      data: { type: 'string', default: resolve(root, '.onair/data') },
      scenario: { type: 'string', default: 'audio-loss' },
      speed: { type: 'string', default: '1' },
      source: { type: 'string' },
      event: { type: 'string' },
      expose: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      token: { type: 'string', default: process.env.ONAIR_TOKEN },
      'key-file': { type: 'string', default: process.env.ONAIR_KEY_FILE },
      'simulator-port': { type: 'string', default: '0' },
      /** A team database (postgres://…), remembered sealed; 'sqlite' leaves the team. Default ONAIR_DATABASE. */
      database: { type: 'string' },
    },
  });
  const version = (JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string }).version;
  privateUmask();
  const dataDir = resolve(a.data);
  const loose = preparePrivateDataDir(dataDir);
  if (loose) console.error(`Onair: ${loose}`);
  const desk = await openDeskHost({
    dataDir,
    mode: 'web',
    version,
    simulatorPort: Number(a['simulator-port']),
    database: a.database,
    secretBox: nodeSecretBox(resolve(a['key-file'] || resolve(dataDir, 'secret.key'))),
    source: a.event
      ? { kind: 'live', eventName: a.event }
      : a.source
        ? { kind: 'url', url: a.source }
        : { kind: 'simulator', scenario: a.scenario, speed: Number(a.speed), loop: !a.once },
  });
  const onair = desk.main;
  const web = await startWebConsole({
    dispatcher: onair.dispatcher,
    hub: onair.hub,
    workspace: (id) => desk.workspace(id),
    rendererDir: resolve(root, 'out/renderer'),
    port: Number(a.port),
    expose: a.expose,
    token: a.token || undefined,
  });
  desk.onClosed((id) => web.closed(id));
  const sim = onair.source.simulator();
  console.log(`Onair web console: ${web.url}`);
  const team = onair.info.team;
  if (team) console.log(`Team database: ${team.database} (this console: ${team.consoleId})`);
  console.log("Open that link: it carries this start's access token, without which the console refuses commands.");
  console.log(
    `One-click unsubscribe endpoint: ${onair.unsubscribeUrl} (the public unsubscribe address must lead here)`,
  );
  console.log(
    sim
      ? `Watching the embedded simulator: scenario '${sim.scenario}' at ${sim.speed}x`
      : a.event
        ? `Watching the real event '${a.event}': add OBS Studio and the program probe under Sources`
        : `Watching ${a.source}`,
  );
  if (a.expose) console.log(`Opened to other machines: they need the token in the URL above (#token=…).`);
  const shutdown = () =>
    web
      .close()
      .then(() => desk.closeAll())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`Onair: shutting down failed: ${messageOf(err)}`);
          process.exit(1);
        },
      );
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

// During a live event a stray error must not take the console down with it: say it, keep running.
process.on('uncaughtException', (err) =>
  console.error(`Onair: unexpected error, still running: ${err.stack ?? err.message}`),
);
process.on('unhandledRejection', (err) => console.error(`Onair: unhandled rejection, still running: ${String(err)}`));

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException & { port?: number };
  if (e?.code === 'EADDRINUSE')
    console.error(`Onair: port ${e.port ?? ''} is already in use; pass --port N (or 0 for any free port).`);
  else console.error(`Onair web console failed to start: ${e?.message ?? String(err)}`);
  process.exit(1);
});
