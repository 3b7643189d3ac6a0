/**
 * The dependency arrows of STYLE.md §1 are kept by the tools, not by review: each layer's tsconfig refuses
 * what the layer must not see, ESLint names the finer arrows, and both refuse import cycles. This checks the
 * tools themselves: a probe of a wrong import must fail, and the same layer's own imports must pass (so a
 * tool that accepts everything, or refuses everything, fails here).
 */
import { cruise } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Parsed lib and package declarations, shared by every probe program (parsing them is most of the cost). */
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Compiles each probe alone (an in-memory file that sits in `layerDir`) with that layer's tsconfig, and
 * returns each probe's diagnostics. Alone, because a forbidden package is reported once per program.
 */
function compileProbes(layerDir: string, probes: Record<string, string>): Record<string, string[]> {
  const configPath = join(ROOT, layerDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  if (!parsed) throw new Error(`cannot read ${configPath}`);
  const options = { ...parsed.options, noEmit: true };
  const probeFile = join(ROOT, layerDir, '__probe__.ts');
  return Object.fromEntries(
    Object.entries(probes).map(([name, src]) => {
      const host = ts.createCompilerHost(options);
      const getSourceFile = host.getSourceFile.bind(host);
      host.getSourceFile = (f, lang, ...rest) => {
        if (f === probeFile) return ts.createSourceFile(f, src, lang);
        if (!parsedFiles.has(f)) parsedFiles.set(f, getSourceFile(f, lang, ...rest));
        return parsedFiles.get(f);
      };
      const fileExists = host.fileExists.bind(host);
      host.fileExists = (f) => f === probeFile || fileExists(f);
      const program = ts.createProgram({ rootNames: [probeFile], options, host });
      const diagnostics = [...program.getSemanticDiagnostics(), ...program.getSyntacticDiagnostics()];
      return [name, diagnostics.filter((d) => d.file?.fileName === probeFile).map((d) => `TS${d.code}`)];
    }),
  );
}

describe('the compiler keeps each layer to what it may see', () => {
  it.each([
    [
      'shared',
      {
        electron: "import 'electron';",
        nodeModule: "import { readFileSync } from 'node:fs'; export const r = readFileSync;",
        nodeGlobal: 'export const p = process.env;',
        dom: 'export const d = document.title;',
        react: "import 'react';",
      },
      { zod: "import { z } from 'zod'; export const s = z.string();" },
    ],
    [
      'renderer',
      {
        nodeModule: "import { readFileSync } from 'node:fs'; export const r = readFileSync;",
        nodeGlobal: 'export const p = process.env;',
        electron: "import 'electron';",
        sqlite: "import 'better-sqlite3';",
      },
      {
        react: "import { useState } from 'react'; export const u = useState;",
        dom: 'export const d = document.title;',
      },
    ],
    [
      'electron/main/services',
      { electron: "import { app } from 'electron'; export const a = app;", dom: 'export const d = document.title;' },
      { node: "import { readFileSync } from 'node:fs'; export const r = readFileSync;" },
    ],
    [
      'electron',
      { dom: 'export const d = document.title;', react: "import 'react';" },
      { electron: "import { app } from 'electron'; export const a = app;" },
    ],
  ])('%s', (layer, refused: Record<string, string>, accepted: Record<string, string>) => {
    const result = compileProbes(layer, { ...refused, ...accepted });
    for (const name of Object.keys(refused)) expect(result[name], `${layer}: ${name} must fail`).not.toEqual([]);
    for (const name of Object.keys(accepted)) expect(result[name], `${layer}: ${name} must pass`).toEqual([]);
  });
});

describe('the linter names the finer arrows and refuses cycles', () => {
  // Probes are linted as text at a path inside the layer; they are no project's files, so the type-aware
  // rules (which need a program) are switched off for them.
  const eslint = new ESLint({
    cwd: ROOT,
    ignore: false,
    overrideConfig: {
      languageOptions: { parserOptions: { project: null, projectService: false } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/consistent-type-imports': 'off',
      },
    },
  });
  const rulesBroken = async (file: string, code: string) =>
    (await eslint.lintText(code, { filePath: join(ROOT, file) }))[0].messages.map((m) => m.ruleId);

  it.each([
    ['shared/domain/probe.ts', "import '../../electron/main/services/clock';", 'import-x/no-restricted-paths'],
    ['shared/domain/probe.ts', "import 'node:fs';", 'no-restricted-imports'],
    ['shared/domain/probe.ts', "import '../contract';", 'import-x/no-restricted-paths'],
    ['electron/main/services/ingest/probe.ts', "import 'better-sqlite3';", 'no-restricted-imports'],
    ['electron/main/services/ingest/probe.ts', "import '../../index';", 'import-x/no-restricted-paths'],
    ['renderer/views/probe.ts', "import 'socket.io-client';", 'no-restricted-imports'],
    ['renderer/views/probe.ts', "import '../../electron/main/services/clock';", 'import-x/no-restricted-paths'],
    ['electron/preload/probe.ts', "import '../../shared/channels';", 'import-x/no-restricted-paths'],
  ])('%s: %s', async (file, code, rule) => {
    expect(await rulesBroken(file, code)).toContain(rule);
  });

  it.each([
    ['electron/main/services/db/probe.ts', "import 'better-sqlite3';"],
    ['renderer/transport/probe.ts', "import 'socket.io-client';"],
    ['electron/preload/probe.ts', "import '../../shared/contract';"],
  ])('%s may: %s', async (file, code) => {
    expect(await rulesBroken(file, code)).toEqual([]);
  });

  it('refuses a value import cycle', async () => {
    const [a] = await eslint.lintFiles(['tests/architecture/fixtures/cycle/value-a.ts']);
    expect(a.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });

  it('refuses a type-only import cycle (dependency-cruiser, as npm run lint runs it)', async () => {
    const config = (await import(join(ROOT, '.dependency-cruiser.cjs'))) as {
      default: { forbidden: unknown[]; options: { doNotFollow: unknown; enhancedResolveOptions: unknown } };
    };
    const { doNotFollow, enhancedResolveOptions } = config.default.options;
    const run = async (dir: string) => {
      const r = await cruise([dir], {
        baseDir: ROOT,
        ruleSet: { forbidden: config.default.forbidden } as never,
        doNotFollow: doNotFollow as never,
        enhancedResolveOptions: enhancedResolveOptions as never,
        tsPreCompilationDeps: true,
        validate: true,
      });
      return typeof r.output === 'string' ? [] : r.output.summary.violations.map((v) => v.rule.name);
    };
    expect(await run('tests/architecture/fixtures/cycle')).toContain('no-circular');
    expect(await run('shared')).toEqual([]);
  });
});
