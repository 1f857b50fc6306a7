/**
 * Resource type tokens the rules judge (@pulumi/aws v7, @pulumi/eks v4, @pulumi/awsx v3,
 * @pulumi/kubernetes v4). The pack does not load those SDKs (they are large and the pack only
 * needs their tokens); test/policy/tokens.test.ts checks every token against the installed SDKs.
 */
export const T = {
  // data stores
  rdsInstance: "aws:rds/instance:Instance",
  rdsCluster: "aws:rds/cluster:Cluster",
  rdsClusterInstance: "aws:rds/clusterInstance:ClusterInstance",
  rdsParameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  rdsClusterParameterGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
  cacheReplicationGroup: "aws:elasticache/replicationGroup:ReplicationGroup",
  cacheCluster: "aws:elasticache/cluster:Cluster",
  cacheServerless: "aws:elasticache/serverlessCache:ServerlessCache",
  // S3
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  bucketEncryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  bucketEncryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  bucketAcl: "aws:s3/bucketAcl:BucketAcl",
  bucketAclV2: "aws:s3/bucketAclV2:BucketAclV2",
  bucketVersioning: "aws:s3/bucketVersioning:BucketVersioning",
  bucketVersioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  bucketLogging: "aws:s3/bucketLogging:BucketLogging",
  bucketLoggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
  // block storage and instances
  ebsVolume: "aws:ebs/volume:Volume",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
  instance: "aws:ec2/instance:Instance",
  eip: "aws:ec2/eip:Eip",
  subnet: "aws:ec2/subnet:Subnet",
  vpc: "aws:ec2/vpc:Vpc",
  flowLog: "aws:ec2/flowLog:FlowLog",
  // security groups
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  egressRule: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
  // containers
  eksCluster: "aws:eks/cluster:Cluster",
  eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
  eksComponentCluster: "eks:index:Cluster",
  eksComponentManagedNodeGroup: "eks:index:ManagedNodeGroup",
  ecsTaskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
  ecsService: "aws:ecs/service:Service",
  awsxFargateService: "awsx:ecs:FargateService",
  k8sStorageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
  k8sIngress: "kubernetes:networking.k8s.io/v1:Ingress",
  // serverless and messaging
  lambdaFunction: "aws:lambda/function:Function",
  lambdaPermission: "aws:lambda/permission:Permission",
  lambdaFunctionUrl: "aws:lambda/functionUrl:FunctionUrl",
  queue: "aws:sqs/queue:Queue",
  queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
  topic: "aws:sns/topic:Topic",
  topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
  // logs, secrets, backup, registry, audit
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  logResourcePolicy: "aws:cloudwatch/logResourcePolicy:LogResourcePolicy",
  logDeliverySource: "aws:cloudwatch/logDeliverySource:LogDeliverySource",
  logDelivery: "aws:cloudwatch/logDelivery:LogDelivery",
  logDeliveryDestination: "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",
  eventBusPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
  secret: "aws:secretsmanager/secret:Secret",
  secretPolicy: "aws:secretsmanager/secretPolicy:SecretPolicy",
  secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
  secretRotation: "aws:secretsmanager/secretRotation:SecretRotation",
  backupVault: "aws:backup/vault:Vault",
  backupVaultPolicy: "aws:backup/vaultPolicy:VaultPolicy",
  backupPlan: "aws:backup/plan:Plan",
  ecrRepository: "aws:ecr/repository:Repository",
  ecrRepositoryPolicy: "aws:ecr/repositoryPolicy:RepositoryPolicy",
  ecrRegistryPolicy: "aws:ecr/registryPolicy:RegistryPolicy",
  ecrRegistryScanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
  trail: "aws:cloudtrail/trail:Trail",
  // edge
  lbListener: "aws:lb/listener:Listener",
  albListener: "aws:alb/listener:Listener",
  lbListenerRule: "aws:lb/listenerRule:ListenerRule",
  albListenerRule: "aws:alb/listenerRule:ListenerRule",
  loadBalancer: "aws:lb/loadBalancer:LoadBalancer",
  albLoadBalancer: "aws:alb/loadBalancer:LoadBalancer",
  awsxAlb: "awsx:lb:ApplicationLoadBalancer",
  awsxNlb: "awsx:lb:NetworkLoadBalancer",
  distribution: "aws:cloudfront/distribution:Distribution",
  cachePolicy: "aws:cloudfront/cachePolicy:CachePolicy",
  originRequestPolicy: "aws:cloudfront/originRequestPolicy:OriginRequestPolicy",
  webAclAssociation: "aws:wafv2/webAclAssociation:WebAclAssociation",
  wafRegionalAssociation: "aws:wafregional/webAclAssociation:WebAclAssociation",
  // IAM and KMS
  role: "aws:iam/role:Role",
  policy: "aws:iam/policy:Policy",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  userPolicy: "aws:iam/userPolicy:UserPolicy",
  groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  rolePolicyAttachmentsExclusive: "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive",
  kmsKey: "aws:kms/key:Key",
  kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
} as const;

export type TypeToken = (typeof T)[keyof typeof T];

export const buckets = [T.bucket, T.bucketV2] as const;
export const listeners = [T.lbListener, T.albListener] as const;
export const listenerRules = [T.lbListenerRule, T.albListenerRule] as const;
export const loadBalancers = [T.loadBalancer, T.albLoadBalancer] as const;
