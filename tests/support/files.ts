import fs from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, as paths relative to it. */
export function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** The .eml files in `dir` once there are at least `n` (mail leaves through the outbox within seconds). */
export async function waitForFiles(dir: string, n = 1, ms = 30_000): Promise<string[]> {
  const until = Date.now() + ms;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : [];
    if (files.length >= n) return files;
    if (Date.now() > until) throw new Error(`expected ${n} files in ${dir}, found ${files.length}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
