/** Every command answers --help without running; serve listens on this machine only unless told otherwise. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TOOL_COMMANDS } from '../../tools/cli/commands';
import { runCli } from '../../tools/testing/generated-store';
import { DEFAULT_HOST, listenOptions, localUrl } from './commands/serve';
import { main } from './main';

function captured(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  return fn().then((code) => ({ code, out, err }));
}
afterEach(() => vi.restoreAllMocks());

describe('distillwatch --help', () => {
  it('every command listed by --help answers its own --help and -h with exit 0, running nothing', async () => {
    const all = await captured(() => main(['--help'], TOOL_COMMANDS));
    expect(all.code).toBe(0);
    const names = [...all.out.matchAll(/^ {2}distillwatch ([a-z-]+)/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['ingest', 'serve', 'demo', 'bench', 'export-case', 'intel', 'users']));
    for (const name of new Set(names)) {
      for (const flag of ['--help', '-h']) {
        // With arguments that would otherwise run the command or fail its parsing.
        const r = await captured(() => main([name, '--db', '/nonexistent/dir/x.db', '--no-such-option', flag], TOOL_COMMANDS));
        expect(r, `${name} ${flag}`).toMatchObject({ code: 0, err: '' });
        expect(r.out).toMatch(new RegExp(`^usage: distillwatch ${name}`));
        expect(r.out).toContain('--db PATH');
      }
    }
    expect((await captured(() => main(['help', 'serve'], TOOL_COMMANDS))).out).toContain('--host ADDR');
  });

  it('serve --help works from the real executable', () => {
    const r = runCli(['serve', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: distillwatch serve \[--port N\] \[--host ADDR\]/);
    expect(r.stdout).toContain('DISTILLWATCH_TRUSTED_PROXIES');
  });
});

describe('serve --host', () => {
  it('defaults to 127.0.0.1 and port 3000, takes addresses and host names, refuses anything else', () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(listenOptions({})).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(listenOptions({ host: '0.0.0.0', port: '8080' })).toEqual({ host: '0.0.0.0', port: 8080 });
    expect(listenOptions({ host: '::' }).host).toBe('::');
    expect(listenOptions({ host: 'dw.internal.example' }).host).toBe('dw.internal.example');
    for (const bad of ['', 'a b', 'http://x', '-H', 'x;rm']) expect(() => listenOptions({ host: bad }), bad).toThrow(/--host must be/);
    expect(() => listenOptions({ port: '70000' })).toThrow(/--port/);
  });

  it('prints where a browser on this machine finds it', () => {
    expect(localUrl('127.0.0.1', 3000)).toBe('http://localhost:3000');
    expect(localUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(localUrl('10.1.2.3', 80)).toBe('http://10.1.2.3:80');
    expect(localUrl('fd00::1', 3000)).toBe('http://[fd00::1]:3000');
  });

  it('refuses a bad --host from the real executable with a one-line reason', () => {
    const r = runCli(['serve', '--host', 'not a host']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--host must be/);
  });
});
