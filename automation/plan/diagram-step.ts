import * as fs from "fs";
import * as path from "path";
import { buildDiagram } from "../diagram/build";
import { toMermaid } from "../diagram/mermaid";
import type { PlanStep } from "./step";

/** Writes out/<stack>/architecture.mmd: the stack's architecture as a Mermaid flowchart. */
export const diagramStep: PlanStep = {
  name: "diagram",
  title: "Architecture diagram",
  run(context) {
    const diagram = buildDiagram(context.resources, context.region);
    const mermaid = toMermaid(diagram, `${context.stack} (${context.region})`);
    const file = path.join(context.outDir, "architecture.mmd");
    fs.writeFileSync(file, mermaid);
    const counts = new Map<string, number>();
    diagram.nodes.forEach((n) => counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1));
    const summary = [...counts.entries()].map(([kind, n]) => `${n} ${kind}`).join(", ");
    return {
      lines: [`  ${diagram.nodes.length} nodes (${summary}), ${diagram.edges.length} links`, `  wrote ${path.relative(process.cwd(), file)}`],
      summary: `diagram: ${diagram.nodes.length} nodes, ${diagram.edges.length} links, wrote ${path.relative(process.cwd(), file)}`,
      markdown: ["```mermaid", mermaid.trimEnd(), "```"].join("\n"),
      failed: false,
    };
  },
};
