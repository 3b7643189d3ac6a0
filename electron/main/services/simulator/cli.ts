/**
 * npm run sim -- --scenario audio-loss --speed 1 --port 4777 [--loop]
 * Plays a scenario on 127.0.0.1 until Ctrl-C. `--list` prints the shipped scenarios.
 */
import { parseArgs } from 'node:util';
import { listScenarios, loadScenarioFile, startSimulator } from './server';
import { messageOf } from '../../../../shared/error-message';

const USAGE = 'usage: npm run sim -- [--scenario NAME|PATH] [--speed N] [--port N] [--loop] [--list]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', short: 's', default: 'audio-loss' },
      speed: { type: 'string', default: '1' },
      port: { type: 'string', short: 'p', default: '4777' },
      loop: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return void console.log(USAGE);
  if (values.list) return void console.log(listScenarios().join('\n'));

  const speed = Number(values.speed);
  const port = Number(values.port);
  if (!(speed > 0)) throw new Error(`--speed must be a positive number, got '${values.speed}'`);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0…65535, got '${values.port}'`);

  const scenario = loadScenarioFile(values.scenario);
  const sim = await startSimulator({ scenario, speed, port, loop: values.loop });
  console.log(`Simulator playing '${scenario.name}' at ${speed}× on ${sim.url}`);

  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(messageOf(err));
  console.error(USAGE);
  process.exit(1);
});
