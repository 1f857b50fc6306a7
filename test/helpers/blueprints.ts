import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../automation/plan/stack-file";

export interface Blueprint {
  /** The product folder under blueprints/, e.g. `codemate`. */
  readonly product: string;
  /** The environment in the file name: `Pulumi.<env>.yaml`. */
  readonly env: string;
  readonly file: string;
  /** `blueprints/<product>/Pulumi.<env>.yaml`, for test titles. */
  readonly relative: string;
}

/** Every blueprint file in the repository, found on disk: a new one is tested without listing it. */
export function blueprintFiles(): Blueprint[] {
  const root = path.join(repoRoot, "blueprints");
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      fs
        .readdirSync(path.join(root, dir.name))
        .map((name) => /^Pulumi\.([a-z0-9-]+)\.yaml$/.exec(name))
        .filter((match): match is RegExpExecArray => match !== null)
        .map((match) => ({
          product: dir.name,
          env: match[1],
          file: path.join(root, dir.name, match[0]),
          relative: path.join("blueprints", dir.name, match[0]),
        })),
    )
    .sort((a, b) => a.relative.localeCompare(b.relative));
}

/** The blueprint of one product and environment. */
export function blueprintFile(product: string, env: string): string {
  return path.join(repoRoot, "blueprints", product, `Pulumi.${env}.yaml`);
}
