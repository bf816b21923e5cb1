import type { FrameworkInfo } from "../load/loadFrameworks.js";
import type { CatalogEntry } from "../load/rulePack.js";
import { API_VERSION } from "../load/schema/common.js";
import type { Citations, EntryCoverage } from "./refsCoverage.js";
import type { RefsView } from "./RefsView.js";

// Field order is fixed and absent values are null rather than missing, so every document
// of a kind has the same keys and the output is byte-identical from run to run.

function frameworkDocument(f: FrameworkInfo): Record<string, unknown> {
  return { name: f.name, title: f.title, url: f.url ?? null, group: f.group };
}

function entryDocument(e: CatalogEntry): Record<string, unknown> {
  return { id: e.id, title: e.title, display: e.display, summary: e.summary, level: e.level, parent: e.parent ?? null, framework: e.framework };
}

function citationsDocument(c: Citations): Record<string, unknown> {
  return { rules: { posture: c.posture, incident: c.incident, change: c.change }, controls: c.controls };
}

function coverageDocument(c: EntryCoverage): Record<string, unknown> {
  return { ...entryDocument(c.entry), detected: c.detected, ...citationsDocument(c) };
}

function document(view: RefsView): Record<string, unknown> {
  switch (view.mode) {
    case "catalog":
      return {
        apiVersion: API_VERSION,
        kind: "RefsCatalog",
        pack: { postureRules: view.pack.posture, incidentRules: view.pack.incident, changeRules: view.pack.change, controls: view.pack.controls },
        crosswalk: view.crosswalk,
        frameworks: view.frameworks.map((o) => ({
          ...frameworkDocument(o.framework),
          ids: o.ids,
          citedByRules: o.rules,
          citedByPostureRules: o.posture,
          citedByIncidentRules: o.incident,
          citedByChangeRules: o.change,
          citedByControls: o.controls,
        })),
      };
    case "entry": {
      const { view: v } = view;
      return {
        apiVersion: API_VERSION,
        kind: "RefsEntry",
        ...coverageDocument(v.node.coverage),
        frameworkTitle: v.framework.title,
        // For a category: how far its subcategories are detected, since rules cite those.
        leaves: v.node.leaves,
        detectedLeaves: v.node.detectedLeaves,
        children: v.node.children.map((n) => ({
          id: n.coverage.entry.id,
          title: n.coverage.entry.title,
          level: n.coverage.entry.level,
          detected: n.coverage.detected,
          leaves: n.leaves,
          detectedLeaves: n.detectedLeaves,
        })),
      };
    }
    case "framework": {
      const { framework, entries, summary: s } = view.coverage;
      return {
        apiVersion: API_VERSION,
        kind: "RefsCoverage",
        framework: frameworkDocument(framework),
        entries: entries.map(coverageDocument),
        summary: {
          level: s.level ?? null,
          entries: s.entries,
          detected: s.detected,
          byPostureRules: s.posture.covered,
          byIncidentRules: s.incident.covered,
          byChangeRules: s.change.covered,
          citedByControls: s.controls.covered,
          notDetected: s.notDetected,
        },
      };
    }
  }
}

export function formatRefsJson(view: RefsView): string {
  return `${JSON.stringify(document(view), null, 2)}\n`;
}
