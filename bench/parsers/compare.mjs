#!/usr/bin/env node
// Compares shell parsers on the build-script corpus and construct probes in this folder.
//
// The parsers are not dependencies of the project. Install them in a scratch folder first:
//
//   mkdir <scratch> && cd <scratch> && npm init -y
//   npm install bash-parser@0.5.0 mvdan-sh@0.10.1
//   npm install web-tree-sitter tree-sitter-bash   # optional
//   npm install sh-syntax                           # optional
//
// then, from the project root:
//
//   node bench/parsers/compare.mjs <scratch>          (or PARSERS_DIR=<scratch> node ...)
//
// Options: --no-timing (skip the speed and cold-start runs), --sizes 1000,10000 (input sizes in
// lines for the parse times), --json FILE (write all results).
//
// Ground truth (expected.json, probes.json) is hand-written, not taken from any parser. For each
// script or probe it lists the top-level statements in order, one label each:
//   simple command         its command name (quotes removed): docker, ./gradlew, :
//   assignments only       NAME=            (first assignment; also for NAME+=)
//   declare/export/...     the keyword      (declare, export, local, readonly, typeset)
//   function definition    NAME()
//   compound command       if for while until case select { ( [[ ((   (for ((...)) gives "for")
//   and-or list, pipeline  parts joined by && || |    (|& counts as |): docker|tee, a&&b||c
//   negation, background   ! before, & after: !grep, make&
// and optionally "words": index of a top-level statement -> the words of its first simple
// command (name and arguments, no assignments or redirections, quote characters removed).
// A parse that throws (or, for tree-sitter, has ERROR/MISSING nodes) counts as "error"; a parse
// that succeeds but differs from the ground truth counts as "wrong".

import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  args.splice(i, 1);
  return true;
};
const option = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const noTiming = flag('--no-timing');
const jsonOut = option('--json');
const sizes = (option('--sizes') ?? '1000,10000').split(',').map(Number);
const depsDir = args[0] ?? process.env.PARSERS_DIR;
if (!depsDir || !existsSync(path.join(depsDir, 'node_modules'))) {
  console.error('usage: node bench/parsers/compare.mjs <folder with node_modules holding the parsers>');
  console.error('       (or set PARSERS_DIR); see the header of this file for the install commands');
  process.exit(2);
}
const depsRoot = path.resolve(depsDir);
const req = createRequire(path.join(depsRoot, 'package.json'));
const versionOf = (name) => {
  try {
    return JSON.parse(readFileSync(path.join(depsRoot, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
};

const stripQuotes = (s) => s.replace(/["']/g, '');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// ---------------------------------------------------------------------------------------------
// Parser adapters. Each returns { top: string[], words(i): string[] | null } or throws.

const parsers = [];

// bash-parser (vorpaljs)
if (versionOf('bash-parser')) {
  const parse = req('bash-parser');
  const label = (n) => {
    let s;
    switch (n.type) {
      case 'Command':
        if (n.name) s = stripQuotes(n.name.text);
        else {
          const a = (n.prefix || []).find((p) => p.type === 'AssignmentWord');
          s = a ? a.text.slice(0, a.text.indexOf('=')).replace(/\+$/, '') + '=' : '>';
        }
        break;
      case 'Function': s = n.name.text + '()'; break;
      case 'LogicalExpression': s = label(n.left) + (n.op === 'and' ? '&&' : '||') + label(n.right); break;
      case 'Pipeline': s = n.commands.map(label).join('|'); break;
      case 'If': s = 'if'; break;
      case 'For': s = 'for'; break;
      case 'While': s = 'while'; break;
      case 'Until': s = 'until'; break;
      case 'Case': s = 'case'; break;
      case 'Subshell': s = '('; break;
      case 'CompoundList': s = '{'; break;
      default: s = '?' + n.type;
    }
    return (n.bang ? '!' : '') + s + (n.async ? '&' : '');
  };
  const firstSimple = (n) => {
    if (n.type === 'LogicalExpression') return firstSimple(n.left);
    if (n.type === 'Pipeline') return firstSimple(n.commands[0]);
    if (n.type === 'Command' && n.name) {
      return [n.name, ...(n.suffix || []).filter((w) => w.type === 'Word')].map((w) => stripQuotes(w.text));
    }
    return null;
  };
  parsers.push({
    name: 'bash-parser',
    version: versionOf('bash-parser'),
    raw: (src) => parse(src, { mode: 'bash' }),
    run(src) {
      const ast = parse(src, { mode: 'bash' });
      return { top: ast.commands.map(label), words: (i) => (ast.commands[i] ? firstSimple(ast.commands[i]) : null) };
    },
    importCode: "require('bash-parser')",
    readyCode: "require('bash-parser')('echo hi', { mode: 'bash' })",
    async features() {
      const out = {};
      // position of the command inside $(...), on a line with non-ASCII text before it
      const ast = parse('echo "é✔"; X="$(dirname "$0")"', { mode: 'bash', insertLOC: true });
      const inner = ast.commands[1].prefix[0].expansion[0];
      out.innerPosition = inner.commandAST.commands[0].loc
        ? inner.commandAST.commands[0].loc.start.char
        : `none (only the $(...) span, relative to its word: ${inner.loc.start})`;
      const ast2 = parse('# top\necho a # trailing\n', { mode: 'bash', insertLOC: true });
      out.comments = (JSON.stringify(ast2).match(/comment/gi) || []).length;
      out.error = errorText(() => parse(BAD, { mode: 'bash' }));
      out.errorNonAscii = errorText(() => parse(BAD2, { mode: 'bash' }));
      return out;
    },
  });
}

// mvdan-sh (shfmt's parser compiled to JS by GopherJS)
if (versionOf('mvdan-sh')) {
  const { syntax } = req('mvdan-sh');
  const parser = syntax.NewParser(syntax.KeepComments(true), syntax.Variant(syntax.LangBash));
  const label = (stmt, bytes) => {
    const c = stmt.Cmd;
    let s;
    const t = syntax.NodeType(c);
    const text = (node) => bytes.subarray(node.Pos().Offset(), node.End().Offset()).toString('utf8');
    switch (t) {
      case 'CallExpr':
        s = c.Args.length ? stripQuotes(text(c.Args[0])) : c.Assigns.length ? c.Assigns[0].Name.Value + '=' : '>';
        break;
      case 'BinaryCmd': {
        const op = bytes.subarray(c.OpPos.Offset(), c.OpPos.Offset() + 2).toString('utf8');
        s = label(c.X, bytes) + (op === '&&' ? '&&' : op === '||' ? '||' : '|') + label(c.Y, bytes);
        break;
      }
      case 'FuncDecl': s = c.Name.Value + '()'; break;
      case 'IfClause': s = 'if'; break;
      case 'WhileClause': s = c.Until ? 'until' : 'while'; break;
      case 'ForClause': s = c.Select ? 'select' : 'for'; break;
      case 'CaseClause': s = 'case'; break;
      case 'Block': s = '{'; break;
      case 'Subshell': s = '('; break;
      case 'TestClause': s = '[['; break;
      case 'ArithmCmd': s = '(('; break;
      case 'DeclClause': s = c.Variant.Value; break;
      case 'LetClause': s = 'let'; break;
      case 'TimeClause': s = 'time'; break;
      case 'CoprocClause': s = 'coproc'; break;
      default: s = '?' + t;
    }
    return (stmt.Negated ? '!' : '') + s + (stmt.Background ? '&' : '');
  };
  const firstSimple = (stmt, bytes) => {
    const c = stmt.Cmd;
    const t = syntax.NodeType(c);
    if (t === 'BinaryCmd') return firstSimple(c.X, bytes);
    if (t === 'CallExpr' && c.Args.length) {
      return c.Args.map((w) => stripQuotes(bytes.subarray(w.Pos().Offset(), w.End().Offset()).toString('utf8')));
    }
    return null;
  };
  parsers.push({
    name: 'mvdan-sh',
    version: versionOf('mvdan-sh'),
    raw: (src) => parser.Parse(src, 'build.sh'),
    run(src) {
      const f = parser.Parse(src, 'build.sh');
      const bytes = Buffer.from(src, 'utf8'); // mvdan-sh offsets are UTF-8 byte offsets
      return {
        top: f.Stmts.map((s) => label(s, bytes)),
        words: (i) => (f.Stmts[i] ? firstSimple(f.Stmts[i], bytes) : null),
      };
    },
    importCode: "require('mvdan-sh')",
    readyCode: "const { syntax } = require('mvdan-sh'); syntax.NewParser().Parse('echo hi', 'x')",
    async features() {
      const out = {};
      const f = parser.Parse('echo "é✔"; X="$(dirname "$0")"', 'x');
      let pos = 'none';
      syntax.Walk(f, (n) => {
        if (n && syntax.NodeType(n) === 'CallExpr' && n.Args.length && n.Args[0].Lit() === 'dirname') {
          pos = n.Pos().Offset();
        }
        return true;
      });
      out.innerPosition = pos;
      let comments = 0;
      syntax.Walk(parser.Parse('# top\necho a # trailing\n', 'x'), (n) => {
        if (n && syntax.NodeType(n) === 'Comment') comments++;
        return true;
      });
      out.comments = comments;
      out.error = errorText(() => parser.Parse(BAD, 'build.sh'));
      out.errorNonAscii = errorText(() => parser.Parse(BAD2, 'build.sh'));
      return out;
    },
  });
}

// web-tree-sitter + tree-sitter-bash (WASM)
if (versionOf('web-tree-sitter') && versionOf('tree-sitter-bash')) {
  try {
    const { Parser, Language } = req('web-tree-sitter');
    await Parser.init();
    const lang = await Language.load(req.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));
    const parser = new Parser();
    parser.setLanguage(lang);
    const named = (n) => n.namedChildren.filter((c) => c.type !== 'comment');
    const label = (n) => {
      switch (n.type) {
        case 'command': {
          const name = n.childForFieldName('name');
          if (name) return stripQuotes(name.text);
          const a = n.namedChildren.find((c) => c.type === 'variable_assignment');
          return a ? a.childForFieldName('name').text + '=' : '>';
        }
        case 'variable_assignment': return n.childForFieldName('name').text + '=';
        case 'variable_assignments': return label(n.namedChildren[0]);
        case 'redirected_statement': {
          const body = n.childForFieldName('body');
          return body ? label(body) : '>';
        }
        case 'function_definition': return n.childForFieldName('name').text + '()';
        case 'list': return n.children.map((c) => (c.isNamed ? label(c) : c.type === '&&' || c.type === '||' ? c.type : '')).join('');
        case 'pipeline': return named(n).map(label).join('|');
        case 'negated_command': return '!' + label(named(n)[0]);
        case 'if_statement': return 'if';
        case 'for_statement': return n.child(0).type; // for | select
        case 'c_style_for_statement': return 'for';
        case 'while_statement': return n.child(0).type; // while | until
        case 'case_statement': return 'case';
        case 'compound_statement': return n.child(0).type; // { | ((
        case 'subshell': return '(';
        case 'test_command': return n.child(0).type; // [[ | [
        case 'declaration_command': return n.child(0).type;
        case 'unset_command': return n.child(0).type;
        default: return '?' + n.type;
      }
    };
    const topLabels = (root) => {
      const out = [];
      for (const c of root.children) {
        if (c.type === '&' && out.length) out[out.length - 1] += '&';
        else if (c.isNamed && c.type !== 'comment') out.push(label(c));
      }
      return out;
    };
    const firstSimple = (n) => {
      if (n.type === 'redirected_statement') return n.childForFieldName('body') ? firstSimple(n.childForFieldName('body')) : null;
      if (n.type === 'list' || n.type === 'pipeline') return firstSimple(named(n)[0]);
      if (n.type === 'command' && n.childForFieldName('name')) {
        return [n.childForFieldName('name'), ...n.childrenForFieldName('argument')].map((w) => stripQuotes(w.text));
      }
      return null;
    };
    parsers.push({
      name: 'tree-sitter-bash',
      version: `${versionOf('tree-sitter-bash')} (web-tree-sitter ${versionOf('web-tree-sitter')})`,
      raw: (src) => parser.parse(src).delete(),
      run(src) {
        const tree = parser.parse(src);
        try {
          if (tree.rootNode.hasError) {
            const bad = [];
            const walk = (n) => {
              if (n.type === 'ERROR' || n.isMissing) bad.push(`${n.isMissing ? 'MISSING ' : ''}${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
              n.children.forEach(walk);
            };
            walk(tree.rootNode);
            throw new Error(`tree has ${bad.slice(0, 2).join(', ')}`);
          }
          const stmts = tree.rootNode.children.filter((c) => c.isNamed && c.type !== 'comment');
          const res = { top: topLabels(tree.rootNode), words: (i) => (stmts[i] ? firstSimple(stmts[i]) : null) };
          // materialise words now: the tree is freed below
          const words = new Map();
          stmts.forEach((_, i) => words.set(i, res.words(i)));
          return { top: res.top, words: (i) => words.get(i) ?? null };
        } finally {
          tree.delete();
        }
      },
      importCode: "require('web-tree-sitter')",
      readyCode:
        "const { Parser, Language } = require('web-tree-sitter'); (async () => { await Parser.init();" +
        " const l = await Language.load(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));" +
        " const p = new Parser(); p.setLanguage(l); p.parse('echo hi').delete(); })()",
      async features() {
        const out = {};
        const t = parser.parse('echo "é✔"; X="$(dirname "$0")"');
        let pos = 'none';
        const walk = (n) => {
          if (n.type === 'command' && n.childForFieldName('name')?.text === 'dirname') pos = n.startIndex;
          n.children.forEach(walk);
        };
        walk(t.rootNode);
        t.delete();
        out.innerPosition = pos;
        const t2 = parser.parse('# top\necho a # trailing\n');
        let comments = 0;
        const walk2 = (n) => {
          if (n.type === 'comment') comments++;
          n.children.forEach(walk2);
        };
        walk2(t2.rootNode);
        t2.delete();
        out.comments = comments;
        const t3 = parser.parse(BAD);
        out.error = t3.rootNode.hasError ? `no exception; tree has ERROR/MISSING nodes: ${t3.rootNode.toString().slice(0, 80)}` : 'no error';
        t3.delete();
        const t4 = parser.parse(BAD2);
        const errs = [];
        const walk4 = (n) => {
          if (n.type === 'ERROR' || n.isMissing) errs.push(`${n.type} at ${n.startPosition.row + 1}:${n.startPosition.column + 1}`);
          n.children.forEach(walk4);
        };
        walk4(t4.rootNode);
        t4.delete();
        out.errorNonAscii = errs.length ? `no exception; ${errs.join(', ')}` : 'no error';
        return out;
      },
    });
  } catch (e) {
    console.error(`tree-sitter-bash skipped: ${e.message}`);
  }
}

// sh-syntax (mvdan/sh compiled to WASM). Its tree has no node types below the statement, so
// only the number of top-level statements can be checked.
if (versionOf('sh-syntax')) {
  try {
    const { parse } = req('sh-syntax');
    await parse('echo hi');
    parsers.push({
      name: 'sh-syntax',
      version: versionOf('sh-syntax'),
      countOnly: true,
      raw: (src) => parse(src, { filepath: 'build.sh' }),
      async run(src) {
        const f = await parse(src, { filepath: 'build.sh' });
        return { top: f.Stmts.map(() => '*'), words: () => null };
      },
      importCode: "require('sh-syntax')",
      readyCode: "require('sh-syntax').parse('echo hi')",
      async features() {
        const out = {};
        const f = await parse('echo "é✔"; X="$(dirname "$0")"');
        out.innerPosition = `none (statement nodes only; 2nd statement starts at ${f.Stmts[1].Pos.Offset})`;
        const f2 = await parse('# top\necho a # trailing\n');
        out.comments = JSON.stringify(f2).match(/"Text":/g)?.length ?? 0;
        try {
          await parse(BAD, { filepath: 'build.sh' });
          out.error = 'no error';
        } catch (e) {
          out.error = `${e.constructor.name}: ${e.message} at ${JSON.stringify(e.Pos)}`;
        }
        try {
          await parse(BAD2, { filepath: 'build.sh' });
          out.errorNonAscii = 'no error';
        } catch (e) {
          out.errorNonAscii = `${e.constructor.name}: ${e.message} at ${JSON.stringify(e.Pos)}`;
        }
        return out;
      },
    });
  } catch (e) {
    console.error(`sh-syntax skipped: ${e.message}`);
  }
}

const BAD = 'set -e\ndocker build -t "app .\n'; // unclosed quote at line 2, column 17
const BAD2 = 'echo é )\n'; // stray ) at character column 8 (byte column 9)
function errorText(fn) {
  try {
    fn();
    return 'no error';
  } catch (e) {
    // GopherJS errors carry their message in .Error(), not .message
    const msg = typeof e?.Error === 'function' ? e.Error() : e?.message;
    return `${e?.constructor?.name ?? typeof e}: ${String(msg).split('\n')[0]}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Correctness

const corpusDir = path.join(here, 'corpus');
const expected = JSON.parse(readFileSync(path.join(here, 'expected.json'), 'utf8'));
const probes = JSON.parse(readFileSync(path.join(here, 'probes.json'), 'utf8'));
const scripts = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.sh'))
  .sort()
  .map((f) => ({ id: f, src: readFileSync(path.join(corpusDir, f), 'utf8'), ...expected[f] }));
for (const s of scripts) if (!s.top) throw new Error(`no expectation for ${s.id} in expected.json`);

async function check(p, item) {
  let res;
  try {
    res = await p.run(item.src);
  } catch (e) {
    const msg = typeof e?.Error === 'function' ? e.Error() : e?.message ?? String(e);
    return { status: 'error', detail: String(msg).split('\n')[0].slice(0, 140) };
  }
  if (p.countOnly) {
    return res.top.length === item.top.length
      ? { status: 'ok' }
      : { status: 'wrong', detail: `${res.top.length} statements, expected ${item.top.length}` };
  }
  if (JSON.stringify(res.top) !== JSON.stringify(item.top)) {
    return { status: 'wrong', detail: `top ${JSON.stringify(res.top)} expected ${JSON.stringify(item.top)}` };
  }
  for (const [i, want] of Object.entries(item.words || {})) {
    const got = res.words(Number(i));
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      return { status: 'wrong', detail: `words of statement ${i}: ${JSON.stringify(got)} expected ${JSON.stringify(want)}` };
    }
  }
  return { status: 'ok' };
}

const results = {};
for (const p of parsers) {
  const r = (results[p.name] = { version: p.version, scripts: {}, probes: {} });
  for (const s of scripts) r.scripts[s.id] = await check(p, s);
  for (const pr of probes) r.probes[pr.id] = await check(p, pr);
  r.features = await p.features();
}

const count = (obj, st) => Object.values(obj).filter((x) => x.status === st).length;
console.log(`Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.arch()}`);
console.log(`Corpus: ${scripts.length} scripts (${scripts.reduce((n, s) => n + s.src.split('\n').length - 1, 0)} lines), ${probes.length} construct probes\n`);
console.log('parser'.padEnd(20) + 'scripts ok / error / wrong'.padEnd(30) + 'probes ok / error / wrong');
for (const p of parsers) {
  const r = results[p.name];
  const row = (o) => `${count(o, 'ok')} / ${count(o, 'error')} / ${count(o, 'wrong')}`;
  console.log(p.name.padEnd(20) + row(r.scripts).padEnd(30) + row(r.probes) + (p.countOnly ? '   (statement count only)' : ''));
}
for (const p of parsers) {
  const r = results[p.name];
  const bad = [...Object.entries(r.scripts), ...Object.entries(r.probes)].filter(([, v]) => v.status !== 'ok');
  if (!bad.length) continue;
  console.log(`\n${p.name} ${p.version}: not ok`);
  for (const [id, v] of bad) console.log(`  ${v.status.padEnd(6)} ${id}: ${v.detail}`);
}
console.log('\nFeatures (input for the position: echo "é✔"; X="$(dirname "$0")" ; `dirname` is at JS index 16, UTF-8 byte 19)');
for (const p of parsers) {
  const f = results[p.name].features;
  console.log(`  ${p.name}: position of dirname: ${f.innerPosition}; comments kept: ${f.comments} of 2`);
  console.log(`    error, unclosed quote at 2:17: ${f.error}`);
  console.log(`    error, stray ) at character column 8 after "é": ${f.errorNonAscii}`);
}

// ---------------------------------------------------------------------------------------------
// Speed and cold start

if (!noTiming) {
  // Input: corpus scripts that every parser parses without error, repeated up to N lines.
  const pool = scripts.filter((s) => parsers.every((p) => results[p.name].scripts[s.id].status !== 'error'));
  const build = (n) => {
    let text = '';
    let lines = 0;
    for (let i = 0; lines < n; i++) {
      const s = pool[i % pool.length].src;
      text += s;
      lines += s.split('\n').length - 1;
    }
    return { text, lines };
  };
  console.log(`\nParse time, median of 5 runs in one process after a warm-up run; input: ${pool.map((s) => s.id.slice(0, 2)).join(',')} repeated`);
  for (const n of sizes) {
    const { text, lines } = build(n);
    const row = [];
    for (const p of parsers) {
      // One untimed warm-up run; a warm-up slower than 2 s counts as the first of the 5 runs.
      const w0 = performance.now();
      await p.raw(text);
      const warm = performance.now() - w0;
      const times = warm > 2000 ? [warm] : [];
      while (times.length < 5) {
        const t0 = performance.now();
        await p.raw(text);
        times.push(performance.now() - t0);
      }
      const ms = median(times);
      row.push(`${p.name} ${ms.toFixed(1)} ms`);
      (results[p.name].parseMs ??= {})[n] = { lines, ms };
    }
    console.log(`  ${lines} lines: ${row.join(', ')}`);
  }

  const wall = (code) => {
    spawnSync(process.execPath, ['-e', code], { cwd: depsRoot }); // warm the file cache
    const times = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['-e', code], { cwd: depsRoot, encoding: 'utf8' });
      times.push(performance.now() - t0);
      if (r.status !== 0) throw new Error(`node -e ${code}: ${r.stderr}`);
    }
    return median(times);
  };
  const base = wall('0');
  console.log(`\nCold start, wall time of a new node process, median of 5: bare node -e 0 ${base.toFixed(0)} ms`);
  results.coldStartBaseMs = base;
  for (const p of parsers) {
    const imp = wall(p.importCode);
    const ready = wall(p.readyCode);
    results[p.name].coldStartMs = { import: imp, ready };
    console.log(`  ${p.name}: import ${imp.toFixed(0)} ms, import + first parse ${ready.toFixed(0)} ms`);
  }
}

if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ node: process.version, cpus: os.cpus().length, results }, null, 1));
}
