import { describe, expect, it } from "vitest";
import { compileDetectors, detectSymptoms } from "../../src/engine/detectSymptoms.js";
import { sentences } from "../../src/engine/text/sentences.js";
import { phraseTerms } from "../../src/engine/text/phraseWords.js";
import { phraseOf } from "../../src/load/schema/rules.js";
import { builtinContext, builtinSymptoms } from "../helpers.js";

const texts = (t: string) => [...sentences(t)].map((s) => t.slice(s.start, s.end));

describe("sentences", () => {
  it.each([
    ["The job retried, e.g. three times. Then it stopped.", ["The job retried, e.g. three times.", "Then it stopped."]],
    ["Keys were rotated, i.e. replaced. Nothing else changed.", ["Keys were rotated, i.e. replaced.", "Nothing else changed."]],
    ["It took approx. 40 minutes. The team paged on-call.", ["It took approx. 40 minutes.", "The team paged on-call."]],
    ["We upgraded to v1.2.3 of the agent. It crashed.", ["We upgraded to v1.2.3 of the agent.", "It crashed."]],
    ["At 21:52 UTC the deploy began. At 22:10 it was rolled back.", ["At 21:52 UTC the deploy began.", "At 22:10 it was rolled back."]],
    ["The record was emptied (it resolves to other IPs). Clients failed.", ["The record was emptied (it resolves to other IPs).", "Clients failed."]],
    ["## Timeline\n- The token leaked\n- The attacker used it", ["Timeline", "The token leaked", "The attacker used it"]],
    ["1. The job started\n2. The job failed\n3. It retried", ["The job started", "The job failed", "It retried"]],
    ["Root cause: a typo\nImpact: all regions", ["Root cause: a typo", "Impact: all regions"]],
    ["The job ran every night and\nretried when it failed.", ["The job ran every night and\nretried when it failed."]],
  ])("%j", (text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it("gives each word its lemma, part of speech and place in the text", () => {
    const text = "It took an hour; the keys were taken and the job retried.";
    const words = [...sentences(text)].flatMap((s) => s.words);
    const byText = new Map(words.map((w) => [text.slice(w.start, w.end), w]));
    expect(byText.get("took")!.lemma).toBe("take");
    expect(byText.get("taken")!.lemma).toBe("take");
    expect(byText.get("keys")!.lemma).toBe("key");
    expect(byText.get("retried")!.lemma).toBe("retry");
    expect(byText.get("keys")!.pos).toBe("NOUN");
    for (const w of words) expect(text.slice(w.start, w.end).toLowerCase()).toBe(w.normal === "not" ? text.slice(w.start, w.end).toLowerCase() : w.normal);
  });

  it("keeps the clause around a parenthesis together and reads the parenthesis apart", () => {
    const [s] = [...sentences("The key (an old AWS key) was leaked, but nobody saw it.")];
    const clauses = s!.clauses.map((c) => c.map((w) => w.normal).join(" "));
    expect(clauses).toEqual(["the key was leaked", "an old aws key", "nobody saw it"]);
  });
});

describe("phrases on lemmas", () => {
  const detectors = compileDetectors(builtinSymptoms(), builtinContext());
  const codes = (text: string) => detectSymptoms(text, detectors).map((s) => s.code);

  it.each(["The password was hardcoded in the script.", "The password was hard-coded in the script.", "The password was hard coded in the script."])(
    "a several-word alternative fires however it is written: %s",
    (text) => {
      expect(codes(text)).toContain("leaked-secret");
    },
  );

  it("meets irregular forms through their lemma", () => {
    const one = compileDetectors([{ code: "repeated-retries", leaning: "coordination", meaning: "m", phrases: ["take twice"] }]);
    expect(detectSymptoms("It took twice as long.", one).map((s) => s.code)).toEqual(["repeated-retries"]);
    expect(detectSymptoms("It was taken twice.", one).map((s) => s.code)).toEqual(["repeated-retries"]);
  });

  it("every alternative of every built-in phrase fires on its own", () => {
    const failures: string[] = [];
    for (const s of builtinSymptoms()) {
      const one = compileDetectors([s], builtinContext());
      for (const phrase of s.phrases ?? []) {
        const terms = phraseTerms(phraseOf(phrase)).map((t) => t.split("|").map((a) => a.replace(/\*$/, "").replace(/-/g, " ")));
        terms.forEach((alts, k) => {
          for (const alt of alts) {
            const text = terms.map((a, j) => (j === k ? alt : a[0]!)).join(" ");
            if (!detectSymptoms(text, one).some((f) => f.code === s.code)) failures.push(`${s.code}: "${phraseOf(phrase)}" on "${text}"`);
          }
        });
      }
    }
    expect(failures).toEqual([]);
  });
});
