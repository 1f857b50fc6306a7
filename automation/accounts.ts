import { Command } from "commander";
import * as path from "path";
import { documentationAccountIds } from "../model/account/settings";
import { placementProblems } from "../model/account/placement";
import { repoRoot } from "./plan/stack-file";
import { AccountsError, describePlacements, loadPlacedStacks, repositoryStackFiles } from "./stacks/accounts";

const program = new Command()
  .name("accounts")
  .description("Check a set of stack files that deploy together, account by account: one baseline owner per account and region, one trail per account, standbys in their primary's account with their images replicated")
  .argument("[files...]", "stack files (default: the repository's stacks and blueprints)")
  .action((files: string[]) => {
    try {
      const chosen = files.length > 0 ? files.map((f) => path.resolve(f)) : repositoryStackFiles();
      const stacks = loadPlacedStacks(chosen, repoRoot);
      describePlacements(stacks).forEach((line) => console.log(line));
      const examples = [...new Set(stacks.map((s) => s.settings.account?.id).filter((id): id is string => id !== undefined && documentationAccountIds.includes(id)))];
      if (examples.length > 0) {
        const what = examples.length === 1 ? "is an AWS documentation example id" : "are AWS documentation example ids";
        console.log(`\nnote: ${examples.join(", ")} ${what}: set your accounts' own before deploying (docs/accounts.md)`);
      }
      const problems = placementProblems(stacks);
      if (problems.length > 0) {
        console.error(`\n${problems.length} problem${problems.length === 1 ? "" : "s"}, nothing deployed:`);
        problems.forEach((p) => console.error(`  ${p}`));
        process.exitCode = 2;
        return;
      }
      console.log(`\n${stacks.length} stacks: every account and region has at most one baseline owner`);
    } catch (error) {
      if (error instanceof AccountsError) {
        console.error(`accounts: ${error.message}`);
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });

program.parse(process.argv);
