import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TierComponent } from "../shared/tier";
import type { DatabaseArgs } from "./database-args";
import { buildAurora } from "./aurora";
import { generatedSecret } from "./credentials";
import { engineParameters, EngineInputs, exportLogGroups } from "./engine-parts";
import { DatabaseEngine, enginePort } from "../../model/data/engines";
import { buildPostgres } from "./postgres";
import { SecretRotator } from "../shared/secret-rotator";
import { jsonText } from "../shared/json";

/** RDS accepts 8-41 printable characters for MySQL (128 for PostgreSQL), except / " @ and space. */
const passwordRules = { lengthCharacters: 40, specialCharacters: "!#$%&*()-_=+[]{}<>:?" };

/**
 * The relational database: RDS for PostgreSQL, or an Aurora PostgreSQL / MySQL cluster. Every
 * engine is encrypted with the data key, private, reachable only through the database security
 * group, forces TLS through its parameter group, and keeps its master credentials in Secrets
 * Manager.
 *
 * Credentials: @pulumi/random into a KMS-encrypted secret, rotated by a function of our own
 * (components/shared/secret-rotator.ts) every `rotationDays`, not RDS-managed master passwords.
 * RDS does not manage the master password of an Aurora global database member, of a cluster's
 * cross-region replica, or of an instance with read replicas (RDS and Aurora User Guides,
 * "Limitations for Secrets Manager integration"), and those are exactly the seeds' read replica
 * (002) and the standby region's copy (003, DR tier). One mechanism for all engines keeps the
 * secret's format (engine, host, port, username, password, dbname: the rotation functions'
 * format) the same everywhere.
 */
export class Database extends TierComponent {
  readonly engine: DatabaseEngine;
  readonly endpoint: pulumi.Output<string>;
  /** Aurora's reader endpoint (load-balanced over readers); undefined for RDS instances. */
  readonly readerEndpoint?: pulumi.Output<string>;
  /** RDS read replicas' addresses by replica name. */
  readonly replicaEndpoints: Record<string, pulumi.Output<string>>;
  readonly port: pulumi.Output<number>;
  /** ARN of the master-credentials secret (the value never leaves Secrets Manager). */
  readonly secretArn: pulumi.Output<string>;
  /** Instance identifier (postgres) or writer instance identifier (Aurora). */
  readonly identifier: pulumi.Output<string>;
  /** Instance or cluster ARN; the DR tier replicates from it. */
  readonly arn: pulumi.Output<string>;
  readonly clusterIdentifier?: pulumi.Output<string>;
  readonly globalClusterIdentifier?: pulumi.Output<string>;
  /** The writer's exported log groups (the instance's, or the Aurora cluster's) by log type; the log archive subscribes to them. */
  readonly writerLogGroups: Readonly<Record<string, aws.cloudwatch.LogGroup>>;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("data", "Database", name, opts);
    const { settings } = args;
    this.engine = settings.engine;

    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { name: args.identifier, description: `${args.identifier}: private-data subnets`, subnetIds: [...args.subnetIds] },
      { parent: this },
    );
    const credentials = generatedSecret(
      name,
      {
        secretName: args.secretName,
        description: `${args.identifier} master credentials (engine, host, port, username, password, dbname)`,
        kmsKeyArn: args.kmsKeyArn,
        protection: args.protection,
        ...passwordRules,
      },
      this,
    );
    const parameters = engineParameters(settings.engine, settings.logExports, settings.parameters);
    const writerLogGroups: Record<string, aws.cloudwatch.LogGroup> = {};
    const logGroups = (kind: "instance" | "cluster", identifier: pulumi.Input<string>, role: string) => {
      const groups = exportLogGroups(`${name}-log-${role}`, { kind, identifier }, settings.logExports, args.logs, this);
      // The postgres primary's, or the Aurora cluster's: the writer's logs, not a replica's.
      if (role === "primary" || role === "cluster") settings.logExports.forEach((logType, index) => (writerLogGroups[logType] = groups[index]));
      return groups;
    };
    this.writerLogGroups = writerLogGroups;
    const inputs: EngineInputs = { args, name, subnetGroup, password: credentials.value, parameters, logGroups };
    const built = settings.engine === "postgres" ? buildPostgres(this, inputs, settings) : buildAurora(this, inputs, settings);

    const port = enginePort(settings.engine);
    credentials.store((password) =>
      jsonText({
        // The rotation functions' secret format: "postgres" or "mysql" as the engine.
        engine: settings.engine === "aurora-mysql" ? "mysql" : "postgres",
        host: built.endpoint,
        port,
        username: settings.masterUsername,
        password,
        dbname: settings.databaseName,
      }),
    );

    // The first value is Pulumi's; later ones are the rotation's. Pulumi never sees them: the
    // password input and the first secret version stay as they were, so an update changes nothing.
    new SecretRotator(
      `${name}-rotation`,
      {
        context: args.context,
        key: "database",
        secretArn: credentials.secret.arn,
        secretKeyArn: args.kmsKeyArn,
        target:
          settings.engine === "postgres"
            ? { kind: "rds-instance", identifier: built.identifier, arn: built.arn }
            : { kind: "rds-cluster", identifier: built.clusterIdentifier ?? built.identifier, arn: built.arn },
        valueKey: "password",
        valueLength: passwordRules.lengthCharacters,
        valueSpecials: passwordRules.specialCharacters,
        schedule: { everyDays: settings.rotationDays, logs: args.rotation.logs },
        redeploy: args.rotation.redeploy.database ?? [],
      },
      { parent: this },
    );

    this.endpoint = built.endpoint;
    this.readerEndpoint = built.readerEndpoint;
    this.replicaEndpoints = built.replicaEndpoints;
    this.port = built.port;
    this.secretArn = credentials.secret.arn;
    this.identifier = built.identifier;
    this.arn = built.arn;
    this.clusterIdentifier = built.clusterIdentifier;
    this.globalClusterIdentifier = built.globalClusterIdentifier;
    this.registerOutputs({
      engine: this.engine,
      endpoint: this.endpoint,
      readerEndpoint: this.readerEndpoint,
      port: this.port,
      secretArn: this.secretArn,
      identifier: this.identifier,
      clusterIdentifier: this.clusterIdentifier,
    });
  }
}
