// Plain JavaScript on purpose: it must run (and explain itself) on a Node too old to load TypeScript.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(
    `sluice: Node.js ${process.versions.node} is too old; Sluice needs Node.js 22.18 or newer (24 LTS recommended).\n` +
      `Run \`npm install\` in the checkout so bin/sluice uses the bundled Node 24, or install Node 24.\n`,
  );
  process.exit(1);
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
