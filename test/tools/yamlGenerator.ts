/**
 * Random YAML-like documents from a seed: block mappings and lists, scalars in every style
 * (some invalid where they stand), flow collections and quoted or block scalars that go on
 * over lines indented a little more or less than YAML allows, comments and markers. Most
 * are refused; the point is that none is read otherwise than the exact parser reads it.
 */
export function yamlDocument(seed: number): string {
  let s = seed >>> 0;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const WORDS = ["a", "b c", "x-y", "1", "0x1F", "0b1", "-0", "1.5e3", "~", "null", "true", "yes", "it's", 'say "hi"', "a: b", "a #b", "#c", "- x", "[x]", "{y}", "", " lead", "tab\there", "é", "a,b", "?", ":", "-", "*x", "&y", "!z", "%p", "@q"];
  const scalar = (w: string, ind: number, flow: boolean): string => {
    const r = rnd();
    if (r < 0.35) return w;
    if (r < 0.55) return `'${w.replace(/'/g, "''")}'`;
    if (r < 0.75) return JSON.stringify(w);
    const cont = " ".repeat(Math.max(0, ind + pick([-2, -1, 0, 1, 2, 4])));
    if (r < 0.85 && !flow) return `"${w.replace(/["\\]/g, "\\$&")}\n${cont}more"`;
    if (!flow) return `${pick(["|", ">", "|-", ">+", "|2"])}\n${cont}${w}\n${cont}x`;
    return w;
  };
  const flowNode = (depth: number, ind: number): string => {
    if (depth <= 0 || rnd() < 0.4) return scalar(pick(WORDS), ind, true);
    const sep = rnd() < 0.3 ? `\n${" ".repeat(Math.max(0, ind + pick([-2, 0, 1, 2])))}` : " ";
    const n = Math.floor(rnd() * 3);
    if (rnd() < 0.5) return `[${Array.from({ length: n }, () => flowNode(depth - 1, ind)).join(`,${sep}`)}]`;
    return `{${Array.from({ length: n }, () => `${scalar(pick(WORDS), ind, true)}: ${flowNode(depth - 1, ind)}`).join(`,${sep}`)}}`;
  };
  const block = (depth: number, ind: number): string => {
    const pad = " ".repeat(ind);
    const seq = rnd() < 0.4;
    const out: string[] = [];
    for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
      const head = seq ? `${pad}-` : `${pad}${scalar(pick(WORDS), ind, true)}:`;
      const r = rnd();
      if (depth > 0 && r < 0.35) out.push(head, ...(rnd() < 0.15 ? [pick(["#c", `${pad}#c`, "# c"])] : []), block(depth - 1, ind + pick([2, 2, 4, 0, 1])));
      else if (r < 0.55) out.push(`${head} ${flowNode(2, ind + 2)}`);
      else out.push(`${head} ${scalar(pick(WORDS), ind + 2, false)}`);
      if (rnd() < 0.1) out.push(pick(["", "# c", `${pad}#c`, "  ", "---", "..."]));
    }
    return out.join("\n");
  };
  return `${block(3, rnd() < 0.1 ? 2 : 0)}\n`;
}
