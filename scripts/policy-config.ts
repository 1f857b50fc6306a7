// Writes policies/config/<enforcement>.json, the CrossGuard pack configs CI passes with
// `--policy-pack-config` (a test keeps them equal to the rules):
//   npx ts-node --transpile-only scripts/policy-config.ts
import * as fs from "fs";
import * as path from "path";
import { enforcements, packConfig } from "../policies/lib/enforcement";
import { allRules } from "../policies/rules";

export const configDir = path.join(__dirname, "..", "policies", "config");

export function configText(enforcement: (typeof enforcements)[number]): string {
  return `${JSON.stringify(packConfig(allRules, enforcement), null, 2)}\n`;
}

if (require.main === module) {
  fs.mkdirSync(configDir, { recursive: true });
  for (const enforcement of enforcements) {
    fs.writeFileSync(path.join(configDir, `${enforcement}.json`), configText(enforcement));
    console.log(`wrote policies/config/${enforcement}.json`);
  }
}
