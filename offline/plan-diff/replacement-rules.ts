/**
 * What forces a resource to be replaced rather than updated in place, per resource type: the
 * provider's own rules, never guessed. A type missing here fails the diff (see `replacementRuleFor`),
 * as a type missing from the mock cloud fails a render; a test holds this table to every type the
 * mock cloud models.
 *
 * AWS types: the attributes with `ForceNew: true` (SDKv2 resources) or a `RequiresReplace` plan
 * modifier (Framework resources) in hashicorp/terraform-provider-aws v6.58.0 (pulumi-aws 7.x
 * bridges the 6.x provider and adds no replaceOnChanges of its own for these types), under their
 * Pulumi property names. `source` names the package under the provider's `internal/service/` and
 * the function that declares the schema. Nested paths (`a.b`) are attributes of a block that are
 * ForceNew while the block itself is not. Replacements a resource's CustomizeDiff decides from the
 * old and new values are in `conditional`, each with the function that decides it.
 */
import { isVersionDowngrade } from "./versions";

/** A replacement that depends on the old and new values (a provider's CustomizeDiff). */
export interface ConditionalReplacement {
  /** Property path whose change is judged. */
  readonly field: string;
  /** Why the provider forces a new resource, and the function that decides it. */
  readonly reason: string;
  readonly replaces: (before: unknown, after: unknown, inputs: Readonly<Record<string, unknown>>) => boolean;
}

export interface ReplacementRule {
  /** Where the rule is read: `<package> <schema function>` in the provider named by `provider`. */
  readonly source: string;
  /** The provider whose source `source` is in; terraform-provider-aws v6.58.0 when omitted. */
  readonly provider?: string;
  /** Property paths whose change always replaces the resource. */
  readonly replaceOn: readonly string[];
  readonly conditional?: readonly ConditionalReplacement[];
}

const awsRules: Record<string, ReplacementRule> = {
  "aws:acm/certificate:Certificate": { source: "internal/service/acm resourceCertificate", replaceOn: ["certificateAuthorityArn", "keyAlgorithm", "validationMethod", "validationOptions"],
    conditional: [
      // resourceCertificate's CustomizeDiff: a requested (not imported) certificate's names cannot change.
      { field: "domainName", reason: "the names of a requested certificate cannot change (resourceCertificate CustomizeDiff)", replaces: (_b, _a, inputs) => inputs.privateKey === undefined },
      { field: "subjectAlternativeNames", reason: "the names of a requested certificate cannot change (resourceCertificate CustomizeDiff)", replaces: (_b, _a, inputs) => inputs.privateKey === undefined },
    ],
  },
  "aws:acm/certificateValidation:CertificateValidation": { source: "internal/service/acm resourceCertificateValidation", replaceOn: ["certificateArn", "validationRecordFqdns"] },
  "aws:appautoscaling/policy:Policy": { source: "internal/service/appautoscaling resourcePolicy", replaceOn: ["name", "resourceId", "scalableDimension", "serviceNamespace"] },
  "aws:appautoscaling/scheduledAction:ScheduledAction": { source: "internal/service/appautoscaling resourceScheduledAction", replaceOn: ["name", "resourceId", "scalableDimension", "serviceNamespace"] },
  "aws:appautoscaling/target:Target": { source: "internal/service/appautoscaling resourceTarget", replaceOn: ["resourceId", "scalableDimension", "serviceNamespace"] },
  "aws:backup/plan:Plan": { source: "internal/service/backup resourcePlan", replaceOn: ["name"] },
  "aws:backup/selection:Selection": { source: "internal/service/backup resourceSelection", replaceOn: ["conditions", "iamRoleArn", "name", "notResources", "planId", "resources", "selectionTags"] },
  "aws:backup/vault:Vault": { source: "internal/service/backup resourceVault", replaceOn: ["kmsKeyArn", "name"] },
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": { source: "internal/service/backup resourceVaultLockConfiguration", replaceOn: ["backupVaultName", "changeableForDays", "maxRetentionDays", "minRetentionDays"] },
  "aws:budgets/budget:Budget": { source: "internal/service/budgets resourceBudget", replaceOn: ["accountId", "name", "namePrefix"] },
  "aws:cloudfront/cachePolicy:CachePolicy": { source: "internal/service/cloudfront resourceCachePolicy", replaceOn: [] },
  "aws:cloudfront/distribution:Distribution": { source: "internal/service/cloudfront resourceDistribution", replaceOn: ["staging"] },
  "aws:cloudfront/originAccessControl:OriginAccessControl": { source: "internal/service/cloudfront resourceOriginAccessControl", replaceOn: [] },
  "aws:cloudtrail/trail:Trail": { source: "internal/service/cloudtrail resourceTrail", replaceOn: ["name"] },
  "aws:cloudwatch/dashboard:Dashboard": { source: "internal/service/cloudwatch resourceDashboard", replaceOn: ["dashboardName"] },
  "aws:cloudwatch/eventRule:EventRule": { source: "internal/service/events resourceRule", replaceOn: ["eventBusName", "name", "namePrefix"] },
  "aws:cloudwatch/eventTarget:EventTarget": { source: "internal/service/events resourceTarget", replaceOn: ["eventBusName", "rule", "targetId"] },
  "aws:cloudwatch/logDelivery:LogDelivery": { source: "internal/service/logs deliveryResource.Schema", replaceOn: ["deliveryDestinationArn", "deliverySourceName"] },
  "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination": { source: "internal/service/logs deliveryDestinationResource.Schema", replaceOn: ["name", "outputFormat"] },
  "aws:cloudwatch/logDeliverySource:LogDeliverySource": { source: "internal/service/logs deliverySourceResource.Schema", replaceOn: ["logType", "name", "resourceArn"] },
  "aws:cloudwatch/logGroup:LogGroup": { source: "internal/service/logs resourceGroup", replaceOn: ["logGroupClass", "name", "namePrefix"] },
  "aws:cloudwatch/logSubscriptionFilter:LogSubscriptionFilter": { source: "internal/service/logs resourceSubscriptionFilter", replaceOn: ["destinationArn", "logGroup", "name"] },
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": { source: "internal/service/firehose resourceDeliveryStream", replaceOn: ["destination", "extendedS3Configuration.dynamicPartitioningConfiguration", "name"] },
  "aws:cloudwatch/logMetricFilter:LogMetricFilter": { source: "internal/service/logs resourceMetricFilter", replaceOn: ["logGroupName", "name"] },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { source: "internal/service/cloudwatch resourceMetricAlarm", replaceOn: ["name"] },
  "aws:ebs/volume:Volume": { source: "internal/service/ec2 resourceEBSVolume", replaceOn: ["availabilityZone", "encrypted", "kmsKeyId", "multiAttachEnabled", "outpostArn", "snapshotId"] },
  "aws:ec2/eip:Eip": { source: "internal/service/ec2 resourceEIP", replaceOn: ["address", "domain", "ipamPoolId", "networkBorderGroup", "publicIpv4Pool"] },
  "aws:ec2/flowLog:FlowLog": { source: "internal/service/ec2 resourceFlowLog", replaceOn: ["deliverCrossAccountRole", "destinationOptions", "eniId", "iamRoleArn", "logDestination", "logDestinationType", "logFormat", "maxAggregationInterval", "regionalNatGatewayId", "subnetId", "tagFieldSpecifications", "trafficType", "transitGatewayAttachmentId", "transitGatewayId", "vpcId"] },
  "aws:ec2/instance:Instance": { source: "internal/service/ec2 resourceInstanceSchema", replaceOn: ["ami", "associatePublicIpAddress", "availabilityZone", "cpuOptions.amdSevSnp", "ebsBlockDevices.deleteOnTermination", "ebsBlockDevices.deviceName", "ebsBlockDevices.encrypted", "ebsBlockDevices.iops", "ebsBlockDevices.kmsKeyID", "ebsBlockDevices.snapshotID", "ebsBlockDevices.throughput", "ebsBlockDevices.volumeSize", "ebsBlockDevices.volumeType", "ebsOptimized", "enclaveOptions.enabled", "ephemeralBlockDevices", "hibernation", "hostId", "instanceMarketOptions", "keyName", "launchTemplate", "networkInterfaces.deleteOnTermination", "networkInterfaces.deviceIndex", "networkInterfaces.networkCardIndex", "networkInterfaces.networkInterfaceID", "placementGroup", "placementGroupId", "placementPartitionNumber", "primaryNetworkInterface.networkInterfaceID", "privateDnsNameOptions", "privateIp", "rootBlockDevice.encrypted", "rootBlockDevice.kmsKeyID", "secondaryNetworkInterfaces.deleteOnTermination", "secondaryNetworkInterfaces.deviceIndex", "secondaryNetworkInterfaces.interfaceType", "secondaryNetworkInterfaces.networkCardIndex", "secondaryNetworkInterfaces.privateIpAddressCount", "secondaryNetworkInterfaces.secondarySubnetId", "securityGroups", "subnetId", "tenancy"],
    conditional: [
      { field: "userData", reason: "userDataReplaceOnChange is set (resourceInstance CustomizeDiff)", replaces: (_b, _a, inputs) => inputs.userDataReplaceOnChange === true },
      { field: "userDataBase64", reason: "userDataReplaceOnChange is set (resourceInstance CustomizeDiff)", replaces: (_b, _a, inputs) => inputs.userDataReplaceOnChange === true },
      {
        field: "instanceType",
        // The provider asks EC2 for both types' architectures; offline, the type name's processor
        // letter says it (EC2 instance type naming: a `g` after the generation is AWS Graviton, arm64).
        reason: "the new instance type has another processor architecture (resourceInstance CustomizeDiff)",
        replaces: (before, after) => isGraviton(before) !== isGraviton(after),
      },
    ],
  },
  "aws:ec2/internetGateway:InternetGateway": { source: "internal/service/ec2 resourceInternetGateway", replaceOn: [] },
  "aws:ec2/launchTemplate:LaunchTemplate": { source: "internal/service/ec2 resourceLaunchTemplate", replaceOn: ["name", "namePrefix"] },
  "aws:ec2/natGateway:NatGateway": { source: "internal/service/ec2 resourceNATGateway", replaceOn: ["allocationId", "availabilityMode", "connectivityType", "privateIp", "subnetId", "vpcId"] },
  "aws:ec2/route:Route": { source: "internal/service/ec2 resourceRoute", replaceOn: ["routeTableId"] },
  "aws:ec2/routeTable:RouteTable": { source: "internal/service/ec2 resourceRouteTable", replaceOn: ["vpcId"] },
  "aws:ec2/routeTableAssociation:RouteTableAssociation": { source: "internal/service/ec2 resourceRouteTableAssociation", replaceOn: ["gatewayId", "subnetId"] },
  "aws:ec2/securityGroup:SecurityGroup": { source: "internal/service/ec2 resourceSecurityGroup", replaceOn: ["description", "name", "namePrefix", "vpcId"] },
  "aws:ec2/subnet:Subnet": { source: "internal/service/ec2 resourceSubnet", replaceOn: ["availabilityZone", "availabilityZoneId", "cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength", "ipv6IpamPoolId", "ipv6Native", "ipv6NetmaskLength", "outpostArn", "vpcId"] },
  "aws:ec2/vpc:Vpc": { source: "internal/service/ec2 resourceVPC", replaceOn: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"] },
  "aws:ec2/vpcEndpoint:VpcEndpoint": { source: "internal/service/ec2 resourceVPCEndpoint", replaceOn: ["dnsOptions.privateDnsPreference", "dnsOptions.privateDnsSpecifiedDomains", "resourceConfigurationArn", "serviceName", "serviceNetworkArn", "serviceRegion", "vpcEndpointType", "vpcId"] },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": { source: "internal/service/ecr resourceLifecyclePolicy", replaceOn: ["policy", "repository"] },
  "aws:ecr/replicationConfiguration:ReplicationConfiguration": { source: "internal/service/ecr resourceReplicationConfiguration", replaceOn: [] },
  "aws:ecr/repository:Repository": { source: "internal/service/ecr resourceRepository", replaceOn: ["encryptionConfigurations", "name"] },
  "aws:ecs/cluster:Cluster": { source: "internal/service/ecs resourceCluster", replaceOn: ["name"] },
  "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": { source: "internal/service/ecs resourceClusterCapacityProviders", replaceOn: ["clusterName"] },
  "aws:ecs/service:Service": { source: "internal/service/ecs resourceService", replaceOn: ["cluster", "iamRole", "launchType", "name", "schedulingStrategy"] },
  "aws:ecs/taskDefinition:TaskDefinition": { source: "internal/service/ecs resourceTaskDefinition", replaceOn: ["containerDefinitions", "cpu", "enableFaultInjection", "ephemeralStorage", "executionRoleArn", "family", "ipcMode", "memory", "networkMode", "pidMode", "placementConstraints", "proxyConfiguration", "requiresCompatibilities", "runtimePlatform", "taskRoleArn"] },
  "aws:eks/addon:Addon": { source: "internal/service/eks resourceAddon", replaceOn: ["addonName", "clusterName", "namespaceConfig"] },
  "aws:eks/cluster:Cluster": { source: "internal/service/eks resourceCluster", replaceOn: ["accessConfig.bootstrapClusterCreatorAdminPermissions", "bootstrapSelfManagedAddons", "kubernetesNetworkConfig.ipFamily", "kubernetesNetworkConfig.serviceIpv4Cidr", "name", "outpostConfig.controlPlaneInstanceType", "outpostConfig.controlPlanePlacement.groupName", "outpostConfig.controlPlanePlacement.spreadLevel", "outpostConfig.etcdInstanceType", "outpostConfig.etcdPlacement.spreadLevel", "roleArn"],
    conditional: [
      {
        field: "encryptionConfig",
        reason: "envelope encryption cannot be turned off once on (resourceCluster CustomizeDiff)",
        replaces: (before, after) => before !== undefined && after === undefined,
      },
      {
        field: "vpcConfig.controlPlaneEgressMode",
        reason: "CUSTOMER_ROUTED cannot go back to AWS_MANAGED in place (resourceCluster CustomizeDiff)",
        replaces: (before, after) => before === "CUSTOMER_ROUTED" && after === "AWS_MANAGED",
      },
    ],
  },
  "aws:eks/nodeGroup:NodeGroup": { source: "internal/service/eks resourceNodeGroup", replaceOn: ["amiType", "capacityType", "clusterName", "diskSize", "instanceTypes", "launchTemplate.id", "launchTemplate.name", "nodeGroupName", "nodeGroupNamePrefix", "nodeRoleArn", "remoteAccess", "subnetIds"] },
  "aws:elasticache/parameterGroup:ParameterGroup": { source: "internal/service/elasticache resourceParameterGroup", replaceOn: ["description", "family", "name"] },
  "aws:elasticache/replicationGroup:ReplicationGroup": { source: "internal/service/elasticache resourceReplicationGroup", replaceOn: ["atRestEncryptionEnabled", "dataTieringEnabled", "durability", "globalReplicationGroupId", "kmsKeyId", "networkType", "port", "replicationGroupId", "securityGroupNames", "snapshotArns", "snapshotName", "subnetGroupName"],
    conditional: [
      {
        field: "engineVersion",
        reason: "ElastiCache cannot downgrade an engine in place (engineVersionForceNewOnDowngrade)",
        replaces: (before, after, inputs) => inputs.globalReplicationGroupId === undefined && isVersionDowngrade(before, after),
      },
      {
        field: "engine",
        reason: "an engine change other than redis to valkey creates a new group (customizeDiffEngineForceNewOnDowngrade)",
        replaces: (before, after, inputs) => inputs.globalReplicationGroupId === undefined && !(before === "redis" && after === "valkey"),
      },
    ],
  },
  "aws:elasticache/subnetGroup:SubnetGroup": { source: "internal/service/elasticache resourceSubnetGroup", replaceOn: ["name"] },
  "aws:guardduty/detector:Detector": { source: "internal/service/guardduty resourceDetector", replaceOn: [] },
  "aws:iam/instanceProfile:InstanceProfile": { source: "internal/service/iam resourceInstanceProfile", replaceOn: ["name", "namePrefix", "path"] },
  "aws:iam/policy:Policy": { source: "internal/service/iam resourcePolicy", replaceOn: ["description", "name", "namePrefix", "path"] },
  "aws:iam/role:Role": { source: "internal/service/iam resourceRole", replaceOn: ["name", "namePrefix", "path"] },
  "aws:iam/rolePolicy:RolePolicy": { source: "internal/service/iam resourceRolePolicy", replaceOn: ["name", "namePrefix", "role"] },
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { source: "internal/service/iam resourceRolePolicyAttachment", replaceOn: ["policyArn", "role"] },
  "aws:kms/alias:Alias": { source: "internal/service/kms resourceAlias", replaceOn: ["name", "namePrefix"] },
  "aws:kms/key:Key": { source: "internal/service/kms resourceKey", replaceOn: ["customKeyStoreId", "customerMasterKeySpec", "keyUsage", "multiRegion", "xksKeyId"] },
  "aws:lambda/function:Function": { source: "internal/service/lambda resourceFunction", replaceOn: ["name", "packageType", "tenancyConfig"],
    conditional: [
      {
        field: "durableConfig",
        reason: "adding or removing durable execution creates a new function (resourceFunction CustomizeDiff)",
        replaces: (before, after) => (before === undefined) !== (after === undefined),
      },
    ],
  },
  "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": { source: "internal/service/lambda resourceFunctionEventInvokeConfig", replaceOn: ["functionName", "qualifier"] },
  "aws:lambda/functionUrl:FunctionUrl": { source: "internal/service/lambda resourceFunctionURL", replaceOn: ["functionName", "qualifier"] },
  "aws:lambda/permission:Permission": { source: "internal/service/lambda resourcePermission", replaceOn: ["action", "eventSourceToken", "function", "functionUrlAuthType", "invokedViaFunctionUrl", "principal", "principalOrgId", "qualifier", "sourceAccount", "sourceArn", "statementId", "statementIdPrefix"] },
  "aws:lb/listener:Listener": { source: "internal/service/elbv2 resourceListener", replaceOn: ["loadBalancerArn"] },
  "aws:lb/listenerCertificate:ListenerCertificate": { source: "internal/service/elbv2 resourceListenerCertificate", replaceOn: ["certificateArn", "listenerArn"] },
  "aws:lb/listenerRule:ListenerRule": { source: "internal/service/elbv2 resourceListenerRule", replaceOn: ["listenerArn"] },
  "aws:lb/loadBalancer:LoadBalancer": { source: "internal/service/elbv2 resourceLoadBalancer", replaceOn: ["customerOwnedIpv4Pool", "internal", "loadBalancerType", "name", "namePrefix"] },
  "aws:lb/targetGroup:TargetGroup": { source: "internal/service/elbv2 resourceTargetGroup", replaceOn: ["ipAddressType", "name", "namePrefix", "port", "protocol", "protocolVersion", "targetControlPort", "targetType", "vpcId"] },
  "aws:rds/cluster:Cluster": { source: "internal/service/rds resourceCluster", replaceOn: ["availabilityZones", "clusterIdentifier", "clusterIdentifierPrefix", "clusterScalabilityType", "databaseName", "dbSubnetGroupName", "dbSystemId", "engine", "engineMode", "kmsKeyId", "masterUsername", "restoreToPointInTime", "s3Import.bucketName", "s3Import.bucketPrefix", "s3Import.ingestionRole", "s3Import.sourceEngine", "s3Import.sourceEngineVersion", "snapshotIdentifier", "sourceRegion", "storageEncrypted"],
    conditional: [
      {
        field: "storageType",
        reason: "only Aurora changes a cluster's storage type in place (resourceCluster CustomizeDiff)",
        replaces: (_b, _a, inputs) => !(typeof inputs.engine === "string" && inputs.engine.startsWith("aurora")),
      },
    ],
  },
  "aws:rds/clusterInstance:ClusterInstance": { source: "internal/service/rds resourceClusterInstance", replaceOn: ["availabilityZone", "clusterIdentifier", "customIamInstanceProfile", "dbSubnetGroupName", "engine", "identifier", "identifierPrefix"] },
  "aws:rds/clusterParameterGroup:ClusterParameterGroup": { source: "internal/service/rds resourceClusterParameterGroup", replaceOn: ["description", "family", "name", "namePrefix"] },
  "aws:rds/globalCluster:GlobalCluster": { source: "internal/service/rds resourceGlobalCluster", replaceOn: ["databaseName", "engine", "globalClusterIdentifier", "sourceDbClusterIdentifier", "storageEncrypted"] },
  "aws:rds/instance:Instance": { source: "internal/service/rds resourceInstance", replaceOn: ["availabilityZone", "backupTarget", "characterSetName", "customIamInstanceProfile", "dbName", "engine", "kmsKeyId", "ncharCharacterSetName", "restoreToPointInTime", "s3Import.bucketName", "s3Import.bucketPrefix", "s3Import.ingestionRole", "s3Import.sourceEngine", "s3Import.sourceEngineVersion", "snapshotIdentifier", "storageEncrypted", "timezone", "username"] },
  "aws:rds/parameterGroup:ParameterGroup": { source: "internal/service/rds resourceParameterGroup", replaceOn: ["description", "family", "name", "namePrefix"] },
  "aws:rds/subnetGroup:SubnetGroup": { source: "internal/service/rds resourceSubnetGroup", replaceOn: ["name", "namePrefix"] },
  "aws:route53/healthCheck:HealthCheck": { source: "internal/service/route53 resourceHealthCheck", replaceOn: ["measureLatency", "referenceName", "requestInterval", "routingControlArn", "type"] },
  "aws:route53/record:Record": { source: "internal/service/route53 resourceRecord", replaceOn: ["name", "zoneId"] },
  "aws:route53/zone:Zone": { source: "internal/service/route53 resourceZone", replaceOn: ["delegationSetId", "name"] },
  "aws:s3/bucket:Bucket": { source: "internal/service/s3 resourceBucket", replaceOn: ["bucket", "bucketNamespace", "bucketPrefix", "objectLockConfiguration.objectLockEnabled", "objectLockEnabled"] },
  "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": { source: "internal/service/s3 resourceBucketCorsConfiguration", replaceOn: ["bucket"] },
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": { source: "internal/service/s3 bucketLifecycleConfigurationResource.Schema", replaceOn: ["bucket", "expectedBucketOwner"] },
  "aws:s3/bucketLogging:BucketLogging": { source: "internal/service/s3 resourceBucketLogging", replaceOn: ["bucket"] },
  "aws:s3/bucketNotification:BucketNotification": { source: "internal/service/s3 resourceBucketNotification", replaceOn: ["bucket"] },
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls": { source: "internal/service/s3 resourceBucketOwnershipControls", replaceOn: ["bucket"] },
  "aws:s3/bucketPolicy:BucketPolicy": { source: "internal/service/s3 resourceBucketPolicy", replaceOn: ["bucket"] },
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": { source: "internal/service/s3 resourceBucketPublicAccessBlock", replaceOn: ["bucket"] },
  "aws:s3/bucketReplicationConfig:BucketReplicationConfig": { source: "internal/service/s3 resourceBucketReplicationConfiguration", replaceOn: ["bucket"] },
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": { source: "internal/service/s3 resourceBucketServerSideEncryptionConfiguration", replaceOn: ["bucket"] },
  "aws:s3/bucketVersioning:BucketVersioning": { source: "internal/service/s3 resourceBucketVersioning", replaceOn: ["bucket"] },
  "aws:scheduler/schedule:Schedule": { source: "internal/service/scheduler resourceSchedule", replaceOn: ["groupName", "name", "namePrefix"] },
  "aws:scheduler/scheduleGroup:ScheduleGroup": { source: "internal/service/scheduler resourceScheduleGroup", replaceOn: ["name", "namePrefix"] },
  "aws:secretsmanager/secret:Secret": { source: "internal/service/secretsmanager resourceSecret", replaceOn: ["name", "namePrefix", "type"] },
  // secret_string and secret_string_wo: ForceNewIfChanged in secretVersionForceNewCustomDiffInner.
  "aws:secretsmanager/secretVersion:SecretVersion": { source: "internal/service/secretsmanager resourceSecretVersion", replaceOn: ["secretBinary", "secretId", "secretString", "secretStringWo"] },
  "aws:secretsmanager/secretRotation:SecretRotation": { source: "internal/service/secretsmanager resourceSecretRotation", replaceOn: ["secretId"] },
  "aws:sesv2/configurationSet:ConfigurationSet": { source: "internal/service/sesv2 resourceConfigurationSet", replaceOn: ["configurationSetName"] },
  "aws:sesv2/configurationSetEventDestination:ConfigurationSetEventDestination": {
    source: "internal/service/sesv2 resourceConfigurationSetEventDestination",
    replaceOn: ["configurationSetName", "eventDestinationName"],
  },
  "aws:sesv2/emailIdentity:EmailIdentity": { source: "internal/service/sesv2 resourceEmailIdentity", replaceOn: ["emailIdentity"] },
  "aws:sns/smsPreferences:SmsPreferences": { source: "internal/service/sns resourceSMSPreferences (every attribute Optional, none ForceNew)", replaceOn: [] },
  "aws:sns/topic:Topic": { source: "internal/service/sns topicSchema", replaceOn: ["fifoTopic", "name", "namePrefix"] },
  "aws:sns/topicPolicy:TopicPolicy": { source: "internal/service/sns resourceTopicPolicy", replaceOn: ["arn"] },
  "aws:sns/topicSubscription:TopicSubscription": { source: "internal/service/sns subscriptionSchema", replaceOn: ["endpoint", "protocol", "topic"] },
  "aws:sqs/queue:Queue": { source: "internal/service/sqs queueSchema", replaceOn: ["fifoQueue", "name", "namePrefix"] },
  "aws:sqs/queuePolicy:QueuePolicy": { source: "internal/service/sqs resourceQueuePolicy", replaceOn: ["queueUrl"] },
  "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": { source: "internal/service/ec2 securityGroupRuleResource.Schema", replaceOn: ["securityGroupId"] },
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": { source: "internal/service/ec2 securityGroupRuleResource.Schema", replaceOn: ["securityGroupId"] },
  "aws:wafv2/webAcl:WebAcl": { source: "internal/service/wafv2 resourceWebACL", replaceOn: ["name", "namePrefix", "scope"] },
  "aws:wafv2/webAclAssociation:WebAclAssociation": { source: "internal/service/wafv2 resourceWebACLAssociation", replaceOn: ["resourceArn", "webAclArn"] },
};

/** `t4g.small`, `m7g.large`: the processor letter `g` after the generation digit (AWS Graviton). */
function isGraviton(instanceType: unknown): boolean {
  return typeof instanceType === "string" && /^[a-z]+\d+[a-z]*g[a-z]*\./.test(instanceType);
}

/**
 * Kubernetes objects as pulumi-kubernetes diffs them (provider/pkg/provider/diff.go, `forceNew`):
 * every kind is replaced when `metadata.name` or `metadata.namespace` changes, and some kinds on
 * immutable fields of their own.
 */
const kubernetesSource = { provider: "pulumi/pulumi-kubernetes", source: "provider/pkg/provider diff.go forceNew" };
const metadata = ["metadata.name", "metadata.namespace"];
const kubernetesRules: Record<string, ReplacementRule> = {
  "kubernetes:apps/v1:Deployment": { ...kubernetesSource, replaceOn: [...metadata, "spec.selector"] },
  "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": { ...kubernetesSource, replaceOn: metadata },
  // Like a Secret: without the provider's enableConfigMapMutable (off by default), new data is a new object.
  "kubernetes:core/v1:ConfigMap": { ...kubernetesSource, replaceOn: [...metadata, "data", "binaryData"] },
  "kubernetes:core/v1:Namespace": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:core/v1:Secret": { ...kubernetesSource, replaceOn: [...metadata, "type", "stringData", "data"] },
  "kubernetes:core/v1:Service": { ...kubernetesSource, replaceOn: [...metadata, "spec.clusterIP"] },
  "kubernetes:core/v1:ServiceAccount": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:external-secrets.io/v1:ExternalSecret": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:external-secrets.io/v1:SecretStore": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:monitoring.coreos.com/v1:PrometheusRule": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:networking.k8s.io/v1:Ingress": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:policy/v1:PodDisruptionBudget": { ...kubernetesSource, replaceOn: metadata },
  "kubernetes:storage.k8s.io/v1:StorageClass": { ...kubernetesSource, replaceOn: [...metadata, "parameters", "provisioner"] },
  // A Helm release is named within its namespace: Helm upgrades a release in place and has no
  // rename, so another name or namespace is another release (and the old one is uninstalled).
  "kubernetes:helm.sh/v3:Release": { provider: "helm (release identity)", source: "helm upgrade <release> --namespace <namespace>", replaceOn: ["name", "namespace"] },
};

const otherRules: Record<string, ReplacementRule> = {
  // Every attribute of random_password carries RequiresReplace: a new length or alphabet is a new value.
  "random:index/randomPassword:RandomPassword": {
    provider: "hashicorp/terraform-provider-random",
    source: "internal/provider resource_password.go passwordSchemaV3",
    replaceOn: ["keepers", "length", "lower", "minLower", "minNumeric", "minSpecial", "minUpper", "number", "numeric", "overrideSpecial", "special", "upper"],
  },
  // A StackReference is a read of another stack: another name reads another stack.
  "pulumi:pulumi:StackReference": { provider: "pulumi/pulumi", source: "StackReference (a read resource)", replaceOn: ["name"] },
};

/**
 * Component resources the mock cloud answers as one resource (awsx, @pulumi/eks): their own
 * children are created by the component's provider, which the offline render does not run, so a
 * change to their inputs is reported as an update of the component, and its effect on the
 * children is not modelled.
 */
export const remoteComponentTypes: readonly string[] = ["awsx:ec2:Vpc", "eks:index:Cluster"];

export const replacementRules: Readonly<Record<string, ReplacementRule>> = { ...awsRules, ...kubernetesRules, ...otherRules };

/** The rule of a resource type; an unknown type is an error, so a new type cannot be diffed by guess. */
export function replacementRuleFor(type: string): ReplacementRule {
  const rule = replacementRules[type];
  if (!rule) throw new Error(`no replacement rules for ${type}: add the provider's ForceNew attributes to offline/plan-diff/replacement-rules.ts`);
  return rule;
}
