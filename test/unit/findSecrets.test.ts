import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { findSecrets } from "../../src/redact/findSecrets.js";
import { redactData } from "../../src/redact/redactData.js";
import { redactText } from "../../src/redact/redactText.js";
import { ROOT } from "../helpers.js";
import { leaks } from "../tools/secretSamples.js";

// Fake but realistic: AWS's documented example key pair, and made-up tokens in real formats.
const AWS_ID = "AKIAIOSFODNN7EXAMPLE";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
const GHP = "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
const JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

/** Each text, the kind it must be found as, and the value that must not survive redaction. */
const POSITIVES: Array<[string, string, string]> = [
  [`key id ${AWS_ID} in the log`, "aws-access-key", AWS_ID],
  ["temporary ASIAY34FZKBOKMUTVV7A from STS", "aws-access-key", "ASIAY34FZKBOKMUTVV7A"],
  [`aws_secret_access_key = ${AWS_SECRET}`, "aws-secret-key", AWS_SECRET],
  [`the AWS secret key is ${AWS_SECRET}.`, "aws-secret-key", AWS_SECRET],
  [`token ${GHP} leaked`, "github-token", GHP],
  ["gho_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7", "github-token", "gho_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7"],
  ["ghs_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7", "github-token", "ghs_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7"],
  ["ghu_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7", "github-token", "ghu_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7"],
  ["ghr_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7", "github-token", "ghr_Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn7"],
  ["github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN", "github-token", "github_pat_11ABCDEFG0123456789_abcdefghij"],
  ["glpat-xYz12AbC34dEf56GhI78j", "gitlab-token", "glpat-xYz12AbC34dEf56GhI78j"],
  ["xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", "slack-token", "xoxb-123456789012"],
  ["https://hooks.slack.com/services/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", "slack-webhook", "Xy12Ab34Cd56Ef78Gh90Ij12"],
  ["sk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe-key", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"],
  ["rk_live_4eC39HqLyjWDarjtT1zdp7dc", "stripe-key", "rk_live_4eC39HqLyjWDarjtT1zdp7dc"],
  ["AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "google-api-key", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q"],
  ["OPENAI_API_KEY was sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56", "openai-key", "sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56"],
  ["sk-ant-api03-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56", "anthropic-key", "sk-ant-api03-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56"],
  ["npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78", "npm-token", "npm_Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78"],
  [`Authorization: Bearer ${JWT}`, "jwt", JWT],
  ["-----BEGIN RSA PRIVATE KEY-----", "private-key", "BEGIN RSA PRIVATE KEY"],
  ["pasted -----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7 into chat", "private-key", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcw"],
  [
    "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQ==\n-----END OPENSSH PRIVATE KEY-----",
    "private-key",
    "QyNTUxOQ==",
  ],
  ["postgres://app:hunter2@db/x", "url-password", "hunter2"],
  ["mongodb+srv://admin:S3cr3t!@cluster0.example.net/db", "url-password", "S3cr3t!"],
  ["DB_PASSWORD=hunter2", "assigned-secret", "hunter2"],
  ["password: hunter2", "assigned-secret", "hunter2"],
  ["client_secret=abcd1234", "assigned-secret", "abcd1234"],
  ["curl https://api.example.com/v1?api_key=Zx81kd9Qp&x=1", "assigned-secret", "Zx81kd9Qp"],
  ["Server=db;User Id=sa;Password=Pa55word;", "assigned-secret", "Pa55word"],
  ["export SECRET_TOKEN='s3cr3t-value'", "assigned-secret", "s3cr3t-value"],
  // Provider formats the red team found echoed (issue 14, item 12).
  ["shopify 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 leaked", "shopify", "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"],
  ["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", "sendgrid", "ngeVfQFYQlKU0ufo8x5d1A"],
  ["DOCKER_TOKEN dckr_pat_2b3e36beeb386dfdaacb9b46004", "prefixed-token", "dckr_pat_2b3e36beeb386dfdaacb9b46004"],
  ["HF_TOKEN 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", "prefixed-token", "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"],
  ["doctl auth init -t dop_v1_173d3150f98e88929810b20932a2c8d0df6b855746380a4ec3b2ee0f9bcc9686", "prefixed-token", "dop_v1_173d3150f98e88929810b20932a2c8d0df6b855746380a4ec3b2ee0f9bcc9686"],
  ["the job used dapi6e80e82562882df4de4e5e3a27350bd6 for the workspace", "prefixed-hex-key", "dapi6e80e82562882df4de4e5e3a27350bd6"],
  ["databricks dapi6e80e82562882df4de4e5e3a27350bd6-2", "prefixed-hex-key", "dapi6e80e82562882df4de4e5e3a27350bd6"],
  ["twilio key SK82266c94bf51fc049bac32d9e0fb6ff6", "prefixed-hex-key", "SK82266c94bf51fc049bac32d9e0fb6ff6"],
  ["our Datadog API key 71d27ac35b09e3a48e76a41367d1861c was in the paste", "named-key", "71d27ac35b09e3a48e76a41367d1861c"],
  ["the token was 0123456789abcdef0123456789abcdef", "named-key", "0123456789abcdef0123456789abcdef"],
  [
    "https://acct1.blob.core.windows.net/c/b.bak?sv=2022-11-02&sp=r&sig=Zx9%2B1aB3%2FcD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3w%3D",
    "assigned-secret",
    "cD4eF5gH6iJ7kL8mN9oP0qR1sT2uV3w",
  ],
  ["https://bucket.s3.amazonaws.com/k?X-Amz-Signature=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822c", "assigned-secret", "9f86d081884c7d659a2feaa0c55ad015"],
  ["mysql://app:%24CGXUki7MybPi%21@db.internal/app", "url-password", "CGXUki7MybPi"],
  ["redis://cache:$acn8OFuVMkduKy@cache.internal:6379/0", "url-password", "acn8OFuVMkduKy"],
  ["amqp://app:9FhPT88#fq6D5xO@mq.internal/vhost", "url-password", "fq6D5xO"],
  ["ftp://deploy:p@ss-w0rd-long@files.internal/x", "url-password", "ss-w0rd-long"],
  [`the value ${AWS_SECRET} was in the config`, "high-entropy", AWS_SECRET],
  ["dGhpcyBpcyBh2S3cretKey4Y0u9Zq8Wm7Xn6Vb5", "high-entropy", "dGhpcyBpcyBh2S3cretKey4Y0u9Zq8Wm7Xn6Vb5"],
  ["k3j4h5g6f7d8s9a0p1o2i3u4y5t6r7e8w9q0z1x2", "high-entropy", "k3j4h5g6f7d8s9a0p1o2i3u4y5t6r7e8w9q0z1x2"],
];

/** Ordinary text our own files and outputs are full of: none of it may be redacted. */
const NEGATIVES = [
  "svc-payments-prod",
  "wf-123",
  "2026-11-23",
  "2026-11-23T10:15:00Z",
  "fixtures/incidents/inc-01-retry-replays-migration.yaml",
  "/home/runner/work/nhi-triage/nhi-triage/src/load/loadDocument.ts",
  "https://github.com/owner/repo/blob/main/docs/rules/README.md",
  "https://user@example.com/path",
  "git@github.com:owner/repo.git",
  "NHI-SECRET-IN-CODE",
  "NHI2:2025",
  "PR.DS-01",
  "MAESTRO-X-DATA-LEAKAGE",
  "0123456789abcdef0123456789abcdef",
  "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  "123e4567-e89b-12d3-a456-426614174000",
  "runtimeAuthorization: true",
  "storage: secret-manager",
  "credential: { type: static-secret, maxAge: 365d }",
  "the token: expired yesterday",
  "password: changeme",
  "token: ${{ secrets.GITHUB_TOKEN }}",
  "postgres://user:${DB_PASSWORD}@db/x",
  "postgres://db.internal:5432/app",
  "token_url=https://auth.example.com/oauth/token",
  "sk-learn-classifier-pipeline-v2",
  "identity.credential.maxAgeDays",
  "loadRulePackFromDirectoryRecursively",
  "ThisIsAVeryLongCamelCaseIdentifierName",
  "svc-payments-prod-eu-west-1-replica-02",
  "-----BEGIN CERTIFICATE-----",
  "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-prod-01/providers/Microsoft.Compute/virtualMachines/vm-web-01",
  "arn:aws:iam::123456789012:role/service-role/DeployRole-AbC12XyZ",
  "projects/my-project-123/serviceAccounts/deployer@my-project-123.iam.gserviceaccount.com",
  "spiffe://prod.example.org/ns/payments/sa/payments-api-v2",
  "GitHubActions-Deploy-Prod-2024Q3-EU-West1-Replica",
  "io.k8s.api.core.v1.ServiceAccount/kube-system/coredns-6f6b679f8f",
  "Microsoft.KeyVault/vaults/kv-prod-weu-001/secrets/DbConnString",
  "S-1-5-21-3623811015-3361044348-30300820-1013",
  "REDACTED(aws-access-key)",
  "password=REDACTED(url-password)",
  "postgres://app:REDACTED(url-password)@db/x",
  "postgres://user:$DB_PASSWORD@db/x",
  "Server=db;Password=%DB_PASSWORD%;",
  "svc_3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "load_rule_pack_from_directory_recursively",
  "wf_deploy2026production_eu_west",
  "get_ThisIsAVeryLongCamelCaseIdentifierName",
  "use_GitHubActionsDeployProdReplica",
  "commit 0123456789abcdef0123456789abcdef01234567",
  "the key fingerprint is 9f86d081884c7d659a2feaa0c55ad015",
  "deadbeef0123456789abcdef0123456789abcdef",
  "https://example.com/docs/a%20b%20c/index.html",
];

describe("findSecrets: every kind", () => {
  it.each(POSITIVES)("%s → %s", (text, kind, raw) => {
    expect(findSecrets(text).map((s) => s.kind)).toContain(kind);
    const redacted = redactText(text);
    expect(redacted).not.toContain(raw);
    expect(redacted).toContain(`REDACTED(${kind})`);
  });

  it("keeps what is not secret around a value: scheme, user and host of a URL, the key of an assignment", () => {
    expect(redactText("postgres://app:hunter2@db.internal/x")).toBe("postgres://app:REDACTED(url-password)@db.internal/x");
    expect(redactText("DB_PASSWORD=hunter2 ./run")).toBe("DB_PASSWORD=REDACTED(assigned-secret) ./run");
  });

  it("redacts a long value whole, past what its pattern bounds", () => {
    expect(redactText(`password=${"x1".repeat(400)} end`)).toBe("password=REDACTED(assigned-secret) end");
  });

  it("a secretlint-disable comment in the text does not switch redaction off", () => {
    const token = "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";
    expect(redactText(`secretlint-disable\n${token}\nsecretlint-enable`)).not.toContain(token);
    expect(redactText(`${token} // secretlint-disable-line`)).not.toContain(token);
  });

  it("where secretlint's range and ours overlap, ours stands: the URL keeps its host", () => {
    // secretlint's connection-string rule reports the whole URI.
    expect(redactText("postgres://app:Zq81kd9Qp4Xc@db.example.net/ledger")).toBe("postgres://app:REDACTED(url-password)@db.example.net/ledger");
  });

  it("names a value by its most specific kind when several match", () => {
    expect(findSecrets(`token=${GHP}`)).toEqual([{ start: 6, end: 6 + GHP.length, kind: "github-token" }]);
  });

  it("redacting twice changes nothing", () => {
    for (const [text] of POSITIVES) expect(redactText(redactText(text))).toBe(redactText(text));
  });

  it("markers need no escaping in JSON, XML, Markdown tables or GitHub workflow commands", () => {
    for (const [text] of POSITIVES) {
      for (const m of redactText(text).matchAll(/REDACTED\([^)]*\)/g)) expect(m[0]).toMatch(/^[A-Za-z0-9()-]+$/);
    }
  });
});

describe("Azure SAS signatures", () => {
  // Before: 66.6% of random signatures left 8 or more characters showing between escapes.
  it("no 8-character piece of a random percent-encoded signature shows, wherever sig= sits (20,000 signatures)", () => {
    const url = fc.constantFrom(
      (sig: string) => `https://acct1.blob.core.windows.net/c/b.bak?sv=2022-11-02&ss=b&sp=r&se=2026-12-01T00:00:00Z&sig=${sig}`,
      (sig: string) => `https://acct1.queue.core.windows.net/q?sig=${sig}&sv=2022-11-02&se=2026-12-01`,
      (sig: string) => `SharedAccessSignature=sv=2022-11-02&sig=${sig}&se=2026-12-01;`,
      (sig: string) => `curl "https://acct1.blob.core.windows.net/c/b?sp=r&sig=${sig}" -o b`,
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), url, (bytes, place) => {
        const sig = encodeURIComponent(Buffer.from(bytes).toString("base64"));
        expect(leaks(redactText(place(sig)), sig)).toEqual([]);
      }),
      { numRuns: 20_000, seed: 14 },
    );
  });
});

describe("findSecrets: no false alarms", () => {
  it.each(NEGATIVES)("%s", (text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : [p];
    });
  }
  const FILES = [...["fixtures", "rules", "templates", "docs"].flatMap((d) => files(join(ROOT, d))), join(ROOT, "README.md")];
  /**
   * The rule cases hold fake credentials on purpose: the positive cases of the secret rules; so
   * does the Kubernetes export's legacy token Secret, which discover must warn about and never copy.
   * The gcloud key lists hold one fake privateKeyData (warned about, never copied) and key
   * resource names ending in 40 hex digits, which the text scan takes for generated secrets:
   * a false alarm on the raw export only, since the inventory keeps the id under `keyId`.
   */
  const IN_A_COMMENT = "fixtures/blind6/g19-optimism-wintermute-address-handoff-2022.yaml: high-entropy";
  const EXPECTED = [
    // A source URL whose last segment is a 32-hex page id: in a URL path the detector cannot
    // tell an id from a token, and a false alarm on a comment costs less than a missed token.
    IN_A_COMMENT,
    "fixtures/sources/gcp/ci-sa-keys.json: high-entropy",
    "fixtures/sources/gcp/deployer-sa-keys.json: high-entropy",
    "fixtures/sources/gcp/deployer-sa-keys.json: high-entropy",
    "fixtures/sources/gcp/deployer-sa-keys.json: assigned-secret",
    "fixtures/sources/gcp/deployer-sa-keys.json: high-entropy",
    "fixtures/sources/gcp/deployer-sa-keys.json: high-entropy",
    "fixtures/sources/gcp/runtime-sa-keys.json: high-entropy",
    "fixtures/sources/k8s/export/k8s.json: high-entropy",
    "fixtures/sources/k8s/export/k8s.json: assigned-secret",
    // The Terraform fixtures hold fake keys and passwords where state and plans hold real ones.
    "fixtures/sources/terraform/plan.json: assigned-secret",
    "fixtures/sources/terraform/plan.json: assigned-secret",
    "fixtures/sources/terraform/plan.json: aws-access-key",
    "fixtures/sources/terraform/plan.json: assigned-secret",
    "fixtures/sources/terraform/tfstate.json: aws-access-key",
    "fixtures/sources/terraform/tfstate.json: assigned-secret",
    "fixtures/sources/terraform/tfstate.json: assigned-secret",
    "fixtures/sources/terraform/tfstate.json: assigned-secret",
    "fixtures/sources/terraform/tfstate.json: assigned-secret",
    "rules/cases/builtin.yaml: aws-access-key",
    "rules/cases/inventory.yaml: url-password",
    "rules/cases/inventory.yaml: url-password",
    "rules/cases/inventory.yaml: assigned-secret",
    "rules/cases/inventory.yaml: assigned-secret",
  ];

  it("finds nothing in fixtures/, rules/, templates/, docs/ and the README but the rule cases' own fakes", () => {
    expect(FILES.length).toBeGreaterThan(250);
    const hits = FILES.flatMap((f) => findSecrets(readFileSync(f, "utf8")).map((s) => `${relative(ROOT, f)}: ${s.kind}`));
    expect(hits).toEqual(EXPECTED);
  });

  it("finds the same, value by value, in the data of every YAML file there", () => {
    const hits = FILES.filter((f) => /\.ya?ml$/.test(f)).flatMap((f) => {
      let data: unknown;
      try {
        data = jsYaml.load(readFileSync(f, "utf8"), { schema: jsYaml.CORE_SCHEMA });
      } catch {
        return [];
      }
      return redactData(data).flatMap((r) => r.kinds.map((k) => `${relative(ROOT, f)}: ${k}`));
    });
    expect(hits.sort()).toEqual(EXPECTED.filter((e) => /\.ya?ml: /.test(e) && e !== IN_A_COMMENT).sort());
  });

  it("finds nothing line by line either (as error excerpts see them)", () => {
    const hits = FILES.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((line) => findSecrets(line).map((s) => `${relative(ROOT, f)}: ${s.kind}`)),
    );
    expect(hits).toEqual(EXPECTED);
  });
});

describe("findSecrets: linear time", () => {
  const HUGE = 200_000;
  it.each([
    ["one long token run", "a".repeat(HUGE)],
    ["a long random-looking run", "Ab1".repeat(HUGE / 3)],
    ["private key headers without an END", "-----BEGIN RSA PRIVATE KEY----- ".repeat(HUGE / 32)],
    ["a header followed by a huge body", `-----BEGIN PRIVATE KEY-----\n${"QUJD".repeat(HUGE / 4)}`],
    ["JWT-like prefixes", "eyJ".repeat(HUGE / 3)],
    ["JWT-like segments without a third dot", `eyJ${"a".repeat(HUGE)}.eyJ${"b".repeat(HUGE)}`],
    ["URL schemes without a password", "x://user:".repeat(HUGE / 9)],
    ["URLs whose user and password never reach an @", `${`ab://${"u".repeat(100)}:${"p".repeat(200)} `.repeat(HUGE / 300)}@`],
    ["keywords joined without an = sign", "password_".repeat(HUGE / 9)],
    ["assignments inside one long value", "=password=ab".repeat(HUGE / 12)],
    ["assignments without a value", "password= ".repeat(HUGE / 10)],
    ["secret-key words", "secret key is ".repeat(HUGE / 14)],
    ["AKIA prefixes", "AKIA".repeat(HUGE / 4)],
    ["sk- prefixes", "sk-".repeat(HUGE / 3)],
  ])("%s", (_name, text) => {
    const started = performance.now();
    findSecrets(text);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
