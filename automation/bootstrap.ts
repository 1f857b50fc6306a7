import { KMSClient } from "@aws-sdk/client-kms";
import { S3Client } from "@aws-sdk/client-s3";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { Command } from "commander";
import * as path from "path";
import { backendUrl, bootstrapBackend, BootstrapError, secretsProviderUrl } from "./bootstrap/backend";
import { bootstrapTargets, NamedTarget } from "./bootstrap/targets";
import { FleetFileError, loadFleetFile } from "./fleet/schema";
import { repoRoot } from "./plan/stack-file";

interface Flags {
  file: string;
  account?: string;
  region?: string;
}

const program = new Command()
  .name("bootstrap")
  .description("Create or repair each account and region's Pulumi state bucket and secrets key (idempotent)")
  .option("--file <path>", "the fleet file naming the accounts, their roles and regions", path.join(repoRoot, "fleet.yaml"))
  .option("--account <name>", "only this account (its name in the fleet file)")
  .option("--region <region>", "only this region")
  .action(async (flags: Flags) => {
    try {
      process.exitCode = await bootstrap(flags);
    } catch (error) {
      if (error instanceof FleetFileError) {
        console.error(error.message.split("\n").map((line) => `bootstrap: ${line}`).join("\n"));
        process.exitCode = 2;
        return;
      }
      throw error;
    }
  });

async function bootstrap(flags: Flags): Promise<number> {
  const fleet = loadFleetFile(flags.file);
  const targets = bootstrapTargets(fleet, flags);
  if (targets.length === 0) {
    console.error(`bootstrap: no stack of ${flags.file} deploys into ${[flags.account, flags.region].filter(Boolean).join(" in ")}`);
    return 2;
  }
  let failed = 0;
  for (const target of targets) {
    console.log(`account ${target.account} (${target.accountId}), ${target.region}${target.role ? ` as ${target.role}` : " with the ambient credentials"}:`);
    try {
      const changes = await bootstrapBackend(await clientsFor(target), target);
      changes.forEach((c) => console.log(`  ${c.action.padEnd(9)} ${c.resource}: ${c.detail}`));
      console.log(`  pulumi login '${backendUrl(target)}'`);
      console.log(`  pulumi stack init <stack> --secrets-provider '${secretsProviderUrl(target)}'`);
    } catch (error) {
      if (!(error instanceof BootstrapError) && !(error instanceof Error && "$metadata" in error)) throw error;
      failed += 1;
      console.log(`  FAILED: ${error.message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** Clients in the target's region, as the fleet's role for that account when it names one. */
async function clientsFor(target: NamedTarget) {
  let credentials;
  if (target.role) {
    const sts = new STSClient({ region: target.region });
    const assumed = await sts.send(new AssumeRoleCommand({ RoleArn: target.role, RoleSessionName: "platform-bootstrap" }));
    const c = assumed.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new BootstrapError(`assuming ${target.role} returned no credentials`);
    credentials = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  }
  const config = { region: target.region, ...(credentials ? { credentials } : {}) };
  return { s3: new S3Client(config), kms: new KMSClient(config), sts: new STSClient(config) };
}

void program.parseAsync(process.argv);
