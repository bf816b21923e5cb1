/**
 * Fake but realistic credentials of every kind the redactor must catch, made from a seed so
 * a failing run can be replayed. Each sample is the text a person would paste (`text`) and
 * the part of it that is the secret (`secret`): that part, and every piece of it of
 * PIECE characters or more, must never be printed.
 */
export interface SecretSample {
  kind: string;
  text: string;
  secret: string;
}

export const PIECE = 8;

export type Random = () => number;

/** mulberry32: small, fast and good enough to draw test data from a seed. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const HEX = "0123456789abcdef";
const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const B64URL = `${ALNUM}-_`;

export function draw(rnd: Random, alphabet: string, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

function bytes(rnd: Random, n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => Math.floor(rnd() * 256)));
}

/** An Azure SAS signature as it appears in a URL: base64 of an HMAC-SHA256, percent-encoded. */
export function sasSignature(rnd: Random): string {
  return encodeURIComponent(bytes(rnd, 32).toString("base64"));
}

const b64url = (s: string): string => Buffer.from(s).toString("base64url");

type Maker = (rnd: Random) => { text: string; secret: string };
const plain = (make: (rnd: Random) => string): Maker => (rnd) => {
  const s = make(rnd);
  return { text: s, secret: s };
};
const within = (before: string, secret: string, after = ""): { text: string; secret: string } => ({ text: `${before}${secret}${after}`, secret });

/** Every kind: the ones the red team found echoed, then the ones handled before. */
export const MAKERS: Record<string, Maker> = {
  "azure-sas": (rnd) => within("https://acct1.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-01T00:00:00Z&spr=https&sig=", sasSignature(rnd)),
  "url-password-percent": (rnd) => within("mysql://app:", `%24${draw(rnd, ALNUM, 12)}%21`, "@db.internal/app"),
  "url-password-dollar": (rnd) => within("redis://cache:", `$${draw(rnd, ALNUM, 14)}`, "@cache.internal:6379/0"),
  "url-password-hash": (rnd) => within("amqp://app:", `${draw(rnd, ALNUM, 7)}#${draw(rnd, ALNUM, 7)}`, "@mq.internal/vhost"),
  "shopify-token": plain((rnd) => `shpat_${draw(rnd, HEX, 32)}`),
  "docker-pat": plain((rnd) => `dckr_pat_${draw(rnd, B64URL, 27)}`),
  "digitalocean-token": plain((rnd) => `dop_v1_${draw(rnd, HEX, 64)}`),
  "databricks-token": plain((rnd) => `dapi${draw(rnd, HEX, 32)}`),
  "twilio-key": plain((rnd) => `SK${draw(rnd, HEX, 32)}`),
  "datadog-key": (rnd) => within("our Datadog API key ", draw(rnd, HEX, 32), " was in the paste"),
  "aws-access-key": plain((rnd) => `AKIA${draw(rnd, UPPER_DIGITS, 16)}`),
  "aws-secret-key": (rnd) => within("aws_secret_access_key = ", draw(rnd, `${ALNUM}+/`, 40)),
  "github-token": plain((rnd) => `ghp_${draw(rnd, ALNUM, 36)}`),
  "private-key": (rnd) => {
    const body = Array.from({ length: 4 }, () => bytes(rnd, 48).toString("base64")).join("\n");
    const block = `-----BEGIN RSA PRIVATE KEY-----\nMIIE${body}\n-----END RSA PRIVATE KEY-----`;
    return { text: block, secret: block };
  },
  "url-password": (rnd) => within("postgres://app:", draw(rnd, ALNUM, 14), "@db.internal:5432/ledger"),
  "connection-string-password": (rnd) => within("Server=db.internal;User Id=sa;Password=", draw(rnd, ALNUM, 14), ";"),
  jwt: plain((rnd) => `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(`{"sub":"${draw(rnd, ALNUM, 10)}","iat":1700000000}`)}.${draw(rnd, B64URL, 43)}`),
  "slack-token": plain((rnd) => `xoxb-${draw(rnd, "0123456789", 12)}-${draw(rnd, "0123456789", 13)}-${draw(rnd, ALNUM, 24)}`),
  "high-entropy": plain((rnd) => `${draw(rnd, "ABCDEFGHIJ", 2)}${draw(rnd, "abcdefghij", 2)}${draw(rnd, "0123456789", 2)}${draw(rnd, `${ALNUM}+/`, 34)}`),
};

export const KINDS = Object.keys(MAKERS);

export function samples(seed: number): SecretSample[] {
  const rnd = seeded(seed);
  return KINDS.map((kind) => ({ kind, ...MAKERS[kind]!(rnd) }));
}

/** The secret and each of its pieces of PIECE characters that `out` shows, if any. */
export function leaks(out: string, secret: string): string[] {
  const found = new Set<string>();
  for (const line of secret.split("\n")) {
    for (let i = 0; i + PIECE <= line.length; i++) {
      const piece = line.slice(i, i + PIECE);
      if (out.includes(piece)) found.add(piece);
    }
  }
  return [...found];
}
