import { Command } from "commander";
import { defaultReportsDir } from "./drill/cli";
import { ReseedFlags, reseedCommand } from "./drill/reseed/cli";

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void new Command()
  .name("reseed")
  .description("Re-seed an RDS read-replica pair's database: keep the instance of --to under a new name, create a read replica of --from's instance under its name, wait for its lag")
  .requiredOption("--from <stack>", "the serving stack whose instance is copied, e.g. prod-dr after a drill")
  .requiredOption("--to <stack>", "the stack whose instance becomes its follower, e.g. prod")
  .option("--dry-run", "print the plan and run the offline checks; needs no Pulumi CLI or AWS")
  .option("--resume", "continue the last stopped re-seed of this direction")
  .option("--reports <dir>", "where reports go (a reseed/ folder in it)", defaultReportsDir)
  .action(async (flags: ReseedFlags) => {
    process.exitCode = await reseedCommand(flags);
  })
  .parseAsync(process.argv);
