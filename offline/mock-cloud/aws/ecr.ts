import { record, records, str } from "../inputs";
import { ResourceModel } from "../model";
import { arnOf } from "./shared";

export const ecrResources: Record<string, ResourceModel> = {
  "aws:ecr/repository:Repository": (ctx) => {
    const name = String(ctx.inputs.name);
    return {
      id: name,
      state: {
        arn: arnOf(ctx, "ecr", `repository/${name}`),
        registryId: ctx.accountId,
        repositoryUrl: `${ctx.accountId}.dkr.ecr.${ctx.region}.amazonaws.com/${name}`,
      },
    };
  },
  /**
   * The registry's replication configuration: one per registry (account and region). ECR refuses a
   * destination that is the source registry itself, more than 10 rules, 25 destinations or 100 filters.
   */
  "aws:ecr/replicationConfiguration:ReplicationConfiguration": (ctx) => {
    const rules = records(record(ctx.inputs, "replicationConfiguration"), "rules") ?? [];
    if (rules.length === 0 || rules.length > 10) throw new Error(`${ctx.name}: a replication configuration has 1-10 rules`);
    for (const rule of rules) {
      const destinations = records(rule, "destinations") ?? [];
      if (destinations.length === 0 || destinations.length > 25) throw new Error(`${ctx.name}: a rule has 1-25 destinations`);
      for (const d of destinations) {
        const registryId = str(d, "registryId");
        if (!/^\d{12}$/.test(String(registryId))) throw new Error(`${ctx.name}: destination registryId ${registryId} is not an account id`);
        if (d.region === ctx.region && registryId === ctx.accountId) throw new Error(`${ctx.name}: ECR cannot replicate registry ${ctx.accountId} in ${ctx.region} into itself`);
      }
      const filters = records(rule, "repositoryFilters") ?? [];
      if (filters.length > 100) throw new Error(`${ctx.name}: a rule has at most 100 repository filters`);
      for (const f of filters) {
        const filterType = str(f, "filterType");
        if (filterType !== "PREFIX_MATCH") throw new Error(`${ctx.name}: filterType ${filterType} (ECR knows PREFIX_MATCH only)`);
      }
    }
    return { id: ctx.accountId, state: { registryId: ctx.accountId } };
  },
  "aws:ecr/lifecyclePolicy:LifecyclePolicy": (ctx) => ({ id: String(ctx.inputs.repository), state: { registryId: ctx.accountId } }),
};
