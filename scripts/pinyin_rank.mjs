// Writes core/src/pinyin_rank.bin: for each code point U+3400..U+9FFF (CJK Extension A and the unified
// ideographs), its rank (u16, little-endian) in the zh-CN collation of ICU, which orders Han characters
// by pinyin. The roster sorts names in SQL with it (collation `pinyin`, see core/src/text.rs), so the
// order matches what `Intl.Collator('zh-CN')` gives in the window. Run: `node scripts/pinyin_rank.mjs`.
import { writeFileSync } from 'node:fs';

const FIRST = 0x3400;
const LAST = 0x9fff;
const collator = new Intl.Collator('zh-CN');
const chars = [];
for (let cp = FIRST; cp <= LAST; cp++) chars.push(String.fromCodePoint(cp));
const sorted = [...chars].sort(collator.compare);
const out = Buffer.alloc(2 * chars.length);
let rank = 0;
sorted.forEach((ch, i) => {
  if (i > 0 && collator.compare(sorted[i - 1], ch) !== 0) rank++;
  out.writeUInt16LE(rank, 2 * (ch.codePointAt(0) - FIRST));
});
writeFileSync(new URL('../core/src/pinyin_rank.bin', import.meta.url), out);
console.log(`ICU ${process.versions.icu}: ${chars.length} characters, ${rank + 1} ranks`);
