/**
 * Lists the keys a locale lacks compared with Swedish (plural suffixes aside), per namespace file:
 * `node scripts/i18n-missing.ts en`. For translators; the parity test is the gate.
 */
import fs from 'node:fs';

type Tree = { [key: string]: string | Tree };
const flat = (o: Tree, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${p}${k}.`) : [`${p}${k}`]));
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const lang = process.argv[2] ?? 'en';
for (const file of fs.readdirSync('locales/sv')) {
  const sv = JSON.parse(fs.readFileSync(`locales/sv/${file}`, 'utf8')) as Tree;
  const path = `locales/${lang}/${file}`;
  const mine = fs.existsSync(path) ? new Set(flat(JSON.parse(fs.readFileSync(path, 'utf8')) as Tree).map(base)) : new Set<string>();
  const missing = [...new Set(flat(sv).map(base))].filter((k) => !mine.has(k));
  if (missing.length > 0) console.log(`${file}: ${missing.length} missing\n  ${missing.join('\n  ')}`);
}
