import { Command } from "commander";
import { defaultPolicyPack, defaultReportsDir, DrillFlags, drillCommand } from "./drill/cli";

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void new Command()
  .name("failback")
  .description("Return traffic from the standby to the primary after a drill: the drill's steps in the other direction, as a planned switchover")
  .requiredOption("--primary <stack>", "the stack to return to, e.g. prod")
  .requiredOption("--standby <stack>", "the standby serving now, e.g. prod-dr")
  .option("--dry-run", "print the plan and run the offline checks; needs no Pulumi CLI or AWS")
  .option("--force", "allow a pair that is not production data (dataProtection disposable)")
  .option("--resume", "continue the last stopped failback of this pair")
  .option("--reports <dir>", "where reports go", defaultReportsDir)
  .option("--policy-pack <dir>", "the CrossGuard pack the failback's pulumi up runs", defaultPolicyPack)
  .action(async (flags: DrillFlags) => {
    process.exitCode = await drillCommand("failback", { ...flags, mode: "planned" });
  })
  .parseAsync(process.argv);
