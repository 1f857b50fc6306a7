import { Command, Option } from "commander";
import { defaultPolicyPack, defaultReportsDir, DrillFlags, drillCommand } from "./drill/cli";

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void new Command()
  .name("drill")
  .description("Region-failover drill: pre-checks, fence the primary, promote the standby's stores, scale, switch DNS, verify, reconcile; reports RTO and RPO")
  .requiredOption("--primary <stack>", "the serving stack, e.g. prod")
  .requiredOption("--standby <stack>", "its standby stack, e.g. prod-dr")
  .addOption(new Option("--mode <mode>", "planned: switchover without data loss; unplanned: failover as if the primary region were lost").choices(["planned", "unplanned"]).default("planned"))
  .option("--dry-run", "print the plan and run the offline checks; needs no Pulumi CLI or AWS")
  .option("--force", "allow a pair that is not production data (dataProtection disposable)")
  .option("--resume", "continue the last stopped drill of this pair")
  .option("--reports <dir>", "where reports go", defaultReportsDir)
  .option("--policy-pack <dir>", "the CrossGuard pack the drill's pulumi up runs", defaultPolicyPack)
  .action(async (flags: DrillFlags) => {
    process.exitCode = await drillCommand("drill", flags);
  })
  .parseAsync(process.argv);
