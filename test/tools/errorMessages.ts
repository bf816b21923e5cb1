import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

/** Stands for a part of a message filled in at run time. */
export const HOLE = "\u2026";

export interface Message {
  /** Where the message is built, `src/…:line`. */
  at: string;
  /** The message with every run-time part replaced by HOLE. */
  template: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(dir, f))
    .sort();
}

/**
 * Every message the tool can print as an error, warning or note, read from the source with
 * the TypeScript checker: the message argument of `diagnostic(…)`, `new UsageError(…)`,
 * `process.stderr.write(…)` and of any function in src/ with a parameter named `message`,
 * followed through constants, conditionals, concatenations and the return values of
 * functions in src/. What cannot be followed (a message taken from another error, say)
 * becomes a HOLE.
 */
export function errorMessages(root: string): Message[] {
  const srcDir = join(root, "src");
  const files = sourceFiles(srcDir);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  const checker = program.getTypeChecker();
  const inSrc = (node: ts.Node) => !relative(srcDir, node.getSourceFile().fileName).startsWith("..");
  const out: Message[] = [];

  /**
   * The templates an expression can produce. `depth` bounds the following of names and calls;
   * inside a substitution a name bound to a call's result is not followed, since it usually
   * holds data (a YAML text, a path) rather than words of the message.
   */
  function templates(e: ts.Expression, depth: number, followCalls = true): string[] {
    if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) return templates(e.expression, depth, followCalls);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isTemplateExpression(e)) {
      // One template with holes; literal text inside a substitution (an optional clause) becomes its own template.
      const nested = e.templateSpans.flatMap((s) => templates(s.expression, depth, false).filter((t) => t.replaceAll(HOLE, "").trim() !== ""));
      return [e.head.text + e.templateSpans.map((s) => HOLE + s.literal.text).join(""), ...nested];
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const l = templates(e.left, depth, followCalls);
      const r = templates(e.right, depth, followCalls);
      return l.flatMap((a) => r.map((b) => a + b));
    }
    if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
      return [...templates(e.left, depth, followCalls), ...templates(e.right, depth, followCalls)];
    }
    if (ts.isConditionalExpression(e)) return [...templates(e.whenTrue, depth, followCalls), ...templates(e.whenFalse, depth, followCalls)];
    if (depth > 0 && ts.isIdentifier(e)) {
      const decl = declarationOf(e);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
        if (followCalls || !ts.isCallExpression(decl.initializer)) return templates(decl.initializer, depth - 1, followCalls);
      }
      return [HOLE];
    }
    if (depth > 0 && ts.isCallExpression(e)) {
      const returned = calleeFunctions(e.expression).flatMap((fn) => returns(fn).flatMap((r) => templates(r, depth - 1)));
      if (returned.length) return returned;
    }
    return [HOLE];
  }

  /** A name's declaration in src/, through imports. Symbols, not signatures: resolving zod's generic calls is slow. */
  function declarationOf(e: ts.Node): ts.Declaration | undefined {
    let sym = checker.getSymbolAtLocation(e);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
    return decl && inSrc(decl) ? decl : undefined;
  }

  /** The functions in src/ a callee expression can be: `f`, `(a ?? b)`, `obj.method`. */
  function calleeFunctions(callee: ts.Expression): ts.SignatureDeclaration[] {
    if (ts.isParenthesizedExpression(callee)) return calleeFunctions(callee.expression);
    if (ts.isBinaryExpression(callee)) return [...calleeFunctions(callee.left), ...calleeFunctions(callee.right)];
    const target = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    if (!ts.isIdentifier(target)) return [];
    const decl = declarationOf(target);
    if (!decl) return [];
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl)) return [decl];
    if (ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) return [decl.initializer];
    return [];
  }

  function returns(fn: ts.SignatureDeclaration): ts.Expression[] {
    if (ts.isArrowFunction(fn) && !ts.isBlock(fn.body)) return [fn.body];
    const found: ts.Expression[] = [];
    const body = (fn as ts.FunctionLikeDeclarationBase).body;
    const visit = (n: ts.Node): void => {
      if (ts.isReturnStatement(n) && n.expression) found.push(n.expression);
      // A nested function's returns are its own.
      else if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
    };
    if (body) ts.forEachChild(body, visit);
    return found;
  }

  /** Which argument of a call carries a message, if any. */
  function messageArgument(call: ts.CallExpression | ts.NewExpression): ts.Expression | undefined {
    const args = call.arguments ?? ts.factory.createNodeArray<ts.Expression>();
    const callee = call.expression;
    if (ts.isNewExpression(call)) return ts.isIdentifier(callee) && callee.text === "UsageError" ? args[0] : undefined;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "write" && callee.expression.getText() === "process.stderr") return args[0];
    if (!ts.isIdentifier(callee)) return schemaMessage(call);
    const decl = declarationOf(callee);
    // Report formatters' messages (GitHub annotations) are report content; questions put to the responder are not errors.
    if (!decl || /[\\/]report[\\/]|prompts\.ts$/.test(decl.getSourceFile().fileName)) return undefined;
    const i = parametersOf(decl).findIndex((p) => ts.isIdentifier(p.name) && p.name.text === "message");
    return i >= 0 ? args[i] : undefined;
  }

  /** The parameters of a function, or of a function-typed variable or parameter (`err: (…, message: string) => void`). */
  function parametersOf(decl: ts.Declaration): readonly ts.ParameterDeclaration[] {
    if (ts.isFunctionDeclaration(decl) || ts.isMethodDeclaration(decl) || ts.isMethodSignature(decl)) return decl.parameters;
    if (ts.isVariableDeclaration(decl) && decl.initializer && (ts.isArrowFunction(decl.initializer) || ts.isFunctionExpression(decl.initializer))) return decl.initializer.parameters;
    let type = (decl as { type?: ts.TypeNode }).type;
    if (type && ts.isTypeReferenceNode(type)) {
      const alias = declarationOf(type.typeName);
      type = alias && ts.isTypeAliasDeclaration(alias) ? alias.type : undefined;
    }
    return type && ts.isFunctionTypeNode(type) ? type.parameters : [];
  }

  /** A zod schema's own wording: `.regex(re, "expected …")`, `.min(1, "…")`, `.refine(fn, "…")`. */
  function schemaMessage(call: ts.CallExpression): ts.Expression | undefined {
    if (!/[\\/]schema[\\/]/.test(call.getSourceFile().fileName) || !ts.isPropertyAccessExpression(call.expression)) return undefined;
    if (!["regex", "min", "max", "length", "refine", "int", "positive", "nonnegative"].includes(call.expression.name.text)) return undefined;
    const last = call.arguments.at(-1);
    return last && call.arguments.length > 1 ? last : undefined;
  }

  /** `{ error: "…" }` or `{ message: "…" }` given to a zod schema, or a message maker such as `{ tooLarge: (size, max) => "…" }`. */
  function optionMessage(n: ts.PropertyAssignment): ts.Expression | undefined {
    if (!ts.isIdentifier(n.name)) return undefined;
    if (/^tooLarge$|Message$/.test(n.name.text) && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) {
      const body = n.initializer.body;
      return ts.isBlock(body) ? undefined : body;
    }
    if (!["error", "message"].includes(n.name.text)) return undefined;
    return /[\\/]schema[\\/]/.test(n.getSourceFile().fileName) ? n.initializer : undefined;
  }

  for (const sf of program.getSourceFiles()) {
    if (!inSrc(sf) || sf.isDeclarationFile) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isPropertyAssignment(n)) {
        const arg = ts.isPropertyAssignment(n) ? optionMessage(n) : messageArgument(n);
        if (arg) {
          const line = sf.getLineAndCharacterOfPosition(arg.getStart()).line + 1;
          const at = `${relative(root, sf.fileName).split("\\").join("/")}:${line}`;
          for (const template of new Set(templates(arg, 3))) out.push({ at, template });
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** Collapses white space and drops what Markdown adds or removes (backticks, escaped pipes). */
export function normalise(s: string): string {
  return s.replace(/\\\|/g, "|").replace(/`/g, "").replace(/\s+/g, " ");
}

/**
 * The parts of a template that must appear in the documentation: the text between its holes,
 * without the quotes and punctuation that border a hole, when long enough to be recognised.
 */
export function fragments(template: string, min = 6): string[] {
  return normalise(template)
    .split(HOLE)
    .map((f) => f.replace(/^[\s"'.,:;()\\[\]{}=→-]+|[\s"'.,:;()\\[\]{}=→-]+$/g, ""))
    .filter((f) => f.length >= min && /[a-z]{3}/i.test(f));
}
