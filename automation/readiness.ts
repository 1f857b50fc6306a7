import { Command } from "commander";
import { defaultReadinessClients } from "./readiness/aws";
import { readinessCommand, resolveFiles } from "./readiness/cli";

// `void`: a rejection is left to Node, which prints it and exits with status 1.
void new Command()
  .name("readiness")
  .description("Would a failover now meet its targets? Per standby: each store's lag against its RPO, services and Fargate quota, images, secrets, certificates, failover records and health check. Changes nothing; exit 1 when a target would be missed")
  .argument("<files...>", "standby stack files, e.g. Pulumi.prod-dr.yaml blueprints/hooklabs/Pulumi.prod-dr.yaml")
  .action(async (files: string[]) => {
    const { exitCode } = await readinessCommand({ files: resolveFiles(files) }, defaultReadinessClients(), new Date(), (line) => console.log(line));
    process.exitCode = exitCode;
  })
  .parseAsync(process.argv);
