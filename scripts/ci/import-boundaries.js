import path from 'node:path';

/**
 * ESLint rule `seams/layers`: an import may only point into the layers its own layer allows.
 *
 * Imports are resolved to a repository path first, so `../../ui/x.ts` from two folders down is
 * caught the same as `../ui/x.ts` one folder down, which a pattern over import strings cannot do.
 * Bare package names are not ours and pass. A layer is the longest matching folder prefix in
 * `layers`; files and targets outside every layer are not checked.
 *
 * Options, one object:
 *   root:        absolute repository root.
 *   layers:      { [folder]: { allow?: string[], deny?: string[], typesOnly?: string[] } }.
 *                `allow` lists the only other layers it may import (an empty list: none of ours);
 *                `deny` lists layers it must not import (everything else is fine); `typesOnly`
 *                layers may be imported with `import type` only. Its own layer is always allowed.
 *   testFiles:   regex source for test files, which may also import `testHelpers` folders.
 *   testHelpers: folders (e.g. "tests") a test file may import whatever its layer.
 */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import direction between layers (the LAYERS table in eslint.config.js)' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      forbidden: '{{from}} must not import {{to}} ({{target}}): {{why}}',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root;
    const layers = options.layers ?? {};
    const layerNames = Object.keys(layers).sort((a, b) => b.length - a.length);
    const testFiles = options.testFiles ? new RegExp(options.testFiles) : null;
    const testHelpers = options.testHelpers ?? [];

    const layerOf = (repoPath) => layerNames.find((name) => repoPath === name || repoPath.startsWith(`${name}/`));
    const inFolder = (repoPath, folders) => folders.some((name) => repoPath === name || repoPath.startsWith(`${name}/`));

    const filename = context.filename;
    const fromPath = path.relative(root, filename).split(path.sep).join('/');
    const from = layerOf(fromPath);
    if (from === undefined) return {};
    const rule = layers[from];
    const isTest = testFiles !== null && testFiles.test(fromPath);

    function check(node, specifier, typeOnly) {
      if (typeof specifier !== 'string' || !(specifier.startsWith('.') || specifier.startsWith('/'))) return;
      const bare = specifier.replace(/[?#].*$/, '');
      const absolute = bare.startsWith('/') ? path.join(root, bare) : path.resolve(path.dirname(filename), bare);
      const target = path.relative(root, absolute).split(path.sep).join('/');
      if (target.startsWith('..')) return;
      const to = layerOf(target);
      if (to === undefined || to === from) return;
      if (isTest && inFolder(target, testHelpers)) return;
      let why = null;
      if (rule.deny && inFolder(target, rule.deny)) why = `${from} never imports ${to}`;
      else if (rule.allow) {
        const typesOnly = rule.typesOnly ?? [];
        if (inFolder(target, typesOnly)) {
          if (!typeOnly) why = `${from} may import only types from ${to}`;
        } else if (!inFolder(target, rule.allow)) {
          why = rule.allow.length === 0 ? `${from} imports nothing of ours` : `${from} may import only ${[...rule.allow, ...typesOnly].join(', ')}`;
        }
      }
      if (why !== null) context.report({ node, messageId: 'forbidden', data: { from: fromPath, to, target, why } });
    }

    // Only `import type` / `export type` count: with verbatimModuleSyntax, `import { type A }` still loads the module.
    const allTypes = (node) => node.importKind === 'type' || node.exportKind === 'type';

    return {
      ImportDeclaration(node) {
        check(node.source, node.source.value, allTypes(node));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node.source, node.source.value, allTypes(node));
      },
      ExportAllDeclaration(node) {
        if (node.source) check(node.source, node.source.value, node.exportKind === 'type');
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value, false);
      },
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument;
        if (literal && literal.type === 'Literal') check(literal, literal.value, true);
      },
    };
  },
};
