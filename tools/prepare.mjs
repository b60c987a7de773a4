// `npm run prepare`: builds dist/ wherever npm prepares this package, which is also when it is
// installed from git (pre-commit hooks, `npm install github:...`). There npm 11 may run it
// without the devDependencies (npm/cli#8440), so they are installed first when missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const npm = (args) => {
  const cli = process.env.npm_execpath;
  if (!cli) throw new Error('tools/prepare.mjs runs under npm: npm run prepare');
  execFileSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
};

const { devDependencies = {} } = JSON.parse(readFileSync('package.json', 'utf8'));
if (!Object.keys(devDependencies).every((name) => existsSync(`node_modules/${name}/package.json`))) {
  // --global=false: a global install passes npm_config_global on to this script's npm.
  npm(['install', '--global=false', '--include=dev', '--no-save', '--no-audit', '--no-fund']);
}
npm(['run', 'build']);
