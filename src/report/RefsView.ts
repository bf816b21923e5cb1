import type { EntryView, FrameworkCoverage, FrameworkOverview } from "./refsCoverage.js";

/** What `refs` shows, one shape per mode; the formatters are pure functions of it. */
export type RefsView =
  | {
      mode: "catalog";
      frameworks: FrameworkOverview[];
      /** How many rules of each kind and controls the pack holds. */
      pack: { posture: number; incident: number; change: number; controls: number };
      /** How many NIST CSF 1.1 ids the crosswalk maps to CSF 2.0. */
      crosswalk: number;
    }
  | { mode: "entry"; view: EntryView }
  | { mode: "framework"; coverage: FrameworkCoverage };
