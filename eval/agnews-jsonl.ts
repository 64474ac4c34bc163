// AG News (Zhang, Zhao & LeCun 2015; the test split's `test.csv`: label,title,description, labels
// 1 World, 2 Sports, 3 Business, 4 Sci/Tech) as the labelled JSONL `tools/eval.ts` reads, for a
// second measurement beside BBC News (eval/README.md): short posts, a title and a sentence or two,
// as many feeds publish. The data is not in this repository or in ../shared (research use only):
//   node eval/agnews-jsonl.ts test.csv > agnews.jsonl
//   node eval/agnews-jsonl.ts --fragments part-*.csv > agnews.jsonl   (pieces cut mid-row: each
//       piece's first and last lines are dropped)
//   node tools/eval.ts agnews.jsonl eval/agnews-interests.json
import { readFileSync } from 'node:fs';

/** One CSV line's fields (RFC 4180 quoting, `""` for a quote); null where the quoting is broken. */
export function csvFields(line: string): string[] | null {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return null;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      fields.push(value);
      if (i < line.length && line[i] !== ',') return null;
      i++;
    } else {
      const end = line.indexOf(',', i);
      if (end === -1) {
        fields.push(line.slice(i));
        break;
      }
      fields.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return fields;
}

/** AG News's escapes undone: `\` for a line break, ` #36;` for `$`, ` quot;` and a few entities. */
export function agNewsText(s: string): string {
  return s
    .replace(/\\+/g, ' ')
    .replace(/ ?#36;/g, ' $')
    .replace(/ ?quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const fragments = args.includes('--fragments');
  const files = args.filter((a) => a !== '--fragments');
  if (files.length === 0) {
    console.error('usage: node eval/agnews-jsonl.ts [--fragments] FILE.csv…');
    process.exit(2);
  }
  const seen = new Set<string>();
  let id = 0;
  let skipped = 0;
  for (const file of files) {
    let lines = readFileSync(file, 'utf8').split(/\r?\n/);
    if (fragments) lines = lines.slice(1, -1);
    for (const line of lines) {
      const fields = csvFields(line);
      if (!fields || fields.length !== 3 || !/^[1-4]$/.test(fields[0])) {
        if (line.trim() !== '' && !line.startsWith('label,')) skipped++;
        continue;
      }
      const [label, title, text] = fields;
      const key = `${title}\u0000${text}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.log(JSON.stringify({ id: `ag${id++}`, label, title: agNewsText(title), text: agNewsText(text) }));
    }
  }
  console.error(`${id} posts${skipped ? `, ${skipped} lines not rows of label,title,description (skipped)` : ''}`);
}
