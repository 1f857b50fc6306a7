import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface ContainerRepositoryArgs {
  /** `<namespace>/<key>`. */
  readonly name: string;
  /** The storage key; images are encrypted with it. */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Images kept; the lifecycle policy expires older ones (seed 001: 10). */
  readonly keepImages: number;
  /** Scan every pushed image for known vulnerabilities (basic scanning). */
  readonly scanOnPush: boolean;
  /** Tags cannot be overwritten: a deployed tag always names the same image. */
  readonly immutableTags: boolean;
  /** Lets destroy delete a repository that still holds images (disposable stacks only). */
  readonly forceDelete: boolean;
  /** Pulumi `protect` on the repository (protected environments). */
  readonly protect: boolean;
}

/** The lifecycle policy text: keep the newest `keepImages` images, tagged or not. */
export function keepLastImagesPolicy(keepImages: number): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Keep the last ${keepImages} images`,
        selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: keepImages },
        action: { type: "expire" },
      },
    ],
  });
}

/** An ECR repository encrypted with the storage key, with scan on push, tag immutability and a keep-last-N lifecycle. */
export function containerRepository(name: string, args: ContainerRepositoryArgs, parent: pulumi.Resource): aws.ecr.Repository {
  const repository = new aws.ecr.Repository(
    name,
    {
      name: args.name,
      imageTagMutability: args.immutableTags ? "IMMUTABLE" : "MUTABLE",
      imageScanningConfiguration: { scanOnPush: args.scanOnPush },
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
      forceDelete: args.forceDelete,
    },
    // A deleted repository takes every image with it: what the services run and roll back to.
    { parent, protect: args.protect },
  );
  new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, { repository: repository.name, policy: keepLastImagesPolicy(args.keepImages) }, { parent });
  return repository;
}
