/**
 * Finding and loading the shipped scenario files (resources/scenarios/NAME.json).
 * The folder is located robustly because the simulator runs from the repo (tsx, vitest), from a built
 * Electron app, and from the CLI started in any subfolder:
 *   1. $ONAIR_RESOURCES (the resources folder, or the scenarios folder itself);
 *   2. the nearest ancestor of process.cwd() holding resources/scenarios;
 *   3. the nearest ancestor of this module's folder holding resources/scenarios.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario, type Scenario } from './scenario/scenario';

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();

function findUp(from: string): string | undefined {
  let dir = resolve(from);
  for (;;) {
    const candidate = join(dir, 'resources', 'scenarios');
    if (isDir(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function moduleDir(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined; // bundled as CommonJS without import.meta: rely on env or cwd
  }
}

/** Absolute path of the scenarios folder; throws with a hint when none can be found. */
function scenariosDir(): string {
  const env = process.env.ONAIR_RESOURCES;
  if (env) {
    if (isDir(join(env, 'scenarios'))) return resolve(env, 'scenarios');
    if (isDir(env)) return resolve(env);
  }
  const fromCwd = findUp(process.cwd());
  if (fromCwd) return fromCwd;
  const here = moduleDir();
  const fromModule = here ? findUp(here) : undefined;
  if (fromModule) return fromModule;
  throw new Error('scenario folder not found: set ONAIR_RESOURCES to the folder holding scenarios/');
}

/** Names of the shipped scenarios, sorted. */
export function listScenarios(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Load and validate a scenario by name (`audio-loss`) or by path (`./my.json`).
 * Names are restricted to kebab-case so a name can never walk out of the scenarios folder.
 * Throws an Error whose message names the file and the reason.
 */
export function loadScenarioFile(nameOrPath: string): Scenario {
  const isPath = nameOrPath.endsWith('.json') || /[\\/]/.test(nameOrPath);
  if (!isPath && !/^[a-z0-9][a-z0-9-]*$/.test(nameOrPath)) {
    throw new Error(`invalid scenario name '${nameOrPath}' (expected kebab-case, e.g. audio-loss)`);
  }
  const file = isPath ? resolve(nameOrPath) : join(scenariosDir(), `${nameOrPath}.json`);
  if (!existsSync(file)) {
    const known = isPath ? '' : ` (known: ${listScenarios().join(', ')})`;
    throw new Error(`scenario not found: ${file}${known}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`scenario ${file}: invalid JSON: ${(e as Error).message}`, { cause: e });
  }
  const r = parseScenario(json);
  if (!r.ok) throw new Error(`scenario ${file}: ${r.reason}`);
  return r.value;
}
